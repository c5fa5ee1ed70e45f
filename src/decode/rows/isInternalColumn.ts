/**
 * Whether a column name follows one of Omni's internal patterns: `$omni_*` (grouping and totals
 * bookkeeping), `ssort_*` (sort keys) and `*__raw` (raw twins of formatted fields). Such columns
 * are hidden by default even when the query lists them.
 */
export function isInternalColumn(name: string): boolean {
  return name.startsWith('$omni_') || name.startsWith('ssort_') || name.endsWith('__raw');
}
