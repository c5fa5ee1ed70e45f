import type { SummaryField } from '../wire/summarySchema.js';

/**
 * How Int64 and UInt64 values (and other 64-bit integer counts: durations, time64, interval
 * nanoseconds) become JavaScript values. No policy ever returns a rounded number.
 * - `auto` (default): a `number` when the value is a safe integer (|v| ≤ 2^53 − 1), otherwise an exact `bigint`.
 * - `bigint`: always a `bigint`, even for small values.
 * - `string`: a `number` when safe, otherwise the exact decimal string (`"9007199254740993"`), so rows stay
 *   `JSON.stringify`-able.
 */
export type Int64Policy = 'auto' | 'bigint' | 'string';

/** Options of {@link decodeTable}: what affects how values are converted, shared by every view. */
export interface DecodeTableOptions {
  /** The job the result belongs to; only used as context of a `decode` error. */
  jobId?: string;
  /** Policy for 64-bit integers beyond ±2^53. Default `auto`. */
  int64?: Int64Policy;
}

/** Options of {@link selectView}: which columns a component sees and their Omni metadata. */
export interface ViewOptions {
  /**
   * The fields the query asked for (`query.model_job.fields`), in display order. When non-empty, the
   * visible columns are exactly these fields, in this order (fields missing from the table are skipped).
   * An empty list counts as absent.
   */
  fields?: readonly string[] | undefined;
  /**
   * Omni's field metadata (`summary.fields`), keyed by fully qualified name. Joined into each
   * {@link FieldInfo}; when `fields` is absent, its keys pick the visible columns.
   */
  summaryFields?: Readonly<Record<string, SummaryField>> | undefined;
  /** Show Omni-internal columns too (`$omni_*`, `ssort_*`, `*__raw`, unrequested fields). Default `false`. */
  includeInternalColumns?: boolean;
}

/** Options of {@link decodeResult}: the union of {@link DecodeTableOptions} and {@link ViewOptions}. */
export interface DecodeOptions extends DecodeTableOptions, ViewOptions {}
