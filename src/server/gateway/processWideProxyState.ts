import type { OmniProxyOptions } from '../OmniProxyOptions.js';
import type { ResolvedProxyOptions } from '../resolveProxyOptions.js';
import { createProxyState, type ProxyState } from './createProxyState.js';

interface Registry {
  /** Stands for "no custom `fetch`" or "no custom `store`" in the identity maps below. */
  none: object;
  /** State by the options' data, then by the custom `fetch`, then by the custom `store`. */
  byOptions: Map<string, WeakMap<object, WeakMap<object, ProxyState>>>;
}

// On globalThis under a registered symbol: Next.js loads the module that creates the proxy once for
// the route handler and once for the server components (two module graphs), and module state would
// split the key's budget, the memory store and the runs in flight in two. Versioned, so that two
// copies of a future incompatible release keep apart.
const REGISTRY = Symbol.for('omni-query-hooks.proxyState.v1');

function registry(): Registry {
  const holder = globalThis as { [REGISTRY]?: Registry };
  holder[REGISTRY] ??= { none: {}, byOptions: new Map() };
  return holder[REGISTRY];
}

/**
 * The in-process state of a proxy with these options: created once per process and options, so that
 * every proxy created with the same options shares one budget, one memory store and one set of runs
 * and waits in flight, whichever module graph created it.
 *
 * Keyed by the options' data (upstream, base path, limits, budget, sharing) and a fingerprint of a
 * string token, never the token itself: proxies for different keys keep different budgets. A token
 * function counts as the same token whatever its identity (each module graph has its own copy of the
 * function). A custom `fetch` or `store` object is part of the identity by reference, and its states
 * go with it when it is collected.
 */
export function processWideProxyState(options: OmniProxyOptions, config: ResolvedProxyOptions): ProxyState {
  const { none, byOptions } = registry();
  const key = JSON.stringify([
    config.upstreamPrefix,
    config.basePath,
    typeof config.token === 'string' ? fingerprint(config.token) : 'function',
    config.maxRequestBodyBytes,
    config.maxResponseBodyBytes,
    config.timeoutMs,
    config.rateLimit ?? null,
    config.share ?? null,
    config.foreignJobIds,
  ]);
  let byFetch = byOptions.get(key);
  if (byFetch === undefined) {
    byFetch = new WeakMap();
    byOptions.set(key, byFetch);
  }
  const fetchKey: object = options.fetch ?? none;
  let byStore = byFetch.get(fetchKey);
  if (byStore === undefined) {
    byStore = new WeakMap();
    byFetch.set(fetchKey, byStore);
  }
  const storeKey: object = config.store ?? none;
  let state = byStore.get(storeKey);
  if (state === undefined) {
    state = createProxyState(config);
    byStore.set(storeKey, state);
  }
  return state;
}

/** Two 32-bit FNV-1a hashes of the token: tells keys apart within this process, and is not the token. */
function fingerprint(token: string): string {
  let first = 0x811c9dc5;
  let second = 0x050c5d1f;
  for (let index = 0; index < token.length; index += 1) {
    const code = token.charCodeAt(index);
    first = Math.imul(first ^ code, 0x01000193);
    second = Math.imul(second ^ code, 0x5bd1e995);
  }
  return `${(first >>> 0).toString(16)}.${(second >>> 0).toString(16)}`;
}
