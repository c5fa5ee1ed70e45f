import { OmniError } from '../errors/OmniError.js';

/** The outcome of {@link validateJobIds}: the distinct ids in input order, or why the input is unusable. */
export type ValidatedJobIds = { ok: true; ids: string[] } | { ok: false; error: OmniError };

/**
 * Checks the job ids a component passed before anything is sent.
 *
 * - `null`, `undefined` and `[]` are valid and give no ids (the hook is idle).
 * - Anything but an array, and any id that is not a non-empty string (blank strings included), gives
 *   an `OmniError` of kind `schema` naming the first bad position and what was found there.
 * - Duplicates are removed; the first occurrence keeps its place.
 */
export function validateJobIds(input: unknown): ValidatedJobIds {
  if (input === null || input === undefined) return { ok: true, ids: [] };
  if (!Array.isArray(input)) {
    return {
      ok: false,
      error: new OmniError('schema', `Job ids must be an array of strings, but got ${describe(input)}`),
    };
  }
  const seen = new Set<string>();
  for (let index = 0; index < input.length; index += 1) {
    const id: unknown = input[index];
    if (typeof id !== 'string' || id.trim() === '') {
      return {
        ok: false,
        error: new OmniError(
          'schema',
          `Job id at position ${index} must be a non-empty string, but got ${describe(id)}; nothing was sent`,
        ),
      };
    }
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
