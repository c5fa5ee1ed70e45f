/**
 * Keys for a list of column (or struct child) names that may repeat. The first occurrence keeps its
 * name; each later one gets the first free ` (2)`, ` (3)`, … suffix that is neither taken nor some
 * other column's own name, so that rows and column maps never lose a column to a duplicate key.
 */
export function uniqueKeys(names: readonly string[]): string[] {
  const originals = new Set(names);
  const used = new Set<string>();
  return names.map((name) => {
    let key = name;
    let k = 1;
    while (used.has(key) || (key !== name && originals.has(key))) key = `${name} (${++k})`;
    used.add(key);
    return key;
  });
}
