import { resolveCors, type ResolvedCors } from './cors.js';
import type { GatewayStore } from './gateway/GatewayStore.js';
import type { OmniProxyOptions } from './OmniProxyOptions.js';

/** Default of {@link OmniProxyOptions.maxRequestBodyBytes}: 64 KiB. */
export const DEFAULT_MAX_REQUEST_BODY_BYTES = 64 * 1024;
/** Default of {@link OmniProxyOptions.maxResponseBodyBytes}: 256 MiB. */
export const DEFAULT_MAX_RESPONSE_BODY_BYTES = 256 * 1024 * 1024;
/** Default of {@link OmniProxyOptions.timeoutMs}: 60 s. */
export const DEFAULT_PROXY_TIMEOUT_MS = 60_000;
/**
 * Default of {@link OmniProxyOptions.rateLimit}: Omni's own limit of 60 requests a minute per key, up
 * to 100 requests waiting, none for longer than 30 s.
 */
export const DEFAULT_PROXY_RATE_LIMIT = { requests: 60, intervalMs: 60_000, maxQueue: 100, maxWaitMs: 30_000 } as const;

/** Default of {@link OmniProxyOptions.share}: results kept a minute, up to 32 MiB each, waits held 25 s. */
export const DEFAULT_PROXY_SHARE = { resultTtlMs: 60_000, maxResultBytes: 32 * 1024 * 1024, holdMs: 25_000 } as const;

/** {@link OmniProxyOptions.share} checked, with defaults filled in. */
export interface ResolvedProxyShare {
  resultTtlMs: number;
  maxResultBytes: number;
  holdMs: number;
}

/** {@link OmniProxyOptions.rateLimit} checked, with defaults filled in. */
export interface ResolvedProxyRateLimit {
  requests: number;
  intervalMs: number;
  /** A non-negative integer, or `Infinity`. */
  maxQueue: number;
  /** Non-negative, or `Infinity`. */
  maxWaitMs: number;
}

/** A required option of {@link OmniProxyOptions} that may be left `undefined` until the app runs. */
export type DeferredProxyOption = 'baseUrl' | 'token';

/** {@link OmniProxyOptions} checked once at creation, with defaults filled in. */
export interface ResolvedProxyOptions {
  /**
   * The required options that were `undefined` at creation (an unset environment variable during
   * `next build`), in the order `baseUrl`, `token`. `[]` when both were given. While it is not
   * empty the proxy forwards nothing: every request is answered 500 naming them.
   */
  missing: readonly DeferredProxyOption[];
  /** `baseUrl` without a trailing `/`; fixed API paths are appended to it. `''` when `baseUrl` is missing. */
  upstreamPrefix: string;
  /** `basePath` without a trailing `/`; `''` when the proxy is mounted at the root. */
  basePath: string;
  /** `undefined` only when listed in `missing`. */
  token: OmniProxyOptions['token'];
  fetch: typeof fetch;
  maxRequestBodyBytes: number;
  maxResponseBodyBytes: number;
  timeoutMs: number;
  authorize: OmniProxyOptions['authorize'];
  onError: OmniProxyOptions['onError'];
  /** `undefined` when turned off (`rateLimit: false`). */
  rateLimit: ResolvedProxyRateLimit | undefined;
  /** `undefined` when no cross-origin access is allowed. */
  cors: ResolvedCors | undefined;
  /** The store the app gave; `undefined` when none was given (a memory store is then created per proxy). */
  store: GatewayStore | undefined;
  /** `undefined` when sharing is off (`share: false`). */
  share: ResolvedProxyShare | undefined;
  /** `undefined` when every request is in one partition. */
  partition: OmniProxyOptions['partition'];
  foreignJobIds: 'refuse' | 'forward';
  /** `undefined` when run bodies are forwarded as received. */
  rewriteRun: OmniProxyOptions['rewriteRun'];
}

/**
 * True for a token that can go into a header as is: visible ASCII, no spaces. Omni keys always are.
 * Checked before use because `Headers` rejects a bad value with an error that quotes it.
 */
export function isUsableToken(token: unknown): token is string {
  return typeof token === 'string' && /^[\x21-\x7e]+$/.test(token);
}

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Validates the options and fills in defaults. Throws a `TypeError` at creation, so a misconfigured
 * proxy fails at start-up rather than on the first request. Messages never quote the token.
 *
 * `baseUrl` and `token` that are `undefined` do not throw: they are listed in `missing`, because a
 * framework evaluates the module while it builds, when the secrets are not there (and need not be).
 * A value that is present but malformed (an empty string, `ftp:`) still throws.
 */
export function resolveProxyOptions(options: OmniProxyOptions): ResolvedProxyOptions {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('createOmniProxy: options are required ({ baseUrl, token }).');
  }
  const { token } = options;
  const missing: DeferredProxyOption[] = [];
  if (options.baseUrl === undefined) missing.push('baseUrl');
  if (token === undefined) missing.push('token');
  if (token !== undefined && (typeof token === 'string' ? token.length === 0 : typeof token !== 'function')) {
    throw new TypeError('createOmniProxy: `token` must be a non-empty string or a function returning one.');
  }
  if (typeof token === 'string' && !isUsableToken(token)) {
    throw new TypeError(
      'createOmniProxy: `token` holds whitespace or non-ASCII characters (a trailing newline from a secrets file?).',
    );
  }
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw new TypeError('createOmniProxy: `fetch` must be a function.');
  }
  if (options.authorize !== undefined && typeof options.authorize !== 'function') {
    throw new TypeError('createOmniProxy: `authorize` must be a function.');
  }
  if (options.onError !== undefined && typeof options.onError !== 'function') {
    throw new TypeError('createOmniProxy: `onError` must be a function.');
  }
  for (const name of ['partition', 'rewriteRun'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function') {
      throw new TypeError(`createOmniProxy: \`${name}\` must be a function.`);
    }
  }
  const { foreignJobIds } = options;
  if (foreignJobIds !== undefined && foreignJobIds !== 'refuse' && foreignJobIds !== 'forward') {
    throw new TypeError("createOmniProxy: `foreignJobIds` must be 'refuse' or 'forward'.");
  }
  const customFetch = options.fetch;
  return {
    missing,
    upstreamPrefix: options.baseUrl === undefined ? '' : resolveBaseUrl(options.baseUrl),
    basePath: resolveBasePath(options.basePath),
    token,
    // Looked up per call, so an interceptor (msw) or polyfill installed after creation still applies.
    fetch: customFetch ?? ((input, init) => globalThis.fetch(input, init)),
    maxRequestBodyBytes: resolveLimit('maxRequestBodyBytes', options.maxRequestBodyBytes, DEFAULT_MAX_REQUEST_BODY_BYTES),
    maxResponseBodyBytes: resolveLimit('maxResponseBodyBytes', options.maxResponseBodyBytes, DEFAULT_MAX_RESPONSE_BODY_BYTES),
    timeoutMs: resolveLimit('timeoutMs', options.timeoutMs, DEFAULT_PROXY_TIMEOUT_MS),
    authorize: options.authorize,
    onError: options.onError,
    rateLimit: resolveRateLimit(options.rateLimit),
    cors: resolveCors(options.cors),
    store: resolveStore(options.store),
    share: resolveShare(options.share),
    partition: options.partition,
    foreignJobIds: foreignJobIds ?? 'refuse',
    rewriteRun: options.rewriteRun,
  };
}

const storeMethods = ['setIfAbsent', 'set', 'get', 'delete', 'takeSlot', 'restampSlot', 'close'] as const;

function resolveStore(store: unknown): GatewayStore | undefined {
  if (store === undefined) return undefined;
  const complete =
    typeof store === 'object' &&
    store !== null &&
    storeMethods.every((method) => typeof (store as Record<string, unknown>)[method] === 'function');
  if (!complete) {
    throw new TypeError(
      'createOmniProxy: `store` must be a gateway store (createMemoryStore() or createRedisStore() from omni-query-hooks/server/redis).',
    );
  }
  return store as GatewayStore;
}

function resolveShare(share: unknown): ResolvedProxyShare | undefined {
  if (share === false) return undefined;
  if (share === undefined) return { ...DEFAULT_PROXY_SHARE };
  if (typeof share !== 'object' || share === null) {
    throw new TypeError('createOmniProxy: `share` must be { resultTtlMs?, maxResultBytes?, holdMs? } or false.');
  }
  const { resultTtlMs, maxResultBytes, holdMs } = share as Record<string, unknown>;
  const finite = (name: string, value: unknown, fallback: number): number => {
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new TypeError(`createOmniProxy: \`share.${name}\` must be a positive, finite number.`);
    }
    return value;
  };
  return {
    resultTtlMs: finite('resultTtlMs', resultTtlMs, DEFAULT_PROXY_SHARE.resultTtlMs),
    maxResultBytes: finite('maxResultBytes', maxResultBytes, DEFAULT_PROXY_SHARE.maxResultBytes),
    holdMs: finite('holdMs', holdMs, DEFAULT_PROXY_SHARE.holdMs),
  };
}

function resolveRateLimit(rateLimit: unknown): ResolvedProxyRateLimit | undefined {
  if (rateLimit === false) return undefined;
  if (rateLimit === undefined) return { ...DEFAULT_PROXY_RATE_LIMIT };
  if (typeof rateLimit !== 'object' || rateLimit === null) {
    throw new TypeError('createOmniProxy: `rateLimit` must be { requests, intervalMs, maxQueue?, maxWaitMs? } or false.');
  }
  const { requests, intervalMs, maxQueue, maxWaitMs } = rateLimit as Record<string, unknown>;
  if (typeof requests !== 'number' || !Number.isInteger(requests) || requests < 1) {
    throw new TypeError('createOmniProxy: `rateLimit.requests` must be a positive integer.');
  }
  if (typeof intervalMs !== 'number' || !Number.isFinite(intervalMs) || intervalMs <= 0) {
    throw new TypeError('createOmniProxy: `rateLimit.intervalMs` must be a positive number of milliseconds.');
  }
  if (
    maxQueue !== undefined &&
    !(typeof maxQueue === 'number' && maxQueue >= 0 && (Number.isInteger(maxQueue) || maxQueue === Infinity))
  ) {
    throw new TypeError('createOmniProxy: `rateLimit.maxQueue` must be a non-negative integer or Infinity.');
  }
  if (maxWaitMs !== undefined && !(typeof maxWaitMs === 'number' && maxWaitMs >= 0)) {
    throw new TypeError('createOmniProxy: `rateLimit.maxWaitMs` must be a non-negative number of milliseconds or Infinity.');
  }
  return {
    requests,
    intervalMs,
    maxQueue: maxQueue ?? DEFAULT_PROXY_RATE_LIMIT.maxQueue,
    maxWaitMs: maxWaitMs ?? DEFAULT_PROXY_RATE_LIMIT.maxWaitMs,
  };
}

function resolveBaseUrl(baseUrl: unknown): string {
  const invalid = new TypeError('createOmniProxy: `baseUrl` must be an absolute URL such as https://acme.omniapp.co.');
  if (typeof baseUrl !== 'string') throw invalid;
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw invalid;
  }
  if (
    url.username !== '' ||
    url.password !== '' ||
    url.search !== '' ||
    url.hash !== '' ||
    baseUrl.includes('?') ||
    baseUrl.includes('#')
  ) {
    throw new TypeError('createOmniProxy: `baseUrl` must not carry credentials, a query string or a fragment.');
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && loopbackHosts.has(url.hostname));
  if (!secure) {
    throw new TypeError('createOmniProxy: `baseUrl` must use https: (http: is accepted only for localhost).');
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function resolveBasePath(basePath: unknown): string {
  if (basePath === undefined) return '';
  // Compared byte for byte with the incoming path, so it must already be in the form a URL parser
  // produces: no dot segments (a segment cannot start with '.'), no empty segments, nothing encoded.
  if (typeof basePath !== 'string' || !/^(\/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)*\/?$/.test(basePath)) {
    throw new TypeError("createOmniProxy: `basePath` must be a plain path such as '/api/omni'.");
  }
  return basePath.replace(/\/$/, '');
}

function resolveLimit(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || Number.isNaN(value) || value <= 0) {
    throw new TypeError(`createOmniProxy: \`${name}\` must be a positive number.`);
  }
  return value;
}
