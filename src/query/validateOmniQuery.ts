import { OmniError } from '../errors/OmniError.js';
import { misspelledQueryKey } from './misspelledQueryKey.js';
import { omniQuerySchema, type OmniQuery } from './omniQuerySchema.js';

/** The outcome of {@link validateOmniQuery}. */
export type ValidatedOmniQuery = { ok: true; query: OmniQuery } | { ok: false; error: OmniError };

/**
 * Checks a query before anything is sent: `modelId`, `table` and a non-empty `fields` array are
 * required, `limit` is a positive integer or `null`, and `branchId` belongs in the options, not the
 * query. The failure is an `OmniError` of kind `schema` whose message names the field
 * (`query.limit must be a positive integer or null`). Unknown keys pass through to Omni, except
 * known misspellings (`model_id`, `sort_descending` outside `sorts`, `userId` inside the query, …),
 * which Omni would silently drop: those fail with `did you mean …?` (see {@link misspelledQueryKey}).
 */
export function validateOmniQuery(query: unknown): ValidatedOmniQuery {
  if (typeof query === 'object' && query !== null && !Array.isArray(query)) {
    // Checked first: `model_id` alone would otherwise read as a missing `modelId`.
    const misspelled = misspelledQueryKey(query as Record<string, unknown>);
    if (misspelled !== undefined) return { ok: false, error: new OmniError('schema', `${misspelled}; nothing was sent`) };
  }
  const parsed = omniQuerySchema.safeParse(query);
  if (parsed.success) return { ok: true, query: parsed.data };
  const issue = parsed.error.issues[0];
  const path = ['query', ...(issue?.path ?? [])].map(String).join('.');
  const message =
    typeof query !== 'object' || query === null || Array.isArray(query)
      ? `An Omni query must be an object like { modelId, table, fields }; nothing was sent`
      : `${path} ${issue?.message ?? 'is invalid'}; nothing was sent`;
  return { ok: false, error: new OmniError('schema', message, { cause: parsed.error }) };
}
