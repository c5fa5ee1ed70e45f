import type { OmniClient, OmniRequestInit } from '../../src/client/OmniClient.js';
import { jobLineSchema, type JobLine } from '../../src/wire/jobLineSchema.js';
import type { WaitResponse } from '../../src/wire/createWaitBodyParser.js';

/** One call of the in-test client's `wait`, which the test answers by hand. */
export interface WaitCall {
  ids: string[];
  signal: AbortSignal | undefined;
  /** Streams a job line to the caller, as the real client does while the body arrives. */
  emit(line: JobLine): void;
  /** Ends the answer; `jobs` defaults to the lines emitted so far. */
  answer(response: Partial<WaitResponse>): void;
  fail(error: unknown): void;
  settled: boolean;
}

/**
 * A hand-driven stand-in for an OmniClient, for unit tests of the layer above the client only (the
 * hook tests go through msw and the real client). Each `wait` records a call that the test answers.
 */
export function fakeWaitClient() {
  const calls: WaitCall[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const client: OmniClient = {
    key: 'https://fake.example',
    wait(jobIds: readonly string[], init: OmniRequestInit = {}) {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const emitted: JobLine[] = [];
      return new Promise<WaitResponse>((resolve, reject) => {
        const call: WaitCall = {
          ids: [...jobIds],
          signal: init.signal,
          settled: false,
          emit(line) {
            emitted.push(line);
            init.onJob?.(line);
          },
          answer(response) {
            if (call.settled) return;
            call.settled = true;
            inFlight -= 1;
            resolve({ jobs: emitted, remainingJobIds: [], timedOut: false, streamError: undefined, ...response });
          },
          fail(error) {
            if (call.settled) return;
            call.settled = true;
            inFlight -= 1;
            reject(error);
          },
        };
        init.signal?.addEventListener('abort', () => call.fail(init.signal?.reason), { once: true });
        calls.push(call);
      });
    },
    documentQueries() {
      throw new Error('fakeWaitClient does not list documents');
    },
    run() {
      throw new Error('run is not used by these tests');
    },
  };
  return {
    client,
    calls,
    get maxInFlight() {
      return maxInFlight;
    },
    get inFlight() {
      return inFlight;
    },
  };
}

/** A validated job line. */
export function line(jobId: string, status: string, extra: Record<string, unknown> = {}): JobLine {
  return jobLineSchema.parse({ job_id: jobId, status, ...extra });
}
