import type { OmniQuery } from '../../src/index.js';
import { createFakeOmni, type FakeJob, type FakeOmni, type FakeOmniOptions } from '../../src/testing/index.js';
import { FAKE_OMNI_ORIGIN } from './fakeOrigin.js';

/** One `POST /run` the fake answered: the job it started and the query it ran. */
export interface FakeRun {
  jobId: string;
  query: OmniQuery;
}

/** Options of {@link createRunFake}. */
export interface RunFakeOptions {
  /** The job a run starts, from its query (`n`: 1 for the first run). Without `finishAfterPolls` it is done in the run's own answer. */
  jobFor(query: OmniQuery, n: number): FakeJob;
  /** How long the fake holds a wait (or a run) with nothing finished, in ms. Default 2000, a long poll. */
  holdMs?: number;
  /** The queries of each document the fake serves (`GET /api/v1/documents/{id}/queries`). Default: none. */
  documents?: FakeOmniOptions['documents'];
}

/** A fake Omni whose runs are answered from their query, with a log of them and a switch to hold new runs. */
export interface RunFake {
  readonly handle: FakeOmni['handle'];
  readonly omni: FakeOmni;
  /** Every run answered, in order. */
  readonly runs: FakeRun[];
  /** While on, new runs' jobs keep running until {@link RunFake.releaseHeld}. */
  hold(on: boolean): void;
  /** Finishes every held job now. */
  releaseHeld(): void;
  /** `POST /run` requests in the fake's request log. */
  runRequests(): FakeOmni['requests'];
}

/** Creates a {@link RunFake} on the stories' fake origin: the testing kit's fake, with a `runs` function. */
export function createRunFake(options: RunFakeOptions): RunFake {
  let holding = false;
  const held: string[] = [];
  const runs: FakeRun[] = [];
  const omni = createFakeOmni({
    baseUrl: FAKE_OMNI_ORIGIN,
    holdMs: options.holdMs ?? 2000,
    ...(options.documents ? { documents: options.documents } : {}),
    runs: (body) => {
      const query = body.query as unknown as OmniQuery;
      // One id per run, so that two runs of one query are two jobs, as in Omni.
      const jobId = `run-${runs.length + 1}`;
      runs.push({ jobId, query });
      const job = { ...options.jobFor(query, runs.length), id: jobId };
      if (!holding) return job;
      held.push(jobId);
      return { ...job, held: true };
    },
  });
  return {
    handle: omni.handle,
    omni,
    runs,
    hold(on) {
      holding = on;
    },
    releaseHeld() {
      omni.release(...held.splice(0));
    },
    runRequests: () => omni.requests.filter((request) => request.endpoint === 'run'),
  };
}
