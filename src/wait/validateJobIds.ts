import { OmniError } from '../errors/OmniError.js';
import { parseJobIds } from '../rules/parseJobIds.js';

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
  const checked = parseJobIds(input);
  if (checked.ok) return checked;
  const message =
    checked.index === undefined
      ? `Job ids must be an array of strings, but got ${checked.found}`
      : `Job id at position ${checked.index} must be a non-empty string, but got ${checked.found}; nothing was sent`;
  return { ok: false, error: new OmniError('schema', message) };
}
