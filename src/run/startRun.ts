import type { QueryClient } from '@tanstack/react-query';
import type { OmniClient, RunQueryBody } from '../client/OmniClient.js';
import { OmniError } from '../errors/OmniError.js';
import type { OmniQuery } from '../query/omniQuerySchema.js';
import type { RunResponse } from '../wire/createWaitBodyParser.js';
import { jobQueryKey } from '../wait/jobQueryKey.js';
import { nextJobRecord } from '../wait/nextJobRecord.js';
import type { OmniQuerySettings } from '../query/OmniQuerySettings.js';
import type { RunRecord } from './runQueryOptions.js';

/**
 * Sends one `POST /run` for `query` and hands its jobs to the per-job cache entries, so that they
 * are followed by the same machinery (and the same wait requests) as `useQueryResults`:
 * - a job that finished inside the run answer is decoded into its entry at once: no wait request;
 * - a job still running gets a pending record whose clock starts at the run, so `maxWaitMs` and
 *   `progress.startedAt` count from the moment the query was submitted.
 *
 * The request is never aborted: Omni has no cancel, the job runs anyway, and its answer is kept for
 * when the query comes back. When the stream breaks after the `jobs_submitted` header, the jobs
 * named there exist and are followed with `wait`, never run again.
 *
 * @throws the client's `OmniError` (`http`, `network`, `schema`) when the run failed before it named
 *   a job; `schema` when a complete answer named none.
 */
export async function startRun(
  client: OmniClient,
  queryClient: QueryClient,
  query: OmniQuery,
  input: OmniQuerySettings,
): Promise<RunRecord> {
  const startedAt = Date.now();
  const body: RunQueryBody = { query };
  if (input.cache !== undefined) body.cache = input.cache;
  if (input.branchId !== undefined) body.branchId = input.branchId;
  if (input.userId !== undefined) body.userId = input.userId;
  const response = await client.run(body);
  const jobIds = submittedJobIds(response);
  const jobId = jobIds[0];
  if (jobId === undefined) {
    throw (
      response.streamError ??
      new OmniError('schema', 'Omni answered the run without naming a job for the query (no jobs_submitted header or job line)')
    );
  }
  const answeredAt = Date.now();
  for (const id of jobIds) {
    const key = jobQueryKey(client, id, input.int64);
    const existing = queryClient.getQueryData(key);
    if (existing !== undefined && existing.status !== 'pending') continue;
    const line = response.jobs.findLast((candidate) => candidate.jobId === id);
    const record = nextJobRecord(existing, line ?? 'pending', {
      jobId: id,
      firstRequestedAt: existing?.firstRequestedAt ?? startedAt,
      answeredAt,
      int64: input.int64,
    });
    queryClient.setQueryData(key, record);
  }
  return { jobId, jobIds, startedAt, answeredAt };
}

/** The run's jobs: the header's, else (a body without header) those its lines and footer name. */
function submittedJobIds(response: RunResponse): string[] {
  const ids = new Set(Object.keys(response.jobsSubmitted));
  if (ids.size > 0) return [...ids];
  for (const line of response.jobs) ids.add(line.jobId);
  for (const id of response.remainingJobIds ?? []) ids.add(id);
  return [...ids];
}
