import type { JobResult } from '../results/JobResult.js';
import type { JobRecord } from '../wait/JobRecord.js';

/** What a finished-result view was made from: enough to make it again in another process. */
export interface ResultSource {
  readonly record: JobRecord;
  readonly includeInternalColumns: boolean;
}

/** Keyed by the view, so the record lives exactly as long as a cache entry holds the view. */
const sources = new WeakMap<JobResult, ResultSource>();

/** Records which job record (and column choice) `view` shows. */
export function rememberResultSource(view: JobResult, source: ResultSource): void {
  sources.set(view, source);
}

/** What `view` was made from; `undefined` for a view `jobResultView` did not make from a record. */
export function resultSourceOf(view: unknown): ResultSource | undefined {
  return typeof view === 'object' && view !== null ? sources.get(view as JobResult) : undefined;
}
