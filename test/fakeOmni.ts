/**
 * A fake Omni query API for msw, shared by the hook tests (`msw/node`) and the Storybook stories
 * (the msw service worker). Web APIs only: no `node:*` imports.
 *
 * ```ts
 * const omni = createFakeOmni({ holdMs: 30 });
 * omni.addJob({ id: 'a', table: { 'orders.count': [1, 2] } });               // done at the first wait
 * omni.addJob({ id: 'b', table: someArrowTable, finishAfterPolls: 2 });      // third wait returns it
 * omni.addJob({ id: 'c', status: 'ERROR', errorMessage: 'Column not found' });
 * omni.failNext({ status: 429, headers: { 'Retry-After': '1' } });          // next request only
 * server.use(...omni.handlers);                                              // or msw.handlers in a story
 * ```
 *
 * Wait answers follow `../shared/docs/omni-query-api.md`: NDJSON job lines for the asked jobs that
 * are done, then the footer `{"remaining_job_ids":[…],"timed_out":"true"|"false"}`, streamed
 * through a `ReadableStream`. When none of the asked jobs is done, the request is held for `holdMs`
 * (or until a time-based job finishes, or the client aborts) and ends with `timed_out: "true"`.
 * Unknown ids get `{"job_id":…,"status":"FAILED","error_message":"Unable to find job"}`.
 */
import { tableFromArrays, type Table } from 'apache-arrow';
import { http, HttpResponse, type RequestHandler } from 'msw';
import { abortableSleep } from './fakeOmni/abortableSleep.js';
import { arrowBase64 } from './fakeOmni/arrowBase64.js';
import { summaryFor } from './fakeOmni/summaryFor.js';
import {
  docsJobLine,
  footerLine,
  headerLine,
  ndjson,
  streamErrorLine,
  unknownJobLine,
  type WireObject,
} from './fakeOmni/wireLines.js';

export { arrowBase64, bytesToBase64 } from './fakeOmni/arrowBase64.js';
export { summaryFor } from './fakeOmni/summaryFor.js';
export {
  docsJobLine,
  footerLine,
  streamErrorLine,
  unknownJobLine,
  type WireObject,
} from './fakeOmni/wireLines.js';

/** Options of {@link createFakeOmni}. */
export interface FakeOmniOptions {
  /** Origin the handlers answer on. Default `https://fake.omniapp.co`. A path prefix (`/api/omni`) works too. */
  baseUrl?: string;
  /** How long a wait with nothing finished is held before it times out, in ms. Default 30. */
  holdMs?: number;
  /** When set, any other bearer token (or none) gets 403 `Invalid bearer token`. Change it with `setToken`. */
  token?: string;
  /** Body shape: `ndjson` (what the server sends, default) or `json` (the docs' single JSON object / array). */
  format?: 'ndjson' | 'json';
  /**
   * Keep a wait open after sending the lines of finished jobs, streaming more as time-based jobs
   * finish, until all asked jobs are done or `holdMs` passes (like the real long poll). Default
   * `false`: answer as soon as at least one asked job is done.
   */
  holdOpen?: boolean;
  /** The jobs a run submits, from its body. Default: one job `fake-run-<n>` with a one-row table. */
  onRun?: (body: unknown) => FakeJobSpec | FakeJobSpec[];
}

/** A fake job. Only `id` is required; by default it completes at the first wait that asks for it. */
export interface FakeJobSpec {
  /** The job id. */
  id: string;
  /** The rows: an apache-arrow `Table`, or columns for `tableFromArrays` (strings become dictionary columns). */
  table?: Table | Record<string, unknown>;
  /** Waits (and runs) that ask for the job before it is done: `2` → the third one returns it. Default 0. Use `Infinity` for a job that never finishes. */
  finishAfterPolls?: number;
  /** Milliseconds after `addJob` before the job can be done (also needs `finishAfterPolls`). Default 0. */
  finishAfterMs?: number;
  /** Terminal status. Default `COMPLETE`. Any other string is sent as is (e.g. `PLANNED`). */
  status?: 'COMPLETE' | 'ERROR' | 'FAILED' | 'MISSING' | (string & {});
  /** `error_message` of a failed job. Default for `ERROR`/`FAILED`/`MISSING`: a generic message. */
  errorMessage?: string;
  /** `error_type` of a failed job (`PLAN`, `KILL`, …). Absent by default. */
  errorType?: string;
  /** Wire-shaped `summary`. Default: {@link summaryFor} of the table. Pass `null` to send none. */
  summary?: Record<string, unknown> | null;
  /** Labels for the generated summary, by fully qualified field name. */
  labels?: Record<string, string>;
  /** `query.model_job.fields`: the user's columns, in order. Absent by default. */
  fields?: string[];
  /** Raw `result` override (e.g. malformed base64, `""`, a truncated payload). */
  result?: string;
  /** Arrow IPC format of `result`. Default `stream`, or `file` when the fake answers in `json` format. */
  arrowFormat?: 'stream' | 'file';
  /** `client_result_id`. Default: `cr-<id>` for complete jobs, the string `"null"` for failed ones (as Omni does). */
  clientResultId?: string;
  /** Extra raw keys merged into the job line last (e.g. `{ cache_metadata: {…} }`, or a broken `summary`). */
  line?: WireObject;
}

/** A scripted failure for the next request(s), see {@link FakeOmni.failNext}. */
export type FakeFault =
  /** The request fails at the network level (msw `HttpResponse.error()`). */
  | 'network'
  /** An HTTP answer. `body`: a string is sent as is, anything else as JSON. Default body: none. */
  | { status: number; body?: unknown; headers?: Record<string, string>; endpoint?: 'wait' | 'run' }
  /**
   * A 200 wait whose stream fails: the lines of finished jobs, then `{"message","reason"}` instead of
   * a footer, with or without a final newline.
   */
  | { midStream: { message: string; reason?: string }; trailingNewline?: boolean; endpoint?: 'wait' | 'run' };

type MidStreamFault = Extract<FakeFault, { midStream: unknown }>;

/** One request the fake received. */
export interface FakeRequest {
  method: string;
  /** `wait` or `run`. */
  endpoint: 'wait' | 'run';
  /** The URL path. */
  path: string;
  /** Wait: the ids asked for, decoded. Run: the ids submitted. `[]` when unreadable. */
  jobIds: string[];
  /** The `Authorization` header as sent, or `null`. Tests only: never log this. */
  authorization: string | null;
  /** `Date.now()` when the handler started. */
  startedAt: number;
  /** `Date.now()` when the answer was fully sent or aborted; `undefined` while in flight. */
  endedAt: number | undefined;
  /** True when the client aborted before the answer was complete. */
  aborted: boolean;
  /** HTTP status sent, or `0` for a network fault. */
  status: number;
  /** The fault that answered this request, if any. */
  fault: FakeFault | undefined;
}

/** A job's live state in the fake. */
export interface FakeJobState {
  spec: FakeJobSpec;
  /** Waits and runs that asked for it so far. */
  polls: number;
  /** `Date.now()` at `addJob`. */
  addedAt: number;
  /** True once {@link FakeOmni.release} was called: the job is done whatever its polls and time. */
  released: boolean;
}

/** The fake server. Everything is per instance: make one per test or story. */
export interface FakeOmni {
  /** The normalised base URL (no trailing slash). */
  readonly baseUrl: string;
  /** msw handlers for `GET …/api/v1/query/wait` and `POST …/api/v1/query/run`. */
  readonly handlers: RequestHandler[];
  /** Every request received, in arrival order. */
  readonly requests: FakeRequest[];
  /** Wait requests in flight now (run requests are not counted). */
  readonly inFlight: number;
  /** The most wait requests ever in flight at once. */
  readonly maxInFlight: number;
  /** Registers jobs (replacing any with the same id). Returns the first job's id. */
  addJob(...specs: FakeJobSpec[]): string;
  /**
   * Finishes jobs now, whatever `finishAfterPolls`/`finishAfterMs` say: a held wait that asked for
   * one answers at once, and later waits return it. For stories and tests that decide when a job ends.
   */
  release(...ids: string[]): void;
  /** A job's live state, or `undefined` for an unknown id. */
  job(id: string): FakeJobState | undefined;
  /** Scripts `fault` for the next `times` requests (default 1), in order after earlier faults. */
  failNext(fault: FakeFault, times?: number): void;
  /** Changes the accepted token (`undefined`: accept any request). */
  setToken(token: string | undefined): void;
  /** Wait requests received so far. */
  waitRequests(): FakeRequest[];
  /** Forgets jobs, faults and requests. */
  reset(): void;
}

const DEFAULT_ERROR: Record<string, string> = {
  ERROR: 'Query failed',
  FAILED: 'Job failed',
  MISSING: 'Job is missing',
};

/** Creates a fake Omni. See the module comment for an example. */
export function createFakeOmni(options: FakeOmniOptions = {}): FakeOmni {
  const baseUrl = (options.baseUrl ?? 'https://fake.omniapp.co').replace(/\/+$/, '');
  const holdMs = options.holdMs ?? 30;
  const format = options.format ?? 'ndjson';
  let token = options.token;
  const jobs = new Map<string, FakeJobState>();
  const results = new Map<string, string>();
  const faults: FakeFault[] = [];
  const requests: FakeRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let runCount = 0;
  // Held waits sleep here; `release` rings them so they answer at once.
  const wakers = new Set<() => void>();

  const takeFault = (endpoint: 'wait' | 'run'): FakeFault | undefined => {
    const index = faults.findIndex((fault) => fault === 'network' || fault.endpoint === undefined || fault.endpoint === endpoint);
    return index === -1 ? undefined : faults.splice(index, 1)[0];
  };

  const isDone = (state: FakeJobState, now: number) =>
    state.released ||
    state.polls > (state.spec.finishAfterPolls ?? 0) && now - state.addedAt >= (state.spec.finishAfterMs ?? 0);

  const resultOf = (state: FakeJobState): string | undefined => {
    const { spec } = state;
    if (spec.result !== undefined) return spec.result;
    if (spec.table === undefined) return undefined;
    let cached = results.get(spec.id);
    if (cached === undefined) {
      cached = arrowBase64(tableOf(spec), spec.arrowFormat ?? (format === 'json' ? 'file' : 'stream'));
      results.set(spec.id, cached);
    }
    return cached;
  };

  const lineOf = (id: string): WireObject => {
    const state = jobs.get(id);
    if (state === undefined) return unknownJobLine(id);
    const { spec } = state;
    const status = spec.status ?? 'COMPLETE';
    const failed = status === 'ERROR' || status === 'FAILED' || status === 'MISSING';
    const line: WireObject = {
      job_id: id,
      status,
      client_result_id: spec.clientResultId ?? (failed ? 'null' : `cr-${id}`),
    };
    if (failed) {
      line.error_message = spec.errorMessage ?? DEFAULT_ERROR[status];
      if (spec.errorType !== undefined) line.error_type = spec.errorType;
    } else {
      const result = resultOf(state);
      if (result !== undefined) line.result = result;
      const summary = spec.summary === undefined && spec.table !== undefined ? summaryFor(tableOf(spec), { labels: spec.labels }) : spec.summary;
      if (summary != null) line.summary = summary;
      if (spec.errorMessage !== undefined) line.error_message = spec.errorMessage;
    }
    if (spec.fields !== undefined) line.query = { model_job: { table: 'fake_table', fields: spec.fields } };
    line.stream_stats = { server_stream: 1 };
    return { ...line, ...spec.line };
  };

  /** The asked ids that are done now (unknown ids are done at once), in asked order. */
  const doneNow = (ids: readonly string[], sent: ReadonlySet<string>): string[] => {
    const now = Date.now();
    return ids.filter((id) => {
      if (sent.has(id)) return false;
      const state = jobs.get(id);
      return state === undefined || isDone(state, now);
    });
  };

  /** When the next time-based job among `ids` can be done, or `Infinity`. */
  const nextDeadline = (ids: readonly string[], sent: ReadonlySet<string>): number => {
    let next = Infinity;
    for (const id of ids) {
      const state = jobs.get(id);
      if (state === undefined || sent.has(id) || state.released || state.polls <= (state.spec.finishAfterPolls ?? 0)) continue;
      next = Math.min(next, state.addedAt + (state.spec.finishAfterMs ?? 0));
    }
    return next;
  };

  /**
   * Plays one long poll: writes each finished job's line as it finishes, then the footer (or the
   * mid-stream error of a fault).
   */
  const play = async (
    ids: readonly string[],
    write: (line: WireObject) => void,
    signal: AbortSignal,
    midStream: MidStreamFault | undefined,
  ): Promise<{ remaining: string[]; timedOut: boolean } | undefined> => {
    for (const id of ids) {
      const state = jobs.get(id);
      if (state !== undefined) state.polls += 1;
    }
    const sent = new Set<string>();
    const holdUntil = Date.now() + holdMs;
    let timedOut = false;
    for (;;) {
      for (const id of doneNow(ids, sent)) {
        sent.add(id);
        write(lineOf(id));
      }
      if (midStream !== undefined) return undefined;
      const allDone = sent.size === ids.length;
      if (allDone || (sent.size > 0 && options.holdOpen !== true)) break;
      const now = Date.now();
      if (now >= holdUntil) {
        timedOut = true;
        break;
      }
      const wakeAt = Math.min(holdUntil, nextDeadline(ids, sent));
      if ((await abortableSleep(wakeAt - now, signal, wakers)) === 'aborted') return undefined;
    }
    return { remaining: ids.filter((id) => !sent.has(id)), timedOut };
  };

  const authorised = (request: Request) =>
    token === undefined || request.headers.get('authorization') === `Bearer ${token}`;

  const begin = (request: Request, endpoint: 'wait' | 'run', jobIds: string[]): FakeRequest => {
    const entry: FakeRequest = {
      method: request.method,
      endpoint,
      path: new URL(request.url).pathname,
      jobIds,
      authorization: request.headers.get('authorization'),
      startedAt: Date.now(),
      endedAt: undefined,
      aborted: false,
      status: 200,
      fault: undefined,
    };
    requests.push(entry);
    return entry;
  };

  /** Answers a fault or a 403 (`response`), or says how to go on (`midStream` fault or none). */
  const refuse = (entry: FakeRequest, request: Request): { response?: Response; midStream?: MidStreamFault | undefined } => {
    const fault = takeFault(entry.endpoint);
    const finish = (status: number) => {
      entry.status = status;
      entry.endedAt = Date.now();
    };
    if (fault === 'network') {
      entry.fault = fault;
      finish(0);
      return { response: HttpResponse.error() };
    }
    if (fault !== undefined && 'status' in fault) {
      entry.fault = fault;
      finish(fault.status);
      const body =
        fault.body === undefined ? null : typeof fault.body === 'string' ? fault.body : JSON.stringify(fault.body);
      const headers = new Headers(fault.headers);
      if (body !== null && !headers.has('content-type')) {
        headers.set('content-type', typeof fault.body === 'string' ? 'text/plain' : 'application/json');
      }
      return { response: new HttpResponse(body, { status: fault.status, headers }) };
    }
    if (!authorised(request)) {
      // A scripted mid-stream fault waits for a request that gets that far.
      if (fault !== undefined) faults.unshift(fault);
      finish(403);
      return { response: HttpResponse.json({ error: { code: 403, message: 'Invalid bearer token' } }, { status: 403 }) };
    }
    entry.fault = fault;
    return { midStream: fault };
  };

  /** Streams (ndjson) or collects (json) one answer, keeping the in-flight count and the log right. */
  const answer = (
    request: Request,
    entry: FakeRequest,
    ids: string[],
    header: WireObject | undefined,
    midStream: MidStreamFault | undefined,
  ): Response => {
    const countsInFlight = entry.endpoint === 'wait';
    if (countsInFlight) {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
    }
    const stop = new AbortController();
    let ended = false;
    const end = (aborted: boolean) => {
      if (ended) return;
      ended = true;
      if (countsInFlight) inFlight -= 1;
      entry.endedAt = Date.now();
      entry.aborted = aborted;
      stop.abort();
    };
    const onClientAbort = () => end(true);
    request.signal.addEventListener('abort', onClientAbort, { once: true });
    const encoder = new TextEncoder();

    const body = new ReadableStream<Uint8Array>({
      start: async (controller) => {
        const collected: WireObject[] = [];
        const write = (line: WireObject) => {
          if (stop.signal.aborted) return;
          if (format === 'json') collected.push(line);
          else controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
        };
        try {
          if (header !== undefined) write(header);
          const outcome = await play(ids, write, stop.signal, midStream);
          if (stop.signal.aborted) {
            // msw does not error the client's body when its fetch aborts; a real network stack does.
            controller.error(request.signal.reason ?? new DOMException('The request was aborted', 'AbortError'));
            return;
          }
          if (outcome === undefined && midStream !== undefined) {
            const text = JSON.stringify(streamErrorLine(midStream.midStream.message, midStream.midStream.reason));
            const tail = midStream.trailingNewline === false ? text : `${text}\n`;
            if (format === 'json') controller.enqueue(encoder.encode(ndjson(collected) + tail));
            else controller.enqueue(encoder.encode(tail));
          } else if (outcome !== undefined) {
            if (format === 'json') controller.enqueue(encoder.encode(JSON.stringify(docsBody(collected, outcome))));
            else write(footerLine(outcome.remaining, outcome.timedOut));
          }
          controller.close();
          end(false);
        } catch (error) {
          end(true);
          try {
            controller.error(error);
          } catch {
            // Already cancelled by the client.
          }
        } finally {
          request.signal.removeEventListener('abort', onClientAbort);
        }
      },
      cancel: () => end(true),
    });
    const contentType = format === 'json' ? 'application/json' : 'text/ndjson';
    return new HttpResponse(body, { status: 200, headers: { 'content-type': contentType } });
  };

  const handlers: RequestHandler[] = [
    http.get(`${baseUrl}/api/v1/query/wait`, ({ request }) => {
      const ids = jobIdsOf(new URL(request.url));
      const entry = begin(request, 'wait', ids ?? []);
      const { response, midStream } = refuse(entry, request);
      if (response !== undefined) return response;
      if (ids === undefined || ids.length === 0) {
        entry.status = 400;
        entry.endedAt = Date.now();
        return HttpResponse.json({ detail: 'job_ids must be a non-empty JSON array of strings', status: 400 }, { status: 400 });
      }
      return answer(request, entry, ids, undefined, midStream);
    }),
    http.post(`${baseUrl}/api/v1/query/run`, async ({ request }) => {
      const entry = begin(request, 'run', []);
      const { response, midStream } = refuse(entry, request);
      if (response !== undefined) return response;
      let body: unknown;
      try {
        body = await request.json();
      } catch {
        entry.status = 400;
        entry.endedAt = Date.now();
        return HttpResponse.json({ error: 'Request body is not JSON', success: false }, { status: 400 });
      }
      runCount += 1;
      const made = options.onRun?.(body) ?? { id: `fake-run-${runCount}`, table: { 'fake.value': [runCount] } };
      const specs = Array.isArray(made) ? made : [made];
      for (const spec of specs) addJob(spec);
      const ids = specs.map((spec) => spec.id);
      entry.jobIds = ids;
      const submitted = Object.fromEntries(ids.map((id) => [id, jobs.get(id)?.spec.clientResultId ?? null]));
      return answer(request, entry, ids, headerLine(submitted), midStream);
    }),
  ];

  function addJob(...specs: FakeJobSpec[]): string {
    for (const spec of specs) {
      jobs.set(spec.id, { spec, polls: 0, addedAt: Date.now(), released: false });
      results.delete(spec.id);
    }
    return specs[0]?.id ?? '';
  }

  return {
    baseUrl,
    handlers,
    requests,
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    addJob,
    job: (id) => jobs.get(id),
    release(...ids) {
      for (const id of ids) {
        const state = jobs.get(id);
        if (state !== undefined) state.released = true;
      }
      for (const wake of [...wakers]) wake();
    },
    failNext(fault, times = 1) {
      for (let i = 0; i < times; i += 1) faults.push(fault);
    },
    setToken(next) {
      token = next;
    },
    waitRequests: () => requests.filter((request) => request.endpoint === 'wait'),
    reset() {
      jobs.clear();
      results.clear();
      faults.length = 0;
      requests.length = 0;
      maxInFlight = inFlight;
      runCount = 0;
    },
  };
}

/** The spec's table as an apache-arrow `Table`. */
function tableOf(spec: FakeJobSpec): Table {
  const table = spec.table;
  if (table === undefined) return tableFromArrays({});
  if (isArrowTable(table)) return table;
  return tableFromArrays(table as Parameters<typeof tableFromArrays>[0]);
}

function isArrowTable(value: unknown): value is Table {
  return typeof value === 'object' && value !== null && 'schema' in value && 'batches' in value;
}

/** Reads `job_ids` (the documented JSON array) or the CLI's `jobIds=a,b`. `undefined` when unreadable. */
function jobIdsOf(url: URL): string[] | undefined {
  const documented = url.searchParams.get('job_ids');
  if (documented !== null) {
    try {
      const ids: unknown = JSON.parse(documented);
      return Array.isArray(ids) && ids.every((id) => typeof id === 'string') ? (ids as string[]) : undefined;
    } catch {
      return undefined;
    }
  }
  const cli = url.searchParams.get('jobIds');
  return cli === null ? undefined : cli.split(',').filter((id) => id !== '');
}

/** The docs-shaped single JSON body: one object, an array of them, or a bare footer. */
function docsBody(lines: WireObject[], outcome: { remaining: string[]; timedOut: boolean }): unknown {
  const jobLines = lines.filter((line) => 'job_id' in line);
  const header = lines.find((line) => 'jobs_submitted' in line);
  const footer = { remainingJobIds: outcome.remaining, timedOut: outcome.timedOut };
  if (jobLines.length === 0) return { ...header, remaining_job_ids: outcome.remaining, timed_out: outcome.timedOut };
  const bodies = jobLines.map((line, index) => ({ ...(index === 0 ? header : undefined), ...docsJobLine(line, footer) }));
  return bodies.length === 1 ? bodies[0] : bodies;
}
