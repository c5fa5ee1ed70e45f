import type { z } from 'zod';

/**
 * A zod object schema of one row, keyed by fully qualified field name:
 * `z.object({ 'products.brand': z.string(), 'order_items.count': z.number() })`. Passed as the `rows`
 * option of `decodeResult`, `omniQueryOptions`, `useOmniQuery` and `useSuspenseOmniQuery`, it checks
 * every row of a finished result once and types `rows` as its output. Keys it does not name are left
 * out of the typed rows (`z.looseObject` keeps them).
 */
export type RowsSchema = z.ZodObject<z.core.$ZodShape, z.core.$ZodObjectConfig>;

/** The type of one row checked by `S`: the schema's output. */
export type RowOf<S extends RowsSchema> = z.output<S>;
