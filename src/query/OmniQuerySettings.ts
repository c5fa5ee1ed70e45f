import type { Int64Policy } from '../decode/DecodeOptions.js';

/** Omni's cache policy of a run: `Standard` (Omni's default), `SkipRequery` or `SkipCache`. */
export type RunCachePolicy = 'Standard' | 'SkipRequery' | 'SkipCache';

/** What besides the query makes a run distinct: the parts of the run body, and the decode policy. */
export interface OmniQuerySettings {
  /** The run body's `cache`. `undefined`: Omni's default. */
  readonly cache?: RunCachePolicy | undefined;
  /** The run body's `branchId`. `undefined`: the model's main branch. */
  readonly branchId?: string | undefined;
  /** The run body's `userId`. `undefined`: the key's own user. */
  readonly userId?: string | undefined;
  /** Set only for an Int64 policy other than `auto`: its decoded values differ, so its entries do too. */
  readonly int64?: Exclude<Int64Policy, 'auto'> | undefined;
}
