import { createRateLimiter } from '../../budget/createRateLimiter.js';
import { reportError } from '../reportError.js';
import { DEFAULT_PROXY_SHARE, type ResolvedProxyOptions } from '../resolveProxyOptions.js';
import { createMemoryStore } from './createMemoryStore.js';
import { createResultShelf, type ResultShelf } from './createResultShelf.js';
import { createWaitCoalescer, type WaitCoalescer } from './createWaitCoalescer.js';
import { gatewayKeys, type GatewayKeys } from './gatewayKeys.js';
import type { GatewayStore } from './GatewayStore.js';
import { hashToken } from './hashToken.js';
import { guardStore } from './guardStore.js';
import { pollUpstream } from './pollUpstream.js';
import type { ProxyBudget } from './ProxyBudget.js';
import { createSlidingBudget } from './createSlidingBudget.js';
import type { FailedRun } from './submitRun.js';

/** Longest a slot may count as in flight in a store's window: the proxy's header timeout, capped. */
const MAX_SLOT_HOLD_MS = 120_000;

/** How a run in flight in this instance turned out, for the browsers of this instance that joined it. */
export type LocalRunOutcome = { kind: 'submitted'; jobs: Record<string, string | null> } | ({ kind: 'failed' } & FailedRun);

/**
 * Everything one proxy keeps in its process: the store (the app's, or a memory store), the key's
 * budget, the results too large for the store, the wait coalescer and the runs in flight here.
 * Created in one place so that a host which loads the proxy's module twice (Next.js) can keep one
 * state per process in a registry.
 */
export interface ProxyState {
  /** The store, every call bounded in time (a failure or a slow answer is a `StoreFault`). */
  store: GatewayStore;
  /** `undefined` when `rateLimit: false`. */
  budget: ProxyBudget | undefined;
  shelf: ResultShelf;
  /** `undefined` when sharing is off. */
  coalescer: WaitCoalescer | undefined;
  /** Runs this instance sent upstream and whose header has not come yet, by run key. */
  runs: Map<string, Promise<LocalRunOutcome>>;
  /**
   * The store keys of a token and partition. The token's hash is remembered, so that after the first
   * request nothing but microtasks stands between a request and the budget (Web Crypto is not one).
   */
  keys(token: string, partition: string): Promise<GatewayKeys>;
}

/** Most token hashes remembered: a rotated key adds one. */
const MAX_TOKEN_HASHES = 8;

/** Creates the in-process state of one proxy from its checked options. */
export function createProxyState(config: ResolvedProxyOptions): ProxyState {
  const tokenHashes = new Map<string, Promise<string>>();
  const keys = async (token: string, partition: string): Promise<GatewayKeys> => {
    let hash = tokenHashes.get(token);
    if (hash === undefined) {
      hash = hashToken(token);
      tokenHashes.set(token, hash);
      if (tokenHashes.size > MAX_TOKEN_HASHES) tokenHashes.delete(tokenHashes.keys().next().value!);
    }
    return gatewayKeys(await hash, partition);
  };
  const store = guardStore(config.store ?? createMemoryStore());
  const { rateLimit } = config;
  let budget: ProxyBudget | undefined;
  if (rateLimit !== undefined && config.store === undefined) {
    // One process: the in-process limiter, first come first served, exactly as without a gateway.
    const limiter = createRateLimiter(rateLimit, { maxQueue: rateLimit.maxQueue });
    budget = { acquire: (_key, options) => limiter.acquire(options) };
  } else if (rateLimit !== undefined) {
    const holdMs = Math.min(config.timeoutMs, MAX_SLOT_HOLD_MS);
    budget = createSlidingBudget(store, rateLimit, holdMs, (error) => reportError(config, error, 'store'));
  }
  const share = config.share ?? DEFAULT_PROXY_SHARE;
  const recording = new Map<string, Promise<void>>();
  const shelf = createResultShelf(store, {
    resultTtlMs: share.resultTtlMs,
    maxResultBytes: share.maxResultBytes,
    onOversize: (error) => reportError(config, error, 'store'),
  });
  const coalescer =
    config.share === undefined
      ? undefined
      : createWaitCoalescer({
          holdMs: config.share.holdMs,
          startPoll: pollUpstream(config, budget, keys),
          onTerminal: (job, line) => {
            // One run's lines are kept one after the other, so that the last of them sees its
            // siblings and writes the whole result.
            const key = job.keys.result(job.record.run);
            const previous = recording.get(key) ?? Promise.resolve();
            const next = previous
              .then(() => shelf.recordTerminal(job.keys, job.record, { id: job.id, line }))
              .catch((error: unknown) => reportError(config, error, 'store'))
              .finally(() => {
                if (recording.get(key) === next) recording.delete(key);
              });
            recording.set(key, next);
          },
        });
  return { store, budget, shelf, coalescer, runs: new Map(), keys };
}
