import type { Int64Policy } from '../decode/DecodeOptions.js';

/** Omni's cache policy of a run: `Standard` (Omni's default), `SkipRequery` or `SkipCache`. */
export type RunCachePolicy = 'Standard' | 'SkipRequery' | 'SkipCache';

/**
 * What besides the query makes a run distinct: the parts of the run body, and the decode policy.
 * The one list of these settings: options take them, `startRun` sends them, keys hold them.
 */
export interface OmniQuerySettings {
  /** The run body's `cache`. `undefined`: Omni's default. */
  cache?: RunCachePolicy | undefined;
  /** The run body's `branchId`. `undefined`: the model's main branch. */
  branchId?: string | undefined;
  /** The run body's `userId`. `undefined`: the key's own user. */
  userId?: string | undefined;
  /** How Int64 columns decode. `undefined` or `auto`: the default, which a key leaves out. */
  int64?: Int64Policy | undefined;
}

/**
 * The settings of `input` as a key holds them: only what is set, and `int64` only when it is not
 * the default `auto`, so that equal runs hash equally. The one place that picks them.
 */
export function pickQuerySettings(input: OmniQuerySettings): OmniQuerySettings {
  const settings: OmniQuerySettings = {};
  if (input.cache !== undefined) settings.cache = input.cache;
  if (input.branchId !== undefined) settings.branchId = input.branchId;
  if (input.userId !== undefined) settings.userId = input.userId;
  if (input.int64 !== undefined && input.int64 !== 'auto') settings.int64 = input.int64;
  return settings;
}
