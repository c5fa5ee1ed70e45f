import { PROXY_CACHE_HEADER, proxyErrorResponse } from '../headers.js';
import { reportError } from '../reportError.js';
import type { ResolvedProxyOptions } from '../resolveProxyOptions.js';
import type { LocalRunOutcome, ProxyState } from './createProxyState.js';
import type { StoredResult } from './createResultShelf.js';
import { gatewayAnswers } from './gatewayAnswers.js';
import type { GatewayKeys } from './gatewayKeys.js';
import type { RunHashes } from './runHashes.js';
import { CLIENT_CLOSED_REQUEST, submitRun, type FailedRun, type RunHooks } from './submitRun.js';

/** A claim lives this long unless its holder renews it: a holder that died frees the run within it. */
export const CLAIM_TTL_MS = 15_000;
/** A published run is joined for this long; by then its jobs are long finished or followed by waits. */
const SUBMITTED_TTL_MS = 10 * 60_000;
/** Longest a browser waits for someone else's claim to turn into job ids before it is answered 503. */
const JOIN_PATIENCE_MS = 90_000;

/** The run record under a run key: claimed (being submitted) or submitted (its job ids). */
type RunRecord = { state: 'claimed' } | { state: 'submitted'; jobs: Record<string, string | null> };

const CLAIMED = JSON.stringify({ state: 'claimed' } satisfies RunRecord);

/** One run as the gateway shares it. */
export interface SharedRun {
  request: Request;
  token: string;
  keys: GatewayKeys;
  hashes: RunHashes;
  /** The body to send upstream (after `rewriteRun`). */
  bytes: Uint8Array<ArrayBuffer>;
  /** `cache: 'SkipCache'`: always sent upstream; its result replaces the stored one. */
  skipCache: boolean;
}

/**
 * Answers a run with sharing on: from a finished result (`hit`), by joining the same run in flight
 * here or on another instance (`shared`), or by claiming it atomically and sending it (`miss`).
 * While a claim is live nobody else submits: the holder renews it until Omni's header names the
 * jobs, then publishes them; a holder that dies lets the claim expire, and one waiter takes over.
 */
export async function shareRun(run: SharedRun, state: ProxyState, config: ResolvedProxyOptions): Promise<Response> {
  const { keys, hashes, request } = run;
  if (run.skipCache) return send(run, state, config, undefined);

  const finished = await state.shelf.readResult(keys, hashes.resultHash);
  if (finished !== undefined) return gatewayAnswers.finishedRun(finished);

  const runKey = keys.run(hashes.runHash);
  const deadline = Date.now() + JOIN_PATIENCE_MS;
  for (let round = 0; ; round += 1) {
    const local = state.runs.get(runKey);
    if (local !== undefined) {
      const outcome = await untilAborted(local, request.signal);
      if (outcome === undefined) return proxyErrorResponse(CLIENT_CLOSED_REQUEST, 'The client closed the request.');
      if (outcome.kind === 'submitted') return gatewayAnswers.joinedRun(outcome.jobs);
      if (!outcome.retry) return replay(outcome);
      continue;
    }
    if (await state.store.setIfAbsent(runKey, CLAIMED, CLAIM_TTL_MS)) {
      // A run that finished between the first look and the claim must not be sent again.
      const justFinished = await state.shelf.readResult(keys, hashes.resultHash);
      if (justFinished !== undefined) {
        await state.store.delete(runKey);
        return gatewayAnswers.finishedRun(justFinished);
      }
      return send(run, state, config, runKey);
    }
    const text = await state.store.get(runKey);
    const record = text === undefined ? undefined : (JSON.parse(text) as RunRecord);
    if (record?.state === 'submitted') return gatewayAnswers.joinedRun(record.jobs);
    if (Date.now() > deadline) {
      return proxyErrorResponse(503, 'The shared run did not start in time.', { 'retry-after': '1' });
    }
    if (record === undefined) continue;
    const settled = await sleep(Math.min(25 * 2 ** round, 250), request.signal);
    if (!settled) return proxyErrorResponse(CLIENT_CLOSED_REQUEST, 'The client closed the request.');
    if (round % 4 === 3) {
      const result = await state.shelf.readResult(keys, hashes.resultHash);
      if (result !== undefined) return gatewayAnswers.finishedRun(result);
    }
  }
}

/**
 * Sends the run upstream. With `runKey` (a claim held), keeps the claim alive until the header,
 * then publishes the job ids there; the browsers of this instance join through `state.runs`.
 */
async function send(
  run: SharedRun,
  state: ProxyState,
  config: ResolvedProxyOptions,
  runKey: string | undefined,
): Promise<Response> {
  const { keys, hashes, store } = { ...run, store: state.store };
  let settle!: (outcome: LocalRunOutcome) => void;
  const outcome = new Promise<LocalRunOutcome>((resolve) => (settle = resolve));
  let renewing: ReturnType<typeof setInterval> | undefined;
  let renewal: Promise<unknown> = Promise.resolve();
  if (runKey !== undefined) {
    state.runs.set(runKey, outcome);
    renewing = setInterval(() => {
      renewal = store.set(runKey, CLAIMED, CLAIM_TTL_MS).catch((error: unknown) => reportError(config, error, 'store'));
    }, CLAIM_TTL_MS / 3);
  }
  const done = () => {
    clearInterval(renewing);
    if (runKey !== undefined && state.runs.get(runKey) === outcome) state.runs.delete(runKey);
  };

  const hooks: RunHooks = {
    async onHeader(jobs) {
      clearInterval(renewing);
      try {
        await renewal;
        await state.shelf.recordIssued(keys, hashes.resultHash, jobs);
        if (runKey !== undefined) {
          const record: RunRecord = { state: 'submitted', jobs };
          await store.set(runKey, JSON.stringify(record), SUBMITTED_TTL_MS);
        }
      } finally {
        settle({ kind: 'submitted', jobs });
        done();
      }
    },
    onEnd({ jobs, lines, clean }) {
      if (!jobs) return;
      const ids = Object.keys(jobs);
      const complete = clean && ids.length > 0 && ids.every((id) => lines.some((line) => line.id === id));
      const keep = async () => {
        if (complete) {
          const result: StoredResult = { jobs_submitted: jobs, lines: ids.map((id) => lines.find((line) => line.id === id)!) };
          await state.shelf.writeResult(keys, hashes.resultHash, result);
          if (runKey !== undefined) await store.delete(runKey);
          return;
        }
        for (const line of lines) {
          await state.shelf.recordTerminal(keys, { run: hashes.resultHash, jobs }, line);
        }
      };
      keep().catch((error: unknown) => reportError(config, error, 'store'));
    },
    onFailure(failure) {
      settle({ kind: 'failed', ...failure });
      done();
      if (runKey !== undefined) store.delete(runKey).catch((error: unknown) => reportError(config, error, 'store'));
    },
  };

  const budgetKey = keys.budget;
  const response = await submitRun({
    request: run.request,
    config,
    budget: state.budget,
    budgetKey,
    token: run.token,
    body: run.bytes,
    followClient: false,
    hooks,
  });
  response.headers.set(PROXY_CACHE_HEADER, 'miss');
  return response;
}

/** A failed run's answer again, for a browser that joined it. */
function replay(failure: FailedRun): Response {
  const response =
    failure.body.byteLength === 0
      ? proxyErrorResponse(failure.status, 'The shared run failed before Omni named its jobs.')
      : new Response(failure.body, { status: failure.status, headers: failure.headers });
  response.headers.set(PROXY_CACHE_HEADER, 'shared');
  return response;
}

async function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T | undefined> {
  if (signal.aborted) return undefined;
  let onAbort!: () => void;
  const aborted = new Promise<undefined>((resolve) => {
    onAbort = () => resolve(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([promise, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve(false);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
