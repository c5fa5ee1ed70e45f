import { createRateLimiter, RateLimitedError, type RateLimiter, type ReleaseSlot } from '../budget/createRateLimiter.js';
import { preflightResponse, withCorsHeaders } from './cors.js';
import { fetchUpstream } from './fetchUpstream.js';
import { downstreamResponseHeaders, proxyErrorResponse, upstreamRequestHeaders } from './headers.js';
import { limitStream } from './limitStream.js';
import { matchProxyRoute } from './matchProxyRoute.js';
import type { OmniProxyCall, OmniProxyErrorStage, OmniProxyHandler, OmniProxyOptions } from './OmniProxyOptions.js';
import { parseWaitQuery } from './parseWaitQuery.js';
import { readJsonBody } from './readJsonBody.js';
import { MAX_ERROR_BODY_BYTES, readRedactedErrorBody } from './readRedactedErrorBody.js';
import { isUsableToken, resolveProxyOptions, type ResolvedProxyOptions } from './resolveProxyOptions.js';
import { cancelQuietly } from './streams.js';
import { missingOptionsMessage } from './missingOptionsError.js';

/** Not a registered status, but the common one (nginx) for "the client closed the request first". */
const CLIENT_CLOSED_REQUEST = 499;

/** Statuses whose response must not have a body (the `Response` constructor throws otherwise). */
const nullBodyStatuses = new Set([204, 205, 304]);

/**
 * Creates a server-side proxy to Omni's query API, so that the org API key stays on the server and
 * the browser client (`createOmniClient({ baseUrl: '/api/omni' })`) sends no token at all.
 *
 * The handler forwards exactly three calls, `GET {basePath}/api/v1/query/wait?job_ids=…`,
 * `POST {basePath}/api/v1/query/run` and `GET {basePath}/api/v1/documents/{identifier}/queries`, to
 * the same paths under `baseUrl`, with the server token as `Authorization: Bearer …` and none of the
 * client's credentials. Every other path is a 404, every other method a 405, an identifier that is not
 * one plain path segment a 400, each with a JSON error in Omni's `{"error":{"code","message"}}` shape.
 * The response status and body pass through, the body streamed as it arrives.
 *
 * All browsers behind one proxy share its key, so the proxy keeps the key's budget (`rateLimit`,
 * by default Omni's 60 a minute): requests beyond it wait their turn, or get a 429 with `Retry-After`.
 * Cross-origin pages are refused unless listed in `cors` (then also export the handler as `OPTIONS`).
 *
 * Options are checked here, once: a bad `baseUrl`, `token`, limit, `rateLimit` or `cors` throws a `TypeError`.
 * A `baseUrl` or `token` that is `undefined` does not: `next build` evaluates the module without the
 * secrets. Such a proxy answers every request 500 with a JSON error naming the missing option, and
 * reports it to `onError` with stage `config`.
 * The handler itself never throws and never logs; failures it answers itself go to `onError`.
 * Its `basePath` property is the path it is mounted at (for `createServerOmniClient`).
 *
 * @example Next.js App Router, `app/api/omni/[...path]/route.ts`
 * ```ts
 * const proxy = createOmniProxy({ baseUrl: process.env.OMNI_BASE_URL, token: process.env.OMNI_API_KEY, basePath: '/api/omni' });
 * export { proxy as GET, proxy as POST };
 * ```
 */
export function createOmniProxy(options: OmniProxyOptions): OmniProxyHandler {
  const config = resolveProxyOptions(options);
  const limiter =
    config.rateLimit === undefined ? undefined : createRateLimiter(config.rateLimit, { maxQueue: config.rateLimit.maxQueue });
  const handle = async (request: Request): Promise<Response> => {
    if (config.missing.length > 0) {
      const message = missingOptionsMessage(config.missing);
      report(config, new Error(message), 'config');
      return proxyErrorResponse(500, message);
    }
    try {
      return await proxy(request, config, limiter);
    } catch (error) {
      // Only a bug can land here; the client learns nothing about it.
      report(config, error, 'internal');
      return proxyErrorResponse(500, 'The Omni proxy failed.');
    }
  };
  const { cors } = config;
  const handler =
    cors === undefined
      ? handle
      : async (request: Request): Promise<Response> => {
          if (request.method === 'OPTIONS' && isProxyPath(request, config)) return preflightResponse(request, cors);
          return withCorsHeaders(await handle(request), request.headers.get('origin'), cors);
        };
  return Object.defineProperty(handler, 'basePath', { value: config.basePath, enumerable: true }) as OmniProxyHandler;
}

/** True when the request's path is one the proxy serves (whatever the method), so a preflight for it may be granted. */
function isProxyPath(request: Request, config: ResolvedProxyOptions): boolean {
  const match = matchProxyRoute(new URL(request.url).pathname, request.method, config.basePath);
  return match.ok || match.status !== 404;
}

async function proxy(request: Request, config: ResolvedProxyOptions, limiter: RateLimiter | undefined): Promise<Response> {
  const url = new URL(request.url);
  const match = matchProxyRoute(url.pathname, request.method, config.basePath);
  if (!match.ok) {
    return proxyErrorResponse(match.status, match.message, match.status === 405 ? { allow: match.allow } : {});
  }
  const { route } = match;

  let call: OmniProxyCall;
  let upstreamUrl = `${config.upstreamPrefix}${route.upstreamPath}`;
  let body: Uint8Array<ArrayBuffer> | undefined;
  if (route.endpoint === 'wait') {
    const query = parseWaitQuery(url.search);
    if (!query.ok) return proxyErrorResponse(400, query.message);
    call = { endpoint: 'wait', jobIds: query.jobIds };
    upstreamUrl += query.search;
  } else if (route.endpoint === 'documentQueries') {
    if (url.search !== '') return proxyErrorResponse(400, 'GET /api/v1/documents/{identifier}/queries takes no query string.');
    call = { endpoint: 'documentQueries', identifier: route.identifier };
  } else {
    if (url.search !== '') return proxyErrorResponse(400, 'POST /api/v1/query/run takes no query string.');
    let json;
    try {
      json = await readJsonBody(request, config.maxRequestBodyBytes);
    } catch {
      return request.signal.aborted
        ? proxyErrorResponse(CLIENT_CLOSED_REQUEST, 'The client closed the request.')
        : proxyErrorResponse(400, 'The request body could not be read.');
    }
    if (!json.ok) return proxyErrorResponse(json.status, json.message);
    call = { endpoint: 'run', body: json.value };
    body = json.bytes;
  }

  if (config.authorize !== undefined) {
    let verdict: unknown;
    try {
      verdict = await config.authorize(request, call);
    } catch (error) {
      report(config, error, 'authorize');
      return proxyErrorResponse(500, 'The request could not be authorized.');
    }
    if (verdict instanceof Response) return verdict;
    // Fail closed: only a literal `true` lets the call through.
    if (verdict !== true) return proxyErrorResponse(403, 'Forbidden.');
  }

  const token = await readToken(config);
  if (token === undefined) return proxyErrorResponse(500, 'The Omni proxy is not configured with a usable token.');

  let release: ReleaseSlot | undefined;
  if (limiter !== undefined) {
    const slot = await takeSlot(limiter, request.signal, config.rateLimit?.maxWaitMs ?? Infinity);
    if (slot instanceof Response) return slot;
    release = slot;
  }

  const headers = upstreamRequestHeaders(request.headers, token, body !== undefined);
  try {
    return await forward(request, config, token, { url: upstreamUrl, method: route.method, headers, body });
  } finally {
    // Omni counted the request between the hand-off and its answer: the slot is held a window past that.
    release?.();
  }
}

async function forward(
  request: Request,
  config: ResolvedProxyOptions,
  token: string,
  init: { url: string; method: string; headers: Headers; body: Uint8Array<ArrayBuffer> | undefined },
): Promise<Response> {
  const result = await fetchUpstream(config.fetch, init, request.signal, config.timeoutMs);
  if (!result.ok) {
    if (result.reason === 'client-abort') return proxyErrorResponse(CLIENT_CLOSED_REQUEST, 'The client closed the request.');
    if (result.reason === 'timeout') {
      report(config, new Error(`Omni sent no response headers within ${config.timeoutMs} ms.`), 'upstream');
      return proxyErrorResponse(504, 'Omni did not answer in time.');
    }
    report(config, result.error, 'upstream');
    return proxyErrorResponse(502, 'Omni could not be reached.');
  }

  const upstream = result.response;
  const { status } = upstream;
  if (status < 200 || status > 599 || (status >= 300 && status < 400)) {
    cancelQuietly(upstream.body);
    report(config, new Error(`Omni answered with status ${status}, which the proxy does not pass on.`), 'upstream');
    return proxyErrorResponse(502, 'Omni answered with a redirect or an unexpected status.');
  }
  const headers = downstreamResponseHeaders(upstream.headers);
  if (nullBodyStatuses.has(status)) {
    cancelQuietly(upstream.body);
    return new Response(null, { status, headers });
  }
  const declaredLength = Number(upstream.headers.get('content-length') ?? Number.NaN);
  if (declaredLength > config.maxResponseBodyBytes) {
    cancelQuietly(upstream.body);
    report(config, new Error(`Omni's response of ${declaredLength} bytes is over maxResponseBodyBytes.`), 'response');
    return proxyErrorResponse(
      502,
      `Omni's response is larger than the proxy passes through (${config.maxResponseBodyBytes} bytes).`,
    );
  }
  if (status >= 400) {
    const limit = Math.min(MAX_ERROR_BODY_BYTES, config.maxResponseBodyBytes);
    return new Response(await readRedactedErrorBody(upstream.body, token, limit), { status, headers });
  }
  if (upstream.body === null) return new Response(null, { status, headers });
  const streamed = limitStream(upstream.body, config.maxResponseBodyBytes, request.signal, (cut) => {
    report(
      config,
      cut.reason === 'too-large'
        ? new Error(`Omni's response passed maxResponseBodyBytes (${cut.maxBytes}); the stream was cut.`)
        : cut.error,
      'response',
    );
  });
  return new Response(streamed, { status, headers });
}

/**
 * Waits for a slot of the key's budget. The slot's release once one is taken; otherwise the answer:
 * 429 with `Retry-After` when the queue is full or the wait would pass `maxWaitMs`, 499 when the
 * client left while waiting (the limiter then gave its place away without taking a slot).
 */
async function takeSlot(limiter: RateLimiter, signal: AbortSignal, maxWaitMs: number): Promise<Response | ReleaseSlot> {
  try {
    return await limiter.acquire({ signal, maxWaitMs: maxWaitMs === Infinity ? undefined : maxWaitMs });
  } catch (error) {
    if (error instanceof RateLimitedError) {
      const seconds = Math.max(1, Math.ceil(error.retryAfterMs / 1000));
      return proxyErrorResponse(
        429,
        `Too many requests: the proxy's request budget for Omni is used up. Retry in ${seconds} s.`,
        {
          'retry-after': String(seconds),
        },
      );
    }
    if (signal.aborted) return proxyErrorResponse(CLIENT_CLOSED_REQUEST, 'The client closed the request.');
    throw error;
  }
}

/** The token, or `undefined` (reported) when the token function fails or gives something unusable. */
async function readToken(config: ResolvedProxyOptions): Promise<string | undefined> {
  let token: unknown;
  try {
    token = typeof config.token === 'function' ? await config.token() : config.token;
  } catch (error) {
    report(config, error, 'token');
    return undefined;
  }
  if (!isUsableToken(token)) {
    report(config, new TypeError('The token is not a non-empty string of visible ASCII characters.'), 'token');
    return undefined;
  }
  return token;
}

function report(config: ResolvedProxyOptions, error: unknown, stage: OmniProxyErrorStage): void {
  try {
    config.onError?.(error, stage);
  } catch {
    // The app's logger failing must not change the answer.
  }
}
