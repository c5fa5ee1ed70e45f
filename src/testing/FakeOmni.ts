import type { Table } from 'apache-arrow';
import type { OmniRunBody } from '../client/OmniClient.js';
import type { FakeField } from './arrowResult.js';
import type { WireObject } from './wireLines.js';

/** Options of {@link createFakeOmni}. Every one is optional. */
export interface FakeOmniOptions {
  /**
   * Where the fake answers: an origin (`https://acme.omniapp.co`) or a path prefix of your own proxy
   * (`/api/omni`, resolved against `location` in a browser). Default `https://fake.omniapp.co`.
   * Pass the same value to `createOmniClient({ baseUrl })`.
   */
  baseUrl?: string;
  /** The jobs the fake knows from the start, by id. More with {@link FakeOmni.addJob}. Default: none. */
  jobs?: Record<string, FakeJob>;
  /**
   * How long a wait (or run) in which no asked job finishes is held before it answers
   * `timed_out: "true"`, in ms. Default 30. Omni holds about 30 s; `Infinity` holds until a job is
   * released, {@link FakeOmni.endWaits} is called, or the client aborts.
   */
  holdMs?: number;
  /** When set, any other bearer token (or none) gets 403 `Invalid bearer token`. Change it with `setToken`. Default: any request is accepted. */
  token?: string | undefined;
  /**
   * Enforces Omni's rate limit per `Authorization` header (per API key): more than `requests` requests
   * within any `intervalMs` get 429 `{"error":{"code":429,"message":"Rate limit exceeded"}}`, counted in
   * {@link FakeOmniStats.rateLimited}. Refused requests do not use up the budget. `retryAfter: true`
   * adds a `Retry-After` header (seconds until a slot frees); Omni may not send one, so the default is none.
   * Omni's limit is `{ requests: 60, intervalMs: 60_000 }`. Default: no limit.
   */
  rateLimit?: { requests: number; intervalMs: number; retryAfter?: boolean };
  /** Body shape: `ndjson` (what the server sends, default) or `json` (the docs' single JSON object or array). */
  format?: 'ndjson' | 'json';
  /**
   * Keep a wait open after sending the lines of finished jobs, streaming more as jobs finish, until
   * all asked jobs are done or `holdMs` passes (like the real long poll). Default `false`: answer as
   * soon as at least one asked job is done.
   */
  holdOpen?: boolean;
  /**
   * What `POST /api/v1/query/run` starts, per query:
   * - a function of the run body ({@link OmniRunBody}: `body.query` is Omni's query JSON, with
   *   `body.query.filters` as the page sent them), returning the job(s) to start (`undefined`: 400,
   *   no match);
   * - or rules, tried in order: the first whose `match` fits the body's `query` starts its `job`. A
   *   `match` object fits when each of its keys deep-equals the query's (`{ fields: ['orders.count'] }`),
   *   a function decides by itself. A body that fits no rule gets 400 `No fake run matches this query`.
   *
   * Leave out the job's `id`: each run then gets a fresh one (`run-<n>`, as Omni starts a new job per
   * run). An `id` returned for two different run bodies is refused with a 400 that says so (the
   * second query would otherwise show the first one's rows). A body whose `query` is not an object
   * gets 400 too; the fake checks nothing else of the query. Default: every run starts one job
   * `fake-run-<n>` with a one-row table.
   */
  runs?: ((body: OmniRunBody) => FakeRunJob | readonly FakeRunJob[] | undefined) | readonly FakeRunRule[];
  /** The same as a `runs` function (the older name). */
  onRun?: (body: OmniRunBody) => FakeRunJob | readonly FakeRunJob[];
  /**
   * The queries of each document for `GET /api/v1/documents/{identifier}/queries`, by document id or
   * slug. Unknown identifiers get 404 `{"detail":"Document not found","status":404}`. Default: none.
   */
  documents?: Record<string, readonly FakeDocumentQuery[]>;
}

/** @deprecated The run body is {@link OmniRunBody}; this is its older name. */
export type FakeRunBody = OmniRunBody;

/** A job a run starts: a {@link FakeJob}, with an `id` only when the test needs to know it in advance. */
export interface FakeRunJob extends FakeJob {
  /** The job id. Absent (recommended): a fresh `run-<n>` per run. Never the same for two different run bodies. */
  id?: string | undefined;
}

/** One rule of {@link FakeOmniOptions.runs}. */
export interface FakeRunRule {
  /** Fits the body's `query`: keys that must deep-equal, or a predicate of the whole body. */
  match: Record<string, unknown> | ((body: OmniRunBody) => boolean);
  /** The job this query starts. Without `id`, a fresh `run-<n>` each time. */
  job: FakeRunJob;
}

/** One query of a document, as `GET /api/v1/documents/{identifier}/queries` lists it. */
export interface FakeDocumentQuery {
  /** The query's id. */
  id: string;
  /** The tile's or query's name, e.g. `Revenue by month`. */
  name: string;
  /** Omni's query JSON, what `POST /api/v1/query/run` takes as `query`. Absent for tiles without a query. */
  query?: Record<string, unknown>;
  /** The key of the query in the document (`"1"`, `"2"`, …). */
  queryIdentifierMapKey: string;
  /** A link to the query in Omni. */
  url: string;
}

/**
 * A fake job without its id: what {@link FakeOmniOptions.jobs} maps ids to. By default it completes,
 * with an empty result, at the first wait that asks for it.
 */
export interface FakeJob {
  /** The rows, as plain objects keyed by field name (see {@link arrowResult} for the values it takes). */
  rows?: readonly Record<string, unknown>[];
  /** The rows as an apache-arrow `Table`, or columns for `tableFromArrays` (string arrays become dictionary columns). Used when `rows` is absent. */
  table?: Table | Record<string, unknown>;
  /**
   * The query's fields, in order: the line's `query.model_job.fields`, and for `rows` the column
   * order, types, labels and formats ({@link FakeField}). Absent by default (no `query` in the line).
   */
  fields?: readonly (string | FakeField)[];
  /** Waits (and runs) that ask for the job before it is done: `2` → the third one returns it. Default 0. */
  after?: number;
  /** The same as `after` (the older name). `Infinity`: the job never finishes by itself. */
  finishAfterPolls?: number;
  /** Milliseconds after it was added before the job can be done (in addition to `after`). Default 0. */
  finishAfterMs?: number;
  /** Never done until the test calls {@link FakeOmni.release} with its id. Default `false`. */
  held?: boolean;
  /** Ends the job with Omni's `ERROR` status and this `error_message` (and `error_type`, e.g. `PLAN`). */
  error?: string | { message: string; type?: string };
  /** Terminal status. Default `COMPLETE` (`ERROR` with `error`). Any other string is sent as is (e.g. `PLANNED`). */
  status?: 'COMPLETE' | 'ERROR' | 'FAILED' | 'MISSING' | (string & {});
  /** `error_message` of a failed job. Default for `ERROR`/`FAILED`/`MISSING`: a generic message. */
  errorMessage?: string;
  /** `error_type` of a failed job (`PLAN`, `KILL`, …). Absent by default. */
  errorType?: string;
  /**
   * An HTTP answer for every wait that asks for this job, instead of its lines: e.g. `{ status: 403 }`
   * or `{ status: 503, times: 2 }` (then the job is polled normally). See {@link FakeHttpFault}.
   */
  failWith?: FakeHttpFault & { times?: number };
  /** Wire-shaped `summary`. Default: one generated from the result's columns. `null` sends none. */
  summary?: Record<string, unknown> | null;
  /** Labels for the generated summary, by fully qualified field name. */
  labels?: Record<string, string>;
  /** Raw `result` override (e.g. malformed base64, `""`, a truncated payload). */
  result?: string;
  /** Arrow IPC format of `result`. Default `stream`, or `file` when the fake answers in `json` format. */
  arrowFormat?: 'stream' | 'file';
  /** `client_result_id`. Default: `cr-<id>` for complete jobs, the string `"null"` for failed ones (as Omni does). */
  clientResultId?: string;
  /** Extra raw keys merged into the job line last (e.g. `{ cache_metadata: {…} }`, or a broken `summary`). */
  line?: WireObject;
}

/** A fake job with its id, for {@link FakeOmni.addJob}. */
export interface FakeJobSpec extends FakeJob {
  /** The job id. */
  id: string;
}

/** An HTTP answer of a fault. `body`: a string is sent as is (`text/plain`), anything else as JSON. Default body: none. */
export interface FakeHttpFault {
  /** HTTP status, e.g. 429, 403, 500, 502, 503. */
  status: number;
  /** The body. Default: none. */
  body?: unknown;
  /** Response headers, e.g. `{ 'Retry-After': '1' }`. */
  headers?: Record<string, string>;
  /** Answer only after this many ms (the request stays in flight meanwhile; an abort cuts it short). Default 0. */
  delayMs?: number;
}

/** The endpoints of the fake. `other` is any path it does not serve (answered 404). */
export type FakeEndpoint = 'wait' | 'run' | 'documents' | 'other';

/** A scripted failure for the next request(s), see {@link FakeOmni.failNext}. `endpoint` limits it to one endpoint. */
export type FakeFault =
  /** The request fails at the network level (`fetch` rejects with a `TypeError`). */
  | 'network'
  /** An HTTP answer. */
  | (FakeHttpFault & { endpoint?: Exclude<FakeEndpoint, 'other'> })
  /**
   * A 200 wait whose stream fails: the lines of finished jobs, then `{"message","reason"}` instead of
   * a footer, with or without a final newline.
   */
  | { midStream: { message: string; reason?: string }; trailingNewline?: boolean; endpoint?: 'wait' | 'run' };

/** One request the fake received. */
export interface FakeRequest {
  /** `GET`, `POST`, … */
  method: string;
  /** Which endpoint it asked for. */
  endpoint: FakeEndpoint;
  /** The URL path. */
  path: string;
  /** Wait: the ids asked for, decoded. Run: the ids submitted. `[]` when unreadable, refused, or for other endpoints. */
  jobIds: string[];
  /** Run: the parsed JSON body. `undefined` for other endpoints and bodies that are not JSON. */
  body: unknown;
  /** Documents: the document identifier of the path. `undefined` for other endpoints. */
  identifier: string | undefined;
  /** The `Authorization` header as sent, or `null`. Tests only: never log this. */
  authorization: string | null;
  /** `Date.now()` when the request arrived. */
  startedAt: number;
  /** `Date.now()` when the answer was fully sent or aborted; `undefined` while in flight. */
  endedAt: number | undefined;
  /** True when the client aborted before the answer was complete. */
  aborted: boolean;
  /** HTTP status sent, or `0` for a network fault. */
  status: number;
  /** The scripted fault (or the job's `failWith`) that answered this request, if any. */
  fault: FakeFault | undefined;
  /** True when the rate limit refused it (429). */
  rateLimited: boolean;
}

/** A job's live state in the fake. */
export interface FakeJobState {
  /** The job as added. */
  spec: FakeJobSpec;
  /** Waits and runs that asked for it so far. */
  polls: number;
  /** `Date.now()` when it was added. */
  addedAt: number;
  /** True once {@link FakeOmni.release} was called: the job is done whatever its polls and time. */
  released: boolean;
}

/** Counts over every request since creation (or {@link FakeOmni.reset}), whatever the answer: faults, 403s and 429s included. */
export interface FakeOmniStats {
  /** Requests received, any endpoint. */
  requests: number;
  /** Wait requests received. */
  waits: number;
  /** Run requests received. */
  runs: number;
  /** Document-queries requests received. */
  documents: number;
  /** Requests refused by {@link FakeOmniOptions.rateLimit} (429). */
  rateLimited: number;
  /** Requests answered by a scripted fault or a job's `failWith`. */
  faulted: number;
  /** Requests in flight now, any endpoint: from arrival until the answer's body was read to the end, cancelled or aborted. */
  inFlight: number;
  /** The most requests ever in flight at once, any endpoint. */
  maxInFlight: number;
}

/** The fake Omni. Everything is per instance: make one per test or story. */
export interface FakeOmni {
  /** The normalised base URL (no trailing slash): pass it to `createOmniClient({ baseUrl })`. */
  readonly baseUrl: string;
  /**
   * A `fetch` that answers as Omni would, without a network or msw: pass it to
   * `createOmniClient({ baseUrl: omni.baseUrl, fetch: omni.fetch })`. Honours `signal` (rejects with an
   * `AbortError`, and errors a body being streamed). Requests outside the fake's routes get 404.
   */
  readonly fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
  /**
   * Answers one request, as `fetch` does but with the `Response.error()` of a network fault instead of
   * a rejection: what an msw handler or a service worker returns. `toMswHandlers` uses it.
   */
  readonly handle: (request: Request) => Promise<Response>;
  /** Every request received, in arrival order. */
  readonly requests: FakeRequest[];
  /** Counts over every request, faulted ones included. */
  readonly stats: FakeOmniStats;
  /** Wait requests in flight now, whatever their answer (run and document requests are not counted). */
  readonly inFlight: number;
  /** The most wait requests ever in flight at once, faulted ones included. */
  readonly maxInFlight: number;
  /** Registers jobs (replacing any with the same id). Returns the first job's id. */
  addJob(...specs: FakeJobSpec[]): string;
  /**
   * Finishes jobs now, whatever `after`/`held`/`finishAfterMs` say: a held wait that asked for one
   * answers at once, and later waits return it. For tests that decide when a job ends.
   */
  release(...ids: string[]): void;
  /** Answers every wait held now as timed out (`timed_out: "true"`), as if its long poll ran out. */
  endWaits(): void;
  /** A job's live state, or `undefined` for an unknown id. */
  job(id: string): FakeJobState | undefined;
  /** Scripts `fault` for the next `times` requests (default 1), in order after earlier faults. */
  failNext(fault: FakeFault, times?: number): void;
  /** Changes the accepted token (`undefined`: accept any request). */
  setToken(token: string | undefined): void;
  /** Wait requests received so far. */
  waitRequests(): FakeRequest[];
  /** Resolves when `count` requests (default 1) have arrived since this call, e.g. to act while a wait is held. */
  nextRequest(count?: number): Promise<FakeRequest>;
  /** Forgets jobs, faults, requests, counts and the rate-limit window. */
  reset(): void;
}
