/** What the cache holds for the run of one query: the job Omni made for it. Immutable. */
export interface RunRecord {
  /** The query's job: the first job the run's `jobs_submitted` header named. Always set. */
  readonly jobId: string;
  /** Every job the run named, in the header's order (almost always just `jobId`). */
  readonly jobIds: readonly string[];
  /** Epoch ms the run was sent. */
  readonly startedAt: number;
  /** Epoch ms its answer ended. */
  readonly answeredAt: number;
}
