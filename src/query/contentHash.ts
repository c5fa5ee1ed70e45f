/**
 * One string per content: two values that differ only in key order, `undefined` entries or identity
 * hash equally. Plain objects and arrays count by content (object keys sorted, arrays in order);
 * `bigint`s by value; anything else that is an object or a function (a class instance, a schema, a
 * callback) by identity, since its content is not data. The hooks memoise by it, and
 * {@link canonicalQuery} is the value it describes, so that equal hashes mean one key and one run.
 */
export function contentHash(value: unknown): string {
  return JSON.stringify(value, (_key, entry: unknown) => {
    if (typeof entry === 'bigint') return { $bigint: entry.toString() };
    if (typeof entry === 'function') return { $ref: identityOf(entry) };
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return entry;
    if (!isPlainObject(entry)) return { $ref: identityOf(entry) };
    // No prototype: a `__proto__` key (JSON.parse makes it an own key) stays a key and counts.
    const sorted: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const key of Object.keys(entry).sort()) sorted[key] = entry[key];
    return sorted;
  });
}

/**
 * `value` with the keys of every plain object sorted, arrays in their order: two queries that differ
 * only in key order become equal data, so they share one query key and one run. `undefined` entries
 * are dropped, as {@link contentHash} ignores them; other values are kept as they are.
 */
export function canonicalQuery<T>(value: T): T {
  return sortKeys(value) as T;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isPlainObject(value)) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const entry = value[key];
    if (entry !== undefined) sorted[key] = sortKeys(entry);
  }
  return sorted;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

const identities = new WeakMap<object, number>();
let nextIdentity = 0;

function identityOf(value: object): number {
  let id = identities.get(value);
  if (id === undefined) {
    id = ++nextIdentity;
    identities.set(value, id);
  }
  return id;
}
