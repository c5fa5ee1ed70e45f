/**
 * What {@link parseJobIds} found: the distinct ids in input order, or the first thing that is not a
 * job id. `index` is `undefined` when the input itself is not an array; `found` describes the value
 * in words (`"an empty string"`, `"a number"`, …), never quoting it.
 */
export type ParsedJobIds = { ok: true; ids: string[] } | { ok: false; index: number | undefined; found: string };

/**
 * The one rule for a job id, shared by the client, the hooks and the proxy: a string that is not
 * empty or blank.
 */
export function isJobId(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/**
 * The job ids of a client call (which throws a `TypeError`) or a hook (which reports an `OmniError`
 * of kind `schema`): an array of ids that pass {@link isJobId}. Duplicates are removed; the first
 * occurrence keeps its place.
 */
export function parseJobIds(input: unknown): ParsedJobIds {
  if (!Array.isArray(input)) return { ok: false, index: undefined, found: describe(input) };
  const seen = new Set<string>();
  for (let index = 0; index < input.length; index += 1) {
    const id: unknown = input[index];
    if (!isJobId(id)) return { ok: false, index, found: describe(id) };
    seen.add(id);
  }
  return { ok: true, ids: [...seen] };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value === '' ? 'an empty string' : value.trim() === '' ? 'a blank string' : 'a string';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
