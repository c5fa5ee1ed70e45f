import type { RunQueryBody } from '../../src/index.js';
import type { OmniQuery } from '../../src/query/omniQuerySchema.js';
import { createFakeOmni, type FakeJobSpec, type FakeOmniWithHandlers as FakeOmni } from '../../test/fakeOmni.js';
import { FAKE_OMNI_ORIGIN } from './fakeOrigin.js';

/** One `POST /run` the fake answered: the job it started and the query it ran. */
export interface FakeRun {
  jobId: string;
  query: OmniQuery;
}

/** Options of {@link createRunFake}. */
export interface RunFakeOptions {
  /** The job a run starts, from its query (`n`: 1 for the first run). Without `finishAfterPolls` it is done in the run's own answer. */
  jobFor(query: OmniQuery, n: number): Omit<FakeJobSpec, 'id'>;
  /** How long the fake holds a wait (or a run) with nothing finished, in ms. Default 2000, a long poll. */
  holdMs?: number;
}

/** A fake Omni whose runs are answered from their query, with a log of them and a switch to hold new runs. */
export interface RunFake {
  readonly handlers: FakeOmni['handlers'];
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

/** Creates a {@link RunFake} on the stories' fake origin. */
export function createRunFake(options: RunFakeOptions): RunFake {
  let holding = false;
  const held: string[] = [];
  const runs: FakeRun[] = [];
  const omni = createFakeOmni({
    baseUrl: FAKE_OMNI_ORIGIN,
    holdMs: options.holdMs ?? 2000,
    onRun: (body) => {
      const { query } = body as RunQueryBody;
      const jobId = `run-${runs.length + 1}`;
      runs.push({ jobId, query });
      const spec: FakeJobSpec = { ...options.jobFor(query, runs.length), id: jobId };
      if (!holding) return spec;
      held.push(jobId);
      return { ...spec, finishAfterPolls: Infinity };
    },
  });
  return {
    handlers: omni.handlers,
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
