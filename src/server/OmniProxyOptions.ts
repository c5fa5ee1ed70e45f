import type { GatewayStore } from './gateway/GatewayStore.js';

/**
 * A proxy handler: a standard Fetch API handler, as Next.js route handlers, Hono, Remix, Deno and Bun
 * use, that also tells where it is mounted. Still a plain function, so `export { proxy as GET }` works.
 */
export type OmniProxyHandler = ((request: Request) => Promise<Response>) & {
  /**
   * {@link OmniProxyOptions.basePath} without a trailing `/`; `''` when the proxy is mounted at the
   * root. The browser's `createOmniClient({ baseUrl })` points here, and `createServerOmniClient`
   * keys its queries by it, so that both meet in the cache.
   */
  readonly basePath: string;
};

/**
 * The call the proxy is about to forward, as handed to {@link OmniProxyOptions.authorize} after the
 * request has been matched and validated. Lets the app decide per endpoint, per job or per model.
 */
export type OmniProxyCall =
  | {
      /** `GET /api/v1/query/wait`. */
      endpoint: 'wait';
      /** The job ids asked for, from `job_ids` (JSON array) or `jobIds` (comma list). Never empty. */
      jobIds: readonly string[];
    }
  | {
      /** `POST /api/v1/query/run`. */
      endpoint: 'run';
      /**
       * The parsed JSON request body; always a plain object. Forwarded byte for byte as received,
       * unless `rewriteRun` (called after `authorize`) changes it.
       */
      body: Readonly<Record<string, unknown>>;
    }
  | {
      /** `GET /api/v1/documents/{identifier}/queries`: the queries of a workbook or dashboard. */
      endpoint: 'documentQueries';
      /**
       * The document id or slug, percent-decoded. Never empty; already checked to be one path segment
       * (no `/`, `\`, `.`/`..`, `%` or control characters, at most 512 characters, not blank).
       */
      identifier: string;
    };

/** What {@link OmniProxyOptions.authorize} may answer: `true` lets the call through, anything else stops it. */
export type OmniProxyAuthorizeResult = boolean | Response;

/** Where a failure that the proxy answered for itself happened; see {@link OmniProxyOptions.onError}. */
export type OmniProxyErrorStage = 'authorize' | 'token' | 'upstream' | 'response' | 'internal' | 'store' | 'config';

/**
 * Cross-origin access to the proxy; see {@link OmniProxyOptions.cors}. Not needed when the page and
 * the proxy share an origin (the recommended set-up).
 */
export interface OmniProxyCors {
  /**
   * The origins allowed to call the proxy from a browser, each exactly as a browser sends it in
   * `Origin`: scheme, host and port only, e.g. `https://dashboards.example.com` (no path, no trailing
   * `/`, no wildcard). Checked at creation. An empty list allows no origin.
   */
  origins: readonly string[];
  /**
   * Sends `Access-Control-Allow-Credentials: true` to the listed origins, so a page that calls with
   * `credentials: 'include'` sends its cookies for the proxy's host (for an `authorize` that reads a
   * session cookie). Default: `false`: cookies do not cross origins, so authenticate with a header.
   */
  credentials?: boolean;
}

/**
 * The proxy's request budget for its Omni key; see {@link OmniProxyOptions.rateLimit}.
 * Omni allows 60 requests a minute per key by default.
 */
export interface OmniProxyRateLimit {
  /** How many requests may be forwarded in any window of `intervalMs`. A positive integer. */
  requests: number;
  /** The window, in ms. Positive. */
  intervalMs: number;
  /**
   * How many requests may wait for a slot at once; one more is answered 429 at once.
   * Default: 100. `0` answers 429 as soon as the budget is used up, without queueing.
   */
  maxQueue?: number;
  /**
   * The longest a request may wait for a slot, in ms: one that would wait longer is answered 429 at
   * once, with `Retry-After` saying when a slot frees up, rather than held past a browser's or a
   * platform's patience. Default: 30000. `Infinity` lets requests wait as long as the queue needs.
   */
  maxWaitMs?: number;
}

/**
 * How the proxy shares runs, waits and results between the browsers behind it; see
 * {@link OmniProxyOptions.share}.
 */
export interface OmniProxyShare {
  /**
   * How long a finished result is served to further runs of the same query, in ms. Positive.
   * Default: 60000 (one minute).
   */
  resultTtlMs?: number;
  /**
   * Largest result shared through the store, in bytes (the length of its stored text). A larger
   * result is shared in this process only, and `onError` is told (stage `'store'`): it is never
   * dropped silently. Default: 33554432 (32 MiB).
   */
  maxResultBytes?: number;
  /**
   * How long the proxy holds a browser's wait before answering "still running" (Omni's footer with
   * `timed_out: "true"`), in ms. Keep it below Omni's own long poll (about 30 s) and below your
   * platform's request timeout. Default: 25000.
   */
  holdMs?: number;
}

/**
 * Options of {@link createOmniProxy}. Only `baseUrl` and `token` are required, and both may be
 * `undefined` (pass `process.env.X` as it is, no `!`): see {@link OmniProxyOptions.baseUrl}.
 */
export interface OmniProxyOptions {
  /**
   * Origin of the Omni instance, e.g. `https://acme.omniapp.co`. A path prefix is allowed (for a
   * gateway in front of Omni); a query string, fragment or credentials are not. Must be `https:`;
   * `http:` is accepted only for `localhost`, `127.0.0.1` and `[::1]`, so the key never crosses a
   * network in clear text. Every upstream URL is this value plus one of the three fixed API paths
   * (a document identifier re-encoded as one path segment).
   *
   * `undefined` (an environment variable not set, as during `next build`) does not throw: the proxy
   * is created, forwards nothing, and answers every request 500 with a JSON error naming the missing
   * option (never a value), reporting it to `onError` with stage `config`. The same holds for `token`.
   * A value that is present but malformed still throws at creation.
   */
  baseUrl: string | undefined;
  /**
   * The Omni API key (an organization key or a personal access token), or a function returning one.
   * A function is called once per forwarded request, after `authorize` allowed it, so a rotated key is
   * picked up. It must be visible ASCII without spaces (a string token is checked at creation, a
   * function's answer per request). The value is only ever put into the upstream `Authorization`
   * header: never into a response, an error, an `onError` call or a log. `undefined` is allowed
   * until the app runs, as for `baseUrl`; an empty string throws.
   */
  token: string | (() => string | Promise<string>) | undefined;
  /**
   * The `fetch` used to call Omni. Defaults to the global `fetch`, looked up at call time (so test
   * interceptors and polyfills installed later still apply).
   */
  fetch?: typeof fetch;
  /**
   * The path this proxy is mounted at, as the browser client sees it: with `basePath: '/api/omni'`,
   * `/api/omni/api/v1/query/wait` is forwarded to Omni's `/api/v1/query/wait`. Must start with `/`;
   * a trailing `/` is ignored. Default: `''` (the proxy expects Omni's own paths).
   */
  basePath?: string;
  /**
   * Largest `run` request body accepted, in bytes; a larger one is answered 413 without being
   * forwarded. Default: 65536 (64 KiB), far above any real query body.
   */
  maxRequestBodyBytes?: number;
  /**
   * Largest response body passed through, in bytes. The body is streamed, never buffered; when it
   * grows past this size the stream is cut with an error (the client then sees a failed read, not a
   * silently truncated result). A `Content-Length` already above it is answered 502 at once.
   * Default: 268435456 (256 MiB). `Infinity` turns the cap off.
   */
  maxResponseBodyBytes?: number;
  /**
   * The app's own access check, called for every matched and valid call before the token is read
   * and before anything is sent to Omni. Answer `true` to forward the call, `false` for a 403 JSON
   * error, or a `Response` (say a 401 or a redirect) to send that instead. Any other answer counts
   * as `false`: the proxy fails closed. If it throws or rejects, the client gets a 500 whose body
   * says nothing about the error; the error goes to `onError`.
   * For a `run`, the request body has already been read: use `call.body`, not `request.json()`.
   * Default: none, every valid call is forwarded. Put the proxy behind your own auth in production:
   * without a check, anyone who can reach it runs queries with your key.
   */
  authorize?: (request: Request, call: OmniProxyCall) => OmniProxyAuthorizeResult | Promise<OmniProxyAuthorizeResult>;
  /**
   * Longest wait for Omni's response headers, in ms; past it the call is aborted and answered 504.
   * The body is not limited by it: it streams for as long as the client reads it (a client abort ends
   * it). Default: 60000, room for Omni's long poll of about 30 s. `Infinity` turns it off.
   */
  timeoutMs?: number;
  /**
   * Keeps the Omni key under its rate limit. Omni counts requests per API key, and every browser behind
   * this proxy shares its key, so a budget kept in each browser cannot protect it: the proxy keeps one
   * for all of them. Each forwarded request takes a slot just before it is sent, after routing, the
   * checks and `authorize` (a refused request costs nothing); no window of `intervalMs` ever holds more
   * than `requests` of them. A request beyond the budget waits its turn (first come, first served);
   * when the queue is full (`maxQueue`), or its wait would pass `maxWaitMs`, it is answered 429 with
   * `Retry-After` (whole seconds, rounded up) and an Omni-shaped JSON error, which the browser client
   * honours like Omni's own 429. A client that goes away while waiting leaves the queue without
   * taking a slot. Preflights take no slot.
   *
   * Without a `store`, the budget lives in this process: several instances of the proxy (serverless,
   * a cluster) each keep their own, so divide Omni's limit between them. With a shared `store`, it is
   * kept in the store, per key, across every instance using it. Leave some headroom when other programs
   * use the same key. Default: `{ requests: 60, intervalMs: 60000, maxQueue: 100, maxWaitMs: 30000 }`.
   * `false` turns the budget off: every request is forwarded at once, and Omni's 429s pass through.
   */
  rateLimit?: OmniProxyRateLimit | false;
  /**
   * Lets pages on other origins call the proxy from a browser. Default: none: the proxy sends no CORS
   * headers at all, so a browser lets only same-origin pages read its answers, and a preflight
   * (`OPTIONS`) is answered 405 like any other unsupported method.
   *
   * With it, for a listed origin only: a preflight to one of the proxy's paths is answered 204 with
   * `Access-Control-Allow-Origin` (that origin, never `*`), `Access-Control-Allow-Methods: GET, POST,
   * OPTIONS`, `Access-Control-Allow-Headers` echoing the headers the page asked for (a CSRF header,
   * your own `Authorization`: they reach `authorize`, never Omni), and `Access-Control-Max-Age: 600`.
   * Every other answer gets `Access-Control-Allow-Origin` and `Access-Control-Expose-Headers:
   * Retry-After` (plus `Access-Control-Allow-Credentials: true` with `credentials`). A preflight from
   * an origin not listed is answered 403, and other answers to it carry no CORS headers. With `cors`
   * set, every answer carries `Vary: Origin`. Preflights reach neither `authorize` nor Omni. CORS only
   * stops browsers from reading answers: keep checking the user in `authorize`.
   */
  cors?: OmniProxyCors;
  /**
   * Called with the error behind each 500, 502 and 504 the proxy answers itself, and when a response
   * body already under way is cut (over `maxResponseBodyBytes`, or Omni's stream broke), so the app
   * can log it with its own logger: the proxy never logs. `stage` says what failed: `config` (a
   * request reached a proxy created without `baseUrl` or `token`, once per request; or `partition` or
   * `rewriteRun` threw or answered something unusable), `authorize` (the
   * hook threw), `token` (the token function failed or gave an unusable value), `upstream` (Omni
   * could not be reached, timed out or redirected), `response` (the body stream was cut), `internal`
   * (a bug in the proxy: the client got a 500), `store` (the gateway store failed or was slow, and the
   * client got a 503; or a result was too large to share through it). A client that goes away is not an error. Errors thrown by this callback are ignored. Default: none.
   */
  onError?: (error: unknown, stage: OmniProxyErrorStage) => void;
  /**
   * Where what the browsers share is kept: run claims, the job ids issued to each partition, finished
   * results and, when given, the key's budget. Default: a store in this process
   * (`createMemoryStore()`), which is all one process needs. Give several instances one shared store
   * (`createRedisStore` from `omni-query-hooks/server/redis`) so that they share runs, results and
   * the budget too. When a store is given, `rateLimit` is counted in it, across every instance that
   * uses it. A store call that fails or takes more than a few seconds is answered 503 with
   * `Retry-After` (stage `'store'` in `onError`).
   */
  store?: GatewayStore;
  /**
   * Sharing between viewers, on by default: identical runs (same partition, same body after
   * `rewriteRun`) are sent to Omni once while in flight, finished results are served for
   * `resultTtlMs`, and browsers' waits are held and answered from one upstream long poll per
   * instance. Every run and wait answer says how it was served in `x-omni-proxy-cache`: `hit`
   * (from a finished result), `shared` (joined a run or poll in flight) or `miss` (sent upstream).
   * `false` turns all sharing off: each request is forwarded as it comes. Job ids stay bound to their
   * partition either way. Default: `{ resultTtlMs: 60000, maxResultBytes: 33554432, holdMs: 25000 }`.
   */
  share?: OmniProxyShare | false;
  /**
   * Which partition (tenant, organisation, user group) a request belongs to. Nothing is shared
   * across partitions: the partition is part of every store key, and a job id issued to one partition
   * is answered 404 to every other. Called after `authorize`, once per run or wait. If it throws or
   * answers anything but a string, the client gets a 500 and `onError` stage `'config'`.
   * Default: one partition for every request (`''`). The token's keyed hash separates proxies whose
   * keys differ in any case.
   */
  partition?: (request: Request) => string | Promise<string>;
  /**
   * What a wait for a job id this gateway did not issue to the request's partition gets. `'refuse'`:
   * a 404 exactly like Omni's for an unknown id, sending nothing upstream. `'forward'`: the wait is
   * forwarded to Omni as it is (`authorize` still decides), for apps whose own server obtains job
   * ids elsewhere; check the ids in `authorize` then. Default: `'refuse'`.
   */
  foreignJobIds?: 'refuse' | 'forward';
  /**
   * Rewrites a run's body before it is shared or sent: after `authorize`, before the sharing key is
   * computed. Force `userId` (Omni's row-level security for organization keys) or add a tenant's
   * filters here, so that tenants never share a result by construction. Answer a plain JSON object;
   * the proxy then sends its JSON text instead of the browser's bytes. If it throws or answers
   * anything else, the client gets a 500 and `onError` stage `'config'`. Default: none, the body is
   * forwarded byte for byte.
   */
  rewriteRun?: (
    body: Readonly<Record<string, unknown>>,
    request: Request,
  ) => Record<string, unknown> | Promise<Record<string, unknown>>;
}
