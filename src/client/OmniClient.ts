import type { RateLimit } from '../budget/createRateLimiter.js';
import type { DocumentQuery } from '../documents/documentQueriesSchema.js';
import type { JobLine } from '../wire/jobLineSchema.js';
import type { OmniQuery } from '../query/omniQuerySchema.js';
import type { RunResponse, WaitResponse } from '../wire/createWaitBodyParser.js';

/** Default of {@link OmniClientOptions.rateLimit}: Omni's limit of 60 requests a minute per API key. */
export const DEFAULT_RATE_LIMIT: RateLimit = { requests: 60, intervalMs: 60_000 };

/** Options of {@link createOmniClient}. */
export interface OmniClientOptions {
  /**
   * Origin of the Omni instance (`https://acme.omniapp.co`) or of a proxy (`https://app.example.com/api/omni`,
   * or `/api/omni` for a same-origin proxy). Requests go to `${baseUrl}/api/v1/…`.
   */
  baseUrl: string;
  /**
   * Bearer token, or a function returning one (called before every request, so a rotated token is
   * picked up). Leave it out when a proxy adds the header: that is the recommended production set-up.
   */
  token?: string | (() => string | Promise<string>);
  /** The `fetch` to use. Defaults to the global `fetch` at call time (so msw and polyfills apply). */
  fetch?: typeof fetch;
  /** Extra request headers (e.g. a CSRF header for your proxy). An `Authorization` here is ignored when `token` is set. */
  headers?: Record<string, string>;
  /**
   * The request budget of this client: every request (run, wait, document list) takes a slot when it
   * is handed to `fetch`, and no `intervalMs` window holds more than `requests` of them; a request
   * beyond the budget waits, first come first served (an aborted one leaves the queue without a slot).
   * Default {@link DEFAULT_RATE_LIMIT}, Omni's 60 a minute. `false` turns it off (e.g. behind a
   * proxy that keeps the key's budget for every browser; see `createOmniProxy`'s `rateLimit`).
   */
  rateLimit?: RateLimit | false;
}

/** Per-request options. */
export interface OmniRequestInit {
  /** Aborts the request, or its wait for a slot of the request budget. The promise then rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * Called with each job line as soon as it is parsed, before the whole body has arrived, so a job
   * that finishes early in a long poll is shown at once. Lines are also in the resolved response.
   * Ignored by `documentQueries`.
   */
  onJob?: (job: JobLine) => void;
}

/**
 * Body of `POST /api/v1/query/run`, as Omni documents it: what `client.run` sends and what the fake
 * Omni's `runs` receives. Unknown keys are passed through.
 */
export interface OmniRunBody {
  /** The query: `modelId`, `table`, `fields`, `limit`, `sorts`, `filters`, … */
  query: OmniQuery;
  /** Omni's cache policy. Omni's default applies when left out. */
  cache?: 'Standard' | 'SkipRequery' | 'SkipCache';
  /** Run against this branch of the model. Top level only: inside `query` Omni answers 400. */
  branchId?: string;
  /** Run as this user (row-level security, for organisation-scoped keys): a membership id. */
  userId?: string;
  [key: string]: unknown;
}

/** @deprecated The older name of {@link OmniRunBody}. */
export type RunQueryBody = OmniRunBody;

/** A client for Omni's query endpoints. Plain TypeScript: usable without React. */
export interface OmniClient {
  /**
   * A stable identity for query keys: the normalised `baseUrl`. Never contains the token, so two
   * clients for the same instance share cache entries, and keys are safe to log and persist.
   */
  readonly key: string;
  /** One `GET /api/v1/query/wait` for these ids (sent as the documented JSON array). */
  wait(jobIds: readonly string[], init?: OmniRequestInit): Promise<WaitResponse>;
  /** One `POST /api/v1/query/run`. Never retried automatically: a retry would submit the query twice. */
  run(body: OmniRunBody, init?: OmniRequestInit): Promise<RunResponse>;
  /**
   * One `GET /api/v1/documents/{identifier}/queries`: the queries behind a workbook or dashboard, in
   * document order. `identifier` is the document's id or slug, sent as one encoded path segment.
   * @throws TypeError (rejects) for an identifier that is empty or not one path segment (`a/b`,
   *   `..`, `%2F`), before any request; `OmniError` `http` (404: no such document), `network`, or
   *   `schema` (naming the path of the unexpected value).
   */
  documentQueries(identifier: string, init?: { signal?: AbortSignal }): Promise<DocumentQuery[]>;
}
