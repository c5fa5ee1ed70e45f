import { OmniError } from '../errors/OmniError.js';
import { parseJobIds } from '../rules/parseJobIds.js';
import type { RunResponse, WaitResponse } from '../wire/createWaitBodyParser.js';
import { errorFromResponse } from './errorFromResponse.js';
import { normaliseBaseUrl } from './normaliseBaseUrl.js';
import {
  DEFAULT_RATE_LIMIT,
  type OmniClient,
  type OmniClientOptions,
  type OmniRequestInit,
  type OmniRunBody,
} from './OmniClient.js';
import { readWaitResponse } from './readWaitResponse.js';
import { redactor } from '../rules/redactor.js';
import { resolveToken } from './resolveToken.js';
import { RUN_PATH, WAIT_PATH, documentQueriesPath, waitUrl } from '../rules/apiPaths.js';
import { readDocumentQueries } from '../documents/readDocumentQueries.js';
import { createRateLimiter } from '../budget/createRateLimiter.js';
import type { DocumentQuery } from '../documents/documentQueriesSchema.js';
import { documentIdentifierProblem } from '../rules/documentIdentifier.js';

/** The `Accept` header of every request: Omni streams NDJSON, and its docs show single JSON. */
export const ACCEPT = 'application/x-ndjson, application/json';

/**
 * Creates a client for Omni's query endpoints.
 *
 * - `client.key` is the normalised `baseUrl` (never the token), for query keys.
 * - Every request sends `Accept: application/x-ndjson, application/json`, then `options.headers`,
 *   then `Authorization: Bearer <token>` when there is a token (the token function is awaited
 *   before each request).
 * - `fetch` is `options.fetch`, else the global `fetch` looked up at each call, so msw and
 *   polyfills installed later still apply.
 * - Answers stream: `init.onJob` sees each job line when it arrives.
 * - Every request takes a slot of the client's request budget (`options.rateLimit`, default 60 a
 *   minute) as it is handed to `fetch`, held until a window after its answer began; beyond the
 *   budget it waits its turn.
 *
 * Failures reject with an {@link OmniError}: `http` for non-2xx answers (Omni's error bodies
 * normalised, `retryAfterMs` from `Retry-After`), `network` when no answer came or the token
 * function failed, `schema` for a 2xx body with nothing readable. An aborted request rejects with
 * the signal's reason unchanged, as react-query expects. No message contains the token, and
 * nothing is logged.
 *
 * A relative `baseUrl` (`/api/omni`, a same-origin proxy) works in a browser only: on the server,
 * without `options.fetch`, a request rejects with a `network` `OmniError` that names the fix
 * (prefetch the query on the server with `createServerOmniClient`, or render on the client only).
 *
 * @throws TypeError (synchronously) when `options.baseUrl` is not a usable string.
 */
export function createOmniClient(options: OmniClientOptions): OmniClient {
  const baseUrl = normaliseBaseUrl(options.baseUrl);
  const limiter = options.rateLimit === false ? undefined : createRateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT);

  /** Sends one request and returns its 2xx answer, unread, with the redactor for reading it. */
  const request = async (
    method: 'GET' | 'POST',
    path: string,
    url: string,
    body: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<{ response: Response; redact: (text: string) => string }> => {
    signal?.throwIfAborted();
    const token = await resolveToken(options.token);
    signal?.throwIfAborted();
    const redact = redactor(token);

    const headers = new Headers({ Accept: ACCEPT });
    if (body !== undefined) headers.set('Content-Type', 'application/json');
    for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);
    if (token !== undefined) headers.set('Authorization', `Bearer ${token}`);

    if (options.fetch === undefined && isRelative(baseUrl) && !hasDocumentLocation()) throw relativeOnServer(method, url);
    // Looked up per call: msw or a polyfill may replace the global after the client was made.
    const fetchImpl = options.fetch ?? globalThis.fetch;
    if (typeof fetchImpl !== 'function') {
      throw new OmniError('network', 'No fetch is available: pass `fetch` to createOmniClient');
    }
    // The slot is taken as the request is handed to fetch and held until a window after its answer
    // began: Omni counted the request somewhere in between, whatever the latency.
    const release = await limiter?.acquire({ signal });
    let response: Response;
    try {
      // Called unbound: `options.fetch(…)` would bind `this` to options and break window.fetch.
      response = await fetchImpl(url, { method, headers, body: body ?? null, signal: signal ?? null });
    } catch (cause) {
      if (signal?.aborted) throw signal.reason;
      const reason = redact(cause instanceof Error ? cause.message || cause.name : String(cause));
      throw new OmniError('network', `Could not reach Omni (${method} ${baseUrl}${path}): ${reason}`, { cause });
    } finally {
      release?.();
    }
    if (!response.ok) {
      // The path without the query string: job ids and other values stay out of messages.
      const error = await errorFromResponse(response, { redact, request: { method, path: `${baseUrl}${path}` } });
      if (signal?.aborted) throw signal.reason;
      throw error;
    }
    return { response, redact };
  };

  const stream = async (
    method: 'GET' | 'POST',
    path: string,
    url: string,
    body: string | undefined,
    init: OmniRequestInit | undefined,
  ): Promise<RunResponse> => {
    const signal = init?.signal;
    const { response, redact } = await request(method, path, url, body, signal);
    return readWaitResponse(response, { onJob: init?.onJob, redact, signal });
  };

  return {
    key: baseUrl,
    async wait(jobIds: readonly string[], init?: OmniRequestInit): Promise<WaitResponse> {
      const ids = checkJobIds(jobIds);
      if (ids.length === 0) return { jobs: [], remainingJobIds: [], timedOut: false, streamError: undefined };
      const { jobs, remainingJobIds, timedOut, streamError } = await stream(
        'GET',
        WAIT_PATH,
        waitUrl(baseUrl, ids),
        undefined,
        init,
      );
      return { jobs, remainingJobIds, timedOut, streamError };
    },
    async run(body: OmniRunBody, init?: OmniRequestInit): Promise<RunResponse> {
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw new TypeError('OmniClient.run: body must be an object like { query: { modelId, table, fields } }');
      }
      return stream('POST', RUN_PATH, `${baseUrl}${RUN_PATH}`, JSON.stringify(body), init);
    },
    async documentQueries(identifier: string, init?: { signal?: AbortSignal }): Promise<DocumentQuery[]> {
      const problem = documentIdentifierProblem(identifier);
      if (problem !== undefined) throw new TypeError(`OmniClient.documentQueries: the document identifier ${problem}`);
      const path = documentQueriesPath(identifier);
      const signal = init?.signal;
      const { response, redact } = await request('GET', path, `${baseUrl}${path}`, undefined, signal);
      return readDocumentQueries(response, { redact, signal });
    },
  };
}

/** A path such as `/api/omni`: it names a place only relative to a page's address. */
function isRelative(baseUrl: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:/i.test(baseUrl);
}

/** True where a relative URL has something to be resolved against: a browser page (or a DOM test environment). */
function hasDocumentLocation(): boolean {
  return typeof (globalThis as { location?: { href?: unknown } }).location?.href === 'string';
}

/**
 * Server rendering of a component that was not prefetched: its request would fail with the
 * platform's "Failed to parse URL". Named instead, with the two ways out.
 */
function relativeOnServer(method: string, url: string): OmniError {
  return new OmniError(
    'network',
    `Cannot send ${method} ${url} from the server: the client's baseUrl is relative, and only a browser resolves it. ` +
      'Prefetch this query on the server (queryClient.prefetchQuery(omniQueryOptions(createServerOmniClient(proxy, { headers }), query)) ' +
      'under a HydrationBoundary), or render this component on the client only.',
  );
}

/**
 * The ids to ask for, de-duplicated in first-seen order.
 * @throws TypeError for a non-array, or an id that is not a non-empty string: caught before any request.
 */
function checkJobIds(jobIds: readonly string[]): string[] {
  const checked = parseJobIds(jobIds);
  if (checked.ok) return checked.ids;
  throw new TypeError(
    checked.index === undefined
      ? 'OmniClient.wait: jobIds must be an array of job id strings'
      : `OmniClient.wait: job id at index ${checked.index} must be a non-empty string, got ${checked.found}`,
  );
}
