import { RateLimitedError, type ReleaseSlot } from '../budget/createRateLimiter.js';
import { preflightResponse, withCorsHeaders } from './cors.js';
import { fetchUpstream } from './fetchUpstream.js';
import type { ProxyState } from './gateway/createProxyState.js';
import { processWideProxyState } from './gateway/processWideProxyState.js';
import type { HeldJob } from './gateway/createWaitCoalescer.js';
import { gatewayAnswers } from './gateway/gatewayAnswers.js';
import type { GatewayKeys } from './gateway/gatewayKeys.js';
import type { ProxyBudget } from './gateway/ProxyBudget.js';
import { runHashes } from './gateway/runHashes.js';
import { shareRun } from './gateway/shareRun.js';
import { StoreFault } from './gateway/StoreFault.js';
import { CLIENT_CLOSED_REQUEST, submitRun } from './gateway/submitRun.js';
import { downstreamResponseHeaders, PROXY_CACHE_HEADER, proxyErrorResponse, upstreamRequestHeaders } from './headers.js';
import { limitStream } from './limitStream.js';
import { matchProxyRoute } from './matchProxyRoute.js';
import type { OmniProxyCall, OmniProxyHandler, OmniProxyOptions } from './OmniProxyOptions.js';
import { parseWaitQuery } from './parseWaitQuery.js';
import { readJsonBody } from './readJsonBody.js';
import { MAX_ERROR_BODY_BYTES, readRedactedErrorBody } from './readRedactedErrorBody.js';
import { readToken } from './readToken.js';
import { reportError as report } from './reportError.js';
import { resolveProxyOptions, type ResolvedProxyOptions } from './resolveProxyOptions.js';
import { cancelQuietly } from './streams.js';
import { missingOptionsMessage } from './missingOptionsError.js';

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
 * And it shares what it can between them (`share`, on by default): identical runs go upstream once,
 * finished results are served for a minute, and waits are held and answered from one upstream long
 * poll. Job ids are bound to the partition (`partition`) that ran them: a wait for any other id is
 * a 404. Several instances share all of it through one `store`.
 * Cross-origin pages are refused unless listed in `cors` (then also export the handler as `OPTIONS`).
 *
 * Options are checked here, once: a bad `baseUrl`, `token`, limit, `rateLimit`, `cors`, `store`,
 * `share`, `partition`, `foreignJobIds` or `rewriteRun` throws a `TypeError`.
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
  // One state per process and options, even when the module is loaded twice (Next.js).
  const state = processWideProxyState(options, config);
  const handle = async (request: Request): Promise<Response> => {
    if (config.missing.length > 0) {
      const message = missingOptionsMessage(config.missing);
      report(config, new Error(message), 'config');
      return proxyErrorResponse(500, message);
    }
    try {
      return await proxy(request, config, state);
    } catch (error) {
      if (error instanceof StoreFault) {
        // No circuit breaker: the next request asks the store again.
        report(config, error, 'store');
        return proxyErrorResponse(503, 'The Omni proxy’s shared store is unavailable; retry shortly.', { 'retry-after': '1' });
      }
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

async function proxy(request: Request, config: ResolvedProxyOptions, state: ProxyState): Promise<Response> {
  const url = new URL(request.url);
  const match = matchProxyRoute(url.pathname, request.method, config.basePath);
  if (!match.ok) {
    return proxyErrorResponse(match.status, match.message, match.status === 405 ? { allow: match.allow } : {});
  }
  const { route } = match;

  let call: OmniProxyCall;
  let waitSearch = '';
  let body: Uint8Array<ArrayBuffer> | undefined;
  if (route.endpoint === 'wait') {
    const query = parseWaitQuery(url.search);
    if (!query.ok) return proxyErrorResponse(400, query.message);
    call = { endpoint: 'wait', jobIds: query.jobIds };
    waitSearch = query.search;
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

  if (call.endpoint === 'documentQueries') {
    const keys = await state.keys(token, '');
    return forward(request, config, state.budget, keys, token, {
      url: `${config.upstreamPrefix}${route.upstreamPath}`,
      method: route.method,
      body: undefined,
    });
  }

  const partition = await resolvePartition(request, config);
  if (partition instanceof Response) return partition;
  const keys = await state.keys(token, partition);

  let response: Response;
  if (call.endpoint === 'wait') {
    response = await answerWait(request, config, state, keys, token, call.jobIds, waitSearch);
  } else {
    const rewritten = await rewrite(request, config, call.body, body!);
    if (rewritten instanceof Response) return rewritten;
    response = await answerRun(request, config, state, { keys, partition }, token, rewritten);
  }
  if (!response.headers.has(PROXY_CACHE_HEADER)) response.headers.set(PROXY_CACHE_HEADER, 'miss');
  return response;
}

/** The request's partition, or the 500 to answer when the app's function fails. */
async function resolvePartition(request: Request, config: ResolvedProxyOptions): Promise<string | Response> {
  if (config.partition === undefined) return '';
  let partition: unknown;
  try {
    partition = await config.partition(request);
  } catch (error) {
    report(config, error, 'config');
    return proxyErrorResponse(500, 'The request could not be assigned to a partition.');
  }
  if (typeof partition !== 'string') {
    report(config, new TypeError('`partition` must answer a string.'), 'config');
    return proxyErrorResponse(500, 'The request could not be assigned to a partition.');
  }
  return partition;
}

/** The run body after `rewriteRun`, as object and bytes; the 500 to answer when the app's function fails. */
async function rewrite(
  request: Request,
  config: ResolvedProxyOptions,
  value: Record<string, unknown>,
  bytes: Uint8Array<ArrayBuffer>,
): Promise<{ value: Record<string, unknown>; bytes: Uint8Array<ArrayBuffer> } | Response> {
  if (config.rewriteRun === undefined) return { value, bytes };
  let rewritten: unknown;
  try {
    rewritten = await config.rewriteRun(value, request);
  } catch (error) {
    report(config, error, 'config');
    return proxyErrorResponse(500, 'The run could not be prepared.');
  }
  if (typeof rewritten !== 'object' || rewritten === null || Array.isArray(rewritten)) {
    report(config, new TypeError('`rewriteRun` must answer a plain JSON object.'), 'config');
    return proxyErrorResponse(500, 'The run could not be prepared.');
  }
  const text = JSON.stringify(rewritten);
  return { value: JSON.parse(text) as Record<string, unknown>, bytes: new TextEncoder().encode(text) };
}

async function answerRun(
  request: Request,
  config: ResolvedProxyOptions,
  state: ProxyState,
  { keys, partition }: { keys: GatewayKeys; partition: string },
  token: string,
  run: { value: Record<string, unknown>; bytes: Uint8Array<ArrayBuffer> },
): Promise<Response> {
  if (config.share === undefined) {
    // Sharing off: forwarded as it comes, but its job ids are still bound to the partition.
    return submitRun({
      request,
      config,
      budget: state.budget,
      budgetKey: keys.budget,
      token,
      body: run.bytes,
      followClient: true,
      hooks: {
        onHeader: (jobs) => state.shelf.recordIssued(keys, '', jobs),
        onEnd: () => undefined,
        onFailure: () => undefined,
      },
    });
  }
  const hashes = await runHashes(token, partition, run.value);
  return shareRun({ request, token, keys, hashes, bytes: run.bytes, skipCache: run.value.cache === 'SkipCache' }, state, config);
}

async function answerWait(
  request: Request,
  config: ResolvedProxyOptions,
  state: ProxyState,
  keys: GatewayKeys,
  token: string,
  jobIds: readonly string[],
  search: string,
): Promise<Response> {
  const ids = [...new Set(jobIds)];
  const records = await Promise.all(ids.map((id) => state.shelf.readJob(keys, id)));
  const forwarded = () =>
    forward(request, config, state.budget, keys, token, {
      url: `${config.upstreamPrefix}/api/v1/query/wait${search}`,
      method: 'GET',
      body: undefined,
    });
  if (records.some((record) => record === undefined)) {
    // Issued to another partition, or never by this gateway: one answer for both, revealing nothing.
    if (config.foreignJobIds === 'refuse') return proxyErrorResponse(404, 'Not found: no such job.');
    return forwarded();
  }
  if (state.coalescer === undefined) return forwarded();

  const jobs: HeldJob[] = ids.map((id, index) => ({ id, keys, record: records[index]! }));
  const done = await Promise.all(jobs.map((job) => state.shelf.readDone(keys, job.id, job.record)));
  if (done.some((line) => line !== undefined)) {
    const remaining = ids.filter((_, index) => done[index] === undefined);
    return gatewayAnswers.wait(
      done.filter((line): line is string => line !== undefined),
      remaining,
      false,
      'hit',
    );
  }
  const outcome = await state.coalescer.hold(jobs, request.signal);
  if (outcome.kind === 'aborted') return proxyErrorResponse(CLIENT_CLOSED_REQUEST, 'The client closed the request.');
  if (outcome.kind === 'failed')
    return proxyErrorResponse(outcome.failure.status, outcome.failure.message, outcome.failure.headers);
  return gatewayAnswers.wait(outcome.lines, outcome.remaining, outcome.timedOut, outcome.cache);
}

async function forward(
  request: Request,
  config: ResolvedProxyOptions,
  budget: ProxyBudget | undefined,
  keys: GatewayKeys,
  token: string,
  target: { url: string; method: string; body: Uint8Array<ArrayBuffer> | undefined },
): Promise<Response> {
  let release: ReleaseSlot | undefined;
  if (budget !== undefined) {
    const slot = await takeSlot(budget, keys.budget, request.signal, config.rateLimit?.maxWaitMs ?? Infinity);
    if (slot instanceof Response) return slot;
    release = slot;
  }
  const headers = upstreamRequestHeaders(request.headers, token, target.body !== undefined);
  try {
    return await pass(request, config, token, { ...target, headers });
  } finally {
    // Omni counted the request between the hand-off and its answer: the slot is held a window past that.
    release?.();
  }
}

async function pass(
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
async function takeSlot(
  budget: ProxyBudget,
  key: string,
  signal: AbortSignal,
  maxWaitMs: number,
): Promise<Response | ReleaseSlot> {
  try {
    return await budget.acquire(key, { signal, maxWaitMs: maxWaitMs === Infinity ? undefined : maxWaitMs });
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
