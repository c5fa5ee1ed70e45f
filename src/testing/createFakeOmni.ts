import { tableFromArrays, type Table } from 'apache-arrow';
import { abortableSleep } from './abortableSleep.js';
import { arrowBase64 } from './arrowBase64.js';
import { arrowResult } from './arrowResult.js';
import type {
  FakeEndpoint,
  FakeFault,
  FakeHttpFault,
  FakeJobSpec,
  FakeJobState,
  FakeOmni,
  FakeOmniOptions,
  FakeOmniStats,
  FakeRequest,
  FakeRunJob,
} from './FakeOmni.js';
import type { OmniRunBody } from '../client/OmniClient.js';
import { canonicalQuery } from '../query/contentHash.js';
import { matchRun } from './matchRun.js';
import { createRefusingWindow } from './refusingWindow.js';
import { summaryFor } from './summaryFor.js';
import { docsJobLine, footerLine, headerLine, ndjson, streamErrorLine, unknownJobLine, type WireObject } from './wireLines.js';

type MidStreamFault = Extract<FakeFault, { midStream: unknown }>;

const DEFAULT_BASE_URL = 'https://fake.omniapp.co';
const DEFAULT_ERROR: Record<string, string> = {
  ERROR: 'Query failed',
  FAILED: 'Job failed',
  MISSING: 'Job is missing',
};

/**
 * A fake Omni query API that answers as `../shared/docs/omni-query-api.md` describes, for tests and
 * stories: `GET /api/v1/query/wait`, `POST /api/v1/query/run` and
 * `GET /api/v1/documents/{identifier}/queries`. Use `omni.fetch` directly, or its msw handlers
 * (`toMswHandlers(omni)` from `omni-query-hooks/testing/msw`). Web APIs only: it runs in Node and in
 * the browser.
 *
 * ```ts
 * const omni = createFakeOmni({ jobs: { 'job-1': { rows: [{ 'orders.count': 3 }], after: 2 } } });
 * const client = createOmniClient({ baseUrl: omni.baseUrl, fetch: omni.fetch });
 * omni.addJob({ id: 'job-2', error: 'Column not found' });      // Omni reports the job as ERROR
 * omni.addJob({ id: 'job-3', held: true });                     // done when the test calls omni.release('job-3')
 * omni.failNext({ status: 429, headers: { 'Retry-After': '1' } }); // the next request only
 * ```
 *
 * Wait answers are NDJSON job lines for the asked jobs that are done, then the footer
 * `{"remaining_job_ids":[…],"timed_out":"true"|"false"}`, streamed. When none of the asked jobs is
 * done, the request is held for `holdMs` (or until a job finishes or is released, `endWaits()` is
 * called, or the client aborts) and ends with `timed_out: "true"`. Unknown ids get
 * `{"job_id":…,"status":"FAILED","error_message":"Unable to find job"}`. Every request passes, in
 * order: a scripted fault (`failNext`), the rate limit, the token check, then its endpoint.
 */
export function createFakeOmni(options: FakeOmniOptions = {}): FakeOmni {
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  const holdMs = options.holdMs ?? 30;
  const format = options.format ?? 'ndjson';
  let token = options.token;
  const jobs = new Map<string, FakeJobState>();
  const results = new Map<string, string>();
  const failsLeft = new Map<string, number>();
  const faults: FakeFault[] = [];
  const requests: FakeRequest[] = [];
  const stats: FakeOmniStats = emptyStats();
  const limiter = options.rateLimit === undefined ? undefined : createRefusingWindow(options.rateLimit);
  let waitsInFlight = 0;
  let maxWaitsInFlight = 0;
  let runCount = 0;
  // The run body (as canonical JSON) that first got each job id from `runs`, to catch an id reused for another query.
  const bodyOfRunJob = new Map<string, string>();
  // Held waits sleep here; `release` and `endWaits` ring them so they look again at once.
  const wakers = new Set<() => void>();
  // Bumped by `endWaits`: a wait that started in an older epoch times out at its next look.
  let holdEpoch = 0;
  const arrivals = new Set<(request: FakeRequest) => void>();

  const takeFault = (endpoint: FakeEndpoint): FakeFault | undefined => {
    if (endpoint === 'other') return undefined;
    const index = faults.findIndex((fault) => fault === 'network' || fault.endpoint === undefined || fault.endpoint === endpoint);
    return index === -1 ? undefined : faults.splice(index, 1)[0];
  };

  /** The `failWith` of the first asked job that still has one, used up by one. */
  const takeJobFault = (ids: readonly string[]): FakeHttpFault | undefined => {
    for (const id of ids) {
      const failWith = jobs.get(id)?.spec.failWith;
      if (failWith === undefined) continue;
      const left = failsLeft.get(id) ?? failWith.times ?? Infinity;
      if (left <= 0) continue;
      failsLeft.set(id, left - 1);
      return failWith;
    }
    return undefined;
  };

  const isDone = (state: FakeJobState, now: number) =>
    state.released ||
    (state.spec.held !== true && state.polls > pollsBefore(state.spec) && now - state.addedAt >= (state.spec.finishAfterMs ?? 0));

  const resultOf = (state: FakeJobState): string | undefined => {
    const { spec } = state;
    if (spec.result !== undefined) return spec.result;
    const table = tableOf(spec);
    if (table === undefined) return undefined;
    let cached = results.get(spec.id);
    if (cached === undefined) {
      cached = arrowBase64(table, spec.arrowFormat ?? (format === 'json' ? 'file' : 'stream'));
      results.set(spec.id, cached);
    }
    return cached;
  };

  const lineOf = (id: string): WireObject => {
    const state = jobs.get(id);
    if (state === undefined) return unknownJobLine(id);
    const { spec } = state;
    const error = typeof spec.error === 'string' ? { message: spec.error } : spec.error;
    const status = spec.status ?? (error === undefined ? 'COMPLETE' : 'ERROR');
    const failed = status === 'ERROR' || status === 'FAILED' || status === 'MISSING';
    const line: WireObject = {
      job_id: id,
      status,
      client_result_id: spec.clientResultId ?? (failed ? 'null' : `cr-${id}`),
    };
    const errorMessage = spec.errorMessage ?? error?.message;
    if (failed) {
      line.error_message = errorMessage ?? DEFAULT_ERROR[status];
      const errorType = spec.errorType ?? error?.type;
      if (errorType !== undefined) line.error_type = errorType;
    } else {
      const result = resultOf(state);
      if (result !== undefined) line.result = result;
      const table = tableOf(spec);
      const summary = spec.summary === undefined && table !== undefined ? summaryOf(spec, table) : spec.summary;
      if (summary != null) line.summary = summary;
      if (errorMessage !== undefined) line.error_message = errorMessage;
    }
    if (spec.fields !== undefined) line.query = { model_job: { table: 'fake_table', fields: fieldNames(spec) } };
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
      if (state === undefined || sent.has(id) || state.released || state.spec.held === true) continue;
      if (state.polls <= pollsBefore(state.spec)) continue;
      next = Math.min(next, state.addedAt + (state.spec.finishAfterMs ?? 0));
    }
    return next;
  };

  /**
   * Plays one long poll: writes each finished job's line as it finishes, then says what is left
   * (or `undefined` for a mid-stream fault or an abort).
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
    const epoch = holdEpoch;
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
      if (now >= holdUntil || epoch !== holdEpoch) {
        timedOut = true;
        break;
      }
      const wakeAt = Math.min(holdUntil, nextDeadline(ids, sent));
      if ((await abortableSleep(wakeAt - now, signal, wakers)) === 'aborted') return undefined;
    }
    return { remaining: ids.filter((id) => !sent.has(id)), timedOut };
  };

  const authorised = (request: Request) => token === undefined || request.headers.get('authorization') === `Bearer ${token}`;

  /** Logs a request, counts it and puts it in flight; the returned function takes it out, once. */
  const begin = (request: Request, url: URL, endpoint: FakeEndpoint, identifier: string | undefined) => {
    const entry: FakeRequest = {
      method: request.method,
      endpoint,
      path: url.pathname,
      jobIds: [],
      body: undefined,
      identifier,
      authorization: request.headers.get('authorization'),
      startedAt: Date.now(),
      endedAt: undefined,
      aborted: false,
      status: 200,
      fault: undefined,
      rateLimited: false,
    };
    requests.push(entry);
    stats.requests += 1;
    if (endpoint === 'wait') stats.waits += 1;
    if (endpoint === 'run') stats.runs += 1;
    if (endpoint === 'documents') stats.documents += 1;
    stats.inFlight += 1;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    const isWait = endpoint === 'wait';
    if (isWait) {
      waitsInFlight += 1;
      maxWaitsInFlight = Math.max(maxWaitsInFlight, waitsInFlight);
    }
    let ended = false;
    const end = (aborted: boolean) => {
      if (ended) return;
      ended = true;
      stats.inFlight -= 1;
      if (isWait) waitsInFlight -= 1;
      entry.endedAt = Date.now();
      entry.aborted = aborted;
    };
    for (const notify of [...arrivals]) notify(entry);
    return { entry, end };
  };

  /**
   * A whole (not streamed) answer. The request stays in flight until its body was read to the end,
   * cancelled or aborted, as on a real connection: a client that sends before reading is caught.
   */
  const whole = (
    request: Request,
    end: (aborted: boolean) => void,
    status: number,
    body: string | null,
    headers: Headers,
  ): Response => {
    if (body === null) {
      end(false);
      return new Response(null, { status, headers });
    }
    const bytes = new TextEncoder().encode(body);
    let sent = false;
    const onAbort = () => {
      end(true);
      try {
        stream.cancel(request.signal.reason).catch(() => undefined);
      } catch {
        // Already read or cancelled.
      }
    };
    const stream = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          if (!sent) {
            sent = true;
            controller.enqueue(bytes);
            return;
          }
          controller.close();
          request.signal.removeEventListener('abort', onAbort);
          end(false);
        },
        cancel() {
          request.signal.removeEventListener('abort', onAbort);
          end(request.signal.aborted);
        },
      },
      { highWaterMark: 0 },
    );
    request.signal.addEventListener('abort', onAbort, { once: true });
    return new Response(stream, { status, headers });
  };

  const json = (
    request: Request,
    end: (aborted: boolean) => void,
    status: number,
    value: unknown,
    extra?: Record<string, string>,
  ) => {
    const headers = new Headers({ 'content-type': 'application/json', ...extra });
    return whole(request, end, status, JSON.stringify(value), headers);
  };

  const httpFault = async (request: Request, entry: FakeRequest, end: (aborted: boolean) => void, fault: FakeHttpFault) => {
    stats.faulted += 1;
    if (fault.delayMs !== undefined && fault.delayMs > 0) {
      if ((await abortableSleep(fault.delayMs, request.signal)) === 'aborted') {
        end(true);
        throw abortError(request.signal);
      }
    }
    entry.status = fault.status;
    const body = fault.body === undefined ? null : typeof fault.body === 'string' ? fault.body : JSON.stringify(fault.body);
    const headers = new Headers(fault.headers);
    if (body !== null && !headers.has('content-type')) {
      headers.set('content-type', typeof fault.body === 'string' ? 'text/plain' : 'application/json');
    }
    return whole(request, end, fault.status, body, headers);
  };

  /** Streams (ndjson) or collects (json) one wait or run answer, keeping the in-flight count and the log right. */
  const answer = (
    request: Request,
    end: (aborted: boolean) => void,
    ids: string[],
    header: WireObject | undefined,
    midStream: MidStreamFault | undefined,
  ): Response => {
    const stop = new AbortController();
    const finish = (aborted: boolean) => {
      end(aborted);
      stop.abort();
    };
    const onClientAbort = () => finish(true);
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
            // A real network stack errors the body when its fetch aborts; msw and a bare Response do not.
            controller.error(abortError(request.signal));
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
          finish(false);
        } catch (error) {
          finish(true);
          try {
            controller.error(error);
          } catch {
            // Already cancelled by the client.
          }
        } finally {
          request.signal.removeEventListener('abort', onClientAbort);
        }
      },
      cancel: () => finish(true),
    });
    const contentType = format === 'json' ? 'application/json' : 'text/ndjson';
    return new Response(body, { status: 200, headers: { 'content-type': contentType } });
  };

  const wait = (
    request: Request,
    url: URL,
    entry: FakeRequest,
    end: (aborted: boolean) => void,
    midStream: MidStreamFault | undefined,
  ) => {
    const ids = jobIdsOf(url);
    entry.jobIds = ids ?? [];
    if (ids === undefined || ids.length === 0) {
      entry.status = 400;
      return json(request, end, 400, { detail: 'job_ids must be a non-empty JSON array of strings', status: 400 });
    }
    const jobFault = midStream === undefined ? takeJobFault(ids) : undefined;
    if (jobFault !== undefined) {
      entry.fault = jobFault;
      return httpFault(request, entry, end, jobFault);
    }
    return answer(request, end, ids, undefined, midStream);
  };

  const run = async (
    request: Request,
    entry: FakeRequest,
    end: (aborted: boolean) => void,
    midStream: MidStreamFault | undefined,
  ) => {
    let body: unknown;
    try {
      body = await request.json();
    } catch {
      entry.status = 400;
      return json(request, end, 400, { error: 'Request body is not JSON', success: false });
    }
    entry.body = body;
    runCount += 1;
    const query = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).query : undefined;
    if (typeof query !== 'object' || query === null || Array.isArray(query)) {
      entry.status = 400;
      return json(request, end, 400, { detail: 'The run body has no query object', status: 400 });
    }
    const made = startedBy(body as OmniRunBody);
    if (made === undefined) {
      entry.status = 400;
      return json(request, end, 400, { detail: 'No fake run matches this query', status: 400 });
    }
    const specs = withIds(made);
    const reused = reusedId(specs, body);
    if (reused !== undefined) {
      entry.status = 400;
      return json(request, end, 400, { detail: reused, status: 400 });
    }
    addJob(...specs);
    const ids = specs.map((spec) => spec.id);
    entry.jobIds = ids;
    const submitted = Object.fromEntries(ids.map((id) => [id, jobs.get(id)?.spec.clientResultId ?? null]));
    return answer(request, end, ids, headerLine(submitted), midStream);
  };

  /** The job(s) a run body starts, or `undefined` when the configured runs know no such query. */
  const startedBy = (body: OmniRunBody): FakeRunJob | readonly FakeRunJob[] | undefined => {
    const { runs, onRun } = options;
    if (typeof runs === 'function') return runs(body);
    if (runs !== undefined) return runs.find((candidate) => matchRun(candidate.match, body))?.job;
    if (onRun !== undefined) return onRun(body);
    return { id: `fake-run-${runCount}`, table: { 'fake.value': [runCount] } };
  };

  /** Each job with its id: a fresh `run-<n>` (`run-<n>.<i>` for several) when the test gave none. */
  const withIds = (made: FakeRunJob | readonly FakeRunJob[]): FakeJobSpec[] => {
    const list: readonly FakeRunJob[] = Array.isArray(made) ? made : [made as FakeRunJob];
    return list.map((job, index) => ({
      ...job,
      id: job.id ?? (list.length === 1 ? `run-${runCount}` : `run-${runCount}.${index + 1}`),
    }));
  };

  /** Why the jobs cannot start: an id already started by a different run body. `undefined` when none is. */
  const reusedId = (specs: readonly FakeJobSpec[], body: unknown): string | undefined => {
    const text = JSON.stringify(canonicalQuery(body));
    for (const { id } of specs) {
      const first = bodyOfRunJob.get(id);
      if (first !== undefined && first !== text) {
        return (
          `Fake Omni: runs returned the job id "${id}" for two different run bodies, so the second query would show ` +
          `the first one's rows. Leave out \`id\` (each run then gets a fresh one) or make it depend on the body. ` +
          `First body: ${first}; this body: ${text}`
        );
      }
    }
    for (const { id } of specs) bodyOfRunJob.set(id, text);
    return undefined;
  };

  const documents = (request: Request, identifier: string, entry: FakeRequest, end: (aborted: boolean) => void) => {
    const queries = options.documents?.[identifier];
    if (queries === undefined) {
      entry.status = 404;
      return json(request, end, 404, { detail: 'Document not found', status: 404 });
    }
    return json(request, end, 200, { queries });
  };

  const handle = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const { endpoint, identifier } = routeOf(baseUrl, url, request.method);
    const { entry, end } = begin(request, url, endpoint, identifier);
    if (endpoint === 'other') {
      entry.status = 404;
      return json(request, end, 404, { detail: 'Not Found', status: 404 });
    }
    const fault = takeFault(endpoint);
    if (fault === 'network') {
      entry.fault = fault;
      entry.status = 0;
      stats.faulted += 1;
      end(false);
      return Response.error();
    }
    if (fault !== undefined && 'status' in fault) {
      entry.fault = fault;
      return httpFault(request, entry, end, fault);
    }
    const limited = limiter?.take(entry.authorization, Date.now());
    if (limited !== undefined && limited !== true) {
      if (fault !== undefined) faults.unshift(fault);
      entry.status = 429;
      entry.rateLimited = true;
      stats.rateLimited += 1;
      const retryAfter =
        options.rateLimit?.retryAfter === true ? { 'Retry-After': String(Math.ceil(limited.retryAfterMs / 1000)) } : undefined;
      return json(request, end, 429, { error: { code: 429, message: 'Rate limit exceeded' } }, retryAfter);
    }
    if (!authorised(request)) {
      // A scripted mid-stream fault waits for a request that gets that far.
      if (fault !== undefined) faults.unshift(fault);
      entry.status = 403;
      return json(request, end, 403, { error: { code: 403, message: 'Invalid bearer token' } });
    }
    entry.fault = fault;
    if (fault !== undefined) stats.faulted += 1;
    if (endpoint === 'wait') return wait(request, url, entry, end, fault);
    if (endpoint === 'run') return run(request, entry, end, fault);
    return documents(request, identifier ?? '', entry, end);
  };

  const fakeFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(absolute(input), init);
    if (request.signal.aborted) throw abortError(request.signal);
    const aborted = new Promise<never>((_, reject) => {
      request.signal.addEventListener('abort', () => reject(abortError(request.signal)), { once: true });
    });
    aborted.catch(() => undefined);
    const response = await Promise.race([handle(request), aborted]);
    // fetch rejects on a network failure; Response.error() is how a handler says so.
    if (response.type === 'error') throw new TypeError('Failed to fetch');
    return response;
  };

  function addJob(...specs: FakeJobSpec[]): string {
    for (const spec of specs) {
      jobs.set(spec.id, { spec, polls: 0, addedAt: Date.now(), released: false });
      results.delete(spec.id);
      failsLeft.delete(spec.id);
    }
    return specs[0]?.id ?? '';
  }

  for (const [id, job] of Object.entries(options.jobs ?? {})) addJob({ ...job, id });

  return {
    baseUrl,
    fetch: fakeFetch,
    handle,
    requests,
    get stats() {
      return { ...stats };
    },
    get inFlight() {
      return waitsInFlight;
    },
    get maxInFlight() {
      return maxWaitsInFlight;
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
    endWaits() {
      holdEpoch += 1;
      for (const wake of [...wakers]) wake();
    },
    failNext(fault, times = 1) {
      for (let i = 0; i < times; i += 1) faults.push(fault);
    },
    setToken(next) {
      token = next;
    },
    waitRequests: () => requests.filter((request) => request.endpoint === 'wait'),
    nextRequest(count = 1) {
      return new Promise((resolve) => {
        let left = count;
        const notify = (request: FakeRequest) => {
          left -= 1;
          if (left > 0) return;
          arrivals.delete(notify);
          resolve(request);
        };
        arrivals.add(notify);
      });
    },
    reset() {
      jobs.clear();
      results.clear();
      failsLeft.clear();
      faults.length = 0;
      requests.length = 0;
      Object.assign(stats, emptyStats(), { inFlight: stats.inFlight, maxInFlight: stats.inFlight });
      maxWaitsInFlight = waitsInFlight;
      limiter?.reset();
      runCount = 0;
      bodyOfRunJob.clear();
    },
  };
}

function emptyStats(): FakeOmniStats {
  return { requests: 0, waits: 0, runs: 0, documents: 0, rateLimited: 0, faulted: 0, inFlight: 0, maxInFlight: 0 };
}

/** Polls a job sits out before it can be done: `after`, else `finishAfterPolls`, else 0. */
function pollsBefore(spec: FakeJobSpec): number {
  return spec.after ?? spec.finishAfterPolls ?? 0;
}

function fieldNames(spec: FakeJobSpec): string[] {
  return (spec.fields ?? []).map((field) => (typeof field === 'string' ? field : field.name));
}

// Tables are built once per spec object: a job's line is sent once, but `summary` and `result` both need it.
const tables = new WeakMap<FakeJobSpec, Table>();

/** The spec's rows as an apache-arrow `Table`, or `undefined` when it has no rows or table. */
function tableOf(spec: FakeJobSpec): Table | undefined {
  if (spec.rows === undefined && spec.table === undefined) return undefined;
  let table = tables.get(spec);
  if (table === undefined) {
    if (spec.rows !== undefined) table = arrowResult(spec.rows, { fields: spec.fields }).table;
    else if (isArrowTable(spec.table)) table = spec.table;
    else table = tableFromArrays((spec.table ?? {}) as Parameters<typeof tableFromArrays>[0]);
    tables.set(spec, table);
  }
  return table;
}

function summaryOf(spec: FakeJobSpec, table: Table): Record<string, unknown> {
  const labels: Record<string, string> = { ...spec.labels };
  const fieldExtras: Record<string, Record<string, unknown>> = {};
  for (const field of spec.fields ?? []) {
    if (typeof field === 'string') continue;
    if (field.label !== undefined) labels[field.name] ??= field.label;
    if (field.format !== undefined) fieldExtras[field.name] = { format: field.format };
  }
  return summaryFor(table, { labels, fieldExtras });
}

function isArrowTable(value: unknown): value is Table {
  return typeof value === 'object' && value !== null && 'schema' in value && 'batches' in value;
}

/** Which endpoint `url` asks for, relative to `baseUrl` (an origin, a path, or both). */
function routeOf(baseUrl: string, url: URL, method: string): { endpoint: FakeEndpoint; identifier?: string } {
  const base = new URL(baseUrl, url);
  if (/^https?:\/\//i.test(baseUrl) && base.origin !== url.origin) return { endpoint: 'other' };
  const prefix = base.pathname.replace(/\/+$/, '');
  if (!url.pathname.startsWith(`${prefix}/`)) return { endpoint: 'other' };
  const path = url.pathname.slice(prefix.length);
  if (method === 'GET' && path === '/api/v1/query/wait') return { endpoint: 'wait' };
  if (method === 'POST' && path === '/api/v1/query/run') return { endpoint: 'run' };
  const document = /^\/api\/v1\/documents\/([^/]+)\/queries$/.exec(path);
  if (method === 'GET' && document !== null) return { endpoint: 'documents', identifier: decodeURIComponent(document[1] ?? '') };
  return { endpoint: 'other' };
}

/** A relative URL (a proxy path such as `/api/omni/…`) resolved against the page, or a neutral origin. */
function absolute(input: RequestInfo | URL): RequestInfo | URL {
  if (typeof input !== 'string' || /^[a-z][a-z0-9+.-]*:/i.test(input)) return input;
  const page = typeof location === 'undefined' ? undefined : location.href;
  return new URL(input, page !== undefined && page.startsWith('http') ? page : 'http://localhost');
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
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
