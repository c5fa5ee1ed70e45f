import type { JobLine } from '../wire/jobLineSchema.js';
import type { RunResponse, WaitResponse } from '../wire/WaitResponse.js';

/** Options of {@link createOmniClient}. */
export interface OmniClientOptions {
  /**
   * Origin of the Omni instance (`https://acme.omniapp.co`) or of a proxy (`https://app.example.com/api/omni`,
   * or `/api/omni` for a same-origin proxy). Requests go to `${baseUrl}/api/v1/query/…`.
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
}

/** Per-request options. */
export interface OmniRequestInit {
  /** Aborts the request. The promise then rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * Called with each job line as soon as it is parsed, before the whole body has arrived, so a job
   * that finishes early in a long poll is shown at once. Lines are also in the resolved response.
   */
  onJob?: (job: JobLine) => void;
}

/** Body of `POST /api/v1/query/run`, as Omni documents it. Unknown keys are passed through. */
export interface RunQueryBody {
  /** The query: `modelId`, `table`, `fields`, `limit`, `sorts`, `filters`, … */
  query: { modelId: string; table: string; fields: string[]; [key: string]: unknown };
  /** Omni's cache policy. Omni's default applies when left out. */
  cache?: 'Standard' | 'SkipRequery' | 'SkipCache';
  [key: string]: unknown;
}

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
  run(body: RunQueryBody, init?: OmniRequestInit): Promise<RunResponse>;
}
