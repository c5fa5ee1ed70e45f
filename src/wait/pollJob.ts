import type { Int64Policy } from '../decode/DecodeOptions.js';
import { loadCodecs } from '../decode/ipc/loadCodecs.js';
import { needsCodecs } from '../decode/ipc/MissingCodecs.js';
import { OmniError } from '../errors/OmniError.js';
import type { JobRecord } from './JobRecord.js';
import { nextJobRecord } from './nextJobRecord.js';
import type { WaitBatcher } from './WaitBatcher.js';

/** Default of `maxWaitMs`: ten minutes from the first request of a job. */
export const DEFAULT_MAX_WAIT_MS = 10 * 60_000;

/** Options of {@link pollJob}. */
export interface PollJobOptions {
  jobId: string;
  /** The job's record so far; `undefined` before the first answer. */
  previous: JobRecord | undefined;
  /** Epoch ms the job was first asked for. */
  firstRequestedAt: number;
  /** How long after `firstRequestedAt` to give up. Default {@link DEFAULT_MAX_WAIT_MS}. */
  maxWaitMs?: number | undefined;
  /** Int64 policy for decoding. Default `auto`. */
  int64?: Int64Policy | undefined;
  /** Aborts this caller's wait (react-query's signal). */
  signal?: AbortSignal;
}

/**
 * One poll of one job: asks the batcher (so it shares the next wait request with every other job of
 * the client) and turns the answer into the next {@link JobRecord}.
 *
 * - A terminal record is returned as it is: a finished job is never asked for again.
 * - The wait is cut at the `maxWaitMs` deadline, so a long poll never runs past it.
 * @throws OmniError `timeout` (with `jobId`) once the deadline has passed; the batcher's request-wide
 *   error (`http`, `network`, `schema`); or `signal.reason` when aborted.
 */
export async function pollJob(batcher: WaitBatcher, options: PollJobOptions): Promise<JobRecord> {
  const { jobId, previous, firstRequestedAt, signal } = options;
  if (previous !== undefined && previous.status !== 'pending') return previous;
  const maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
  const timeout = () => new OmniError('timeout', `Omni job ${jobId} did not finish within ${describeMs(maxWaitMs)}`, { jobId });
  const left = firstRequestedAt + maxWaitMs - Date.now();
  if (left <= 0) throw timeout();
  signal?.throwIfAborted();

  // At the deadline the batcher drops this caller and rejects with the timeout error (the abort
  // reason); when no other job waits, that aborts the HTTP request too.
  const deadline = new AbortController();
  const forward = () => deadline.abort(signal?.reason);
  signal?.addEventListener('abort', forward, { once: true });
  const timer = setTimeout(() => deadline.abort(timeout()), left);
  try {
    const outcome = await batcher.wait(jobId, deadline.signal);
    const context = { jobId, firstRequestedAt, answeredAt: Date.now(), int64: options.int64 };
    const record = nextJobRecord(previous, outcome, context);
    if (record.status !== 'error' || !needsCodecs(record.error)) return record;
    // A compressed result: fetch the codecs (a chunk uncompressed results never load) and decode again.
    try {
      await loadCodecs();
    } catch {
      return record; // its decode error names the import that registers the codecs
    }
    return nextJobRecord(previous, outcome, context);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', forward);
  }
}

function describeMs(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms >= 1_000 && ms % 1_000 === 0) return `${ms / 1_000} s`;
  return `${ms} ms`;
}
