import type { z } from 'zod';

/**
 * Omni leaves optional fields out, or sends them as `null`: accept both and hand the rest of the
 * library a plain `undefined`, so inside we only ever test for one absent value.
 */
export function optional<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((value) => value ?? undefined);
}
