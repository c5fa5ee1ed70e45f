import { arrowResult } from '../src/testing/arrowResult.js';
import { footerLine, headerLine, ndjson } from '../src/testing/wireLines.js';

/** What the stand-in Omni counted, per answer. */
export interface StandInOmniCounts {
  /** Runs accepted (200): queries that Omni really ran. */
  runs: number;
  /** Waits accepted (200). */
  waits: number;
  /** Requests refused with 429 because the key's window was full. */
  rateLimited: number;
}

/** A stand-in for Omni's query API, in process, to pass as the proxy's `fetch`. */
export interface StandInOmni {
  fetch: typeof fetch;
  counts: StandInOmniCounts;
}

/** Options of {@link createStandInOmni}. */
export interface StandInOmniOptions {
  /** The key's limit: at most `requests` accepted requests in any window of `intervalMs`, per `Authorization`. */
  limit: { requests: number; intervalMs: number };
  /** How long a job runs after its run was accepted, in ms. */
  jobMs: number;
  /** Longest a wait is held open for a job to finish, in ms (Omni's long poll, scaled down). */
  waitHoldMs: number;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const lines = (body: unknown[]) => new Response(ndjson(body), { status: 200, headers: { 'content-type': 'text/ndjson' } });
const sleep = (ms: number, signal: AbortSignal | null | undefined) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/**
 * Omni as a dashboard's proxy meets it: it counts every request per key over a strict sliding window
 * (by arrival, as Omni does) and answers 429 with `Retry-After` beyond it; a run submits one job that
 * completes `jobMs` later; a wait is held until one of its jobs completes or `waitHoldMs` passes.
 * Each completed job carries a real Arrow result with the query's first field.
 */
export function createStandInOmni({ limit, jobMs, waitHoldMs }: StandInOmniOptions): StandInOmni {
  const counts: StandInOmniCounts = { runs: 0, waits: 0, rateLimited: 0 };
  const arrivals = new Map<string, number[]>();
  const jobs = new Map<string, { doneAt: number; line: Record<string, unknown> }>();
  let nextJob = 0;

  /** True when the request fits the key's window (and is counted); false when it is over the limit. */
  const admit = (key: string, now: number): number | undefined => {
    const times = (arrivals.get(key) ?? []).filter((time) => time + limit.intervalMs > now);
    arrivals.set(key, times);
    if (times.length >= limit.requests) return times[0]! + limit.intervalMs - now;
    times.push(now);
    return undefined;
  };

  // One Arrow result per field, encoded once: the stand-in's own work should not weigh on the timings.
  const results = new Map<string, ReturnType<typeof arrowResult>>();
  const completeLine = (id: string, fields: string[]) => {
    const field = fields[0] ?? 'tile.value';
    let encoded = results.get(field);
    if (encoded === undefined) {
      encoded = arrowResult([{ [field]: field.length }], { fields: [{ name: field, type: 'number' }] });
      results.set(field, encoded);
    }
    return { job_id: id, status: 'COMPLETE', client_result_id: `cr-${id}`, result: encoded.result, summary: encoded.summary };
  };

  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const key = new Headers(init?.headers).get('authorization') ?? '';
    const waitMs = admit(key, Date.now());
    if (waitMs !== undefined) {
      counts.rateLimited += 1;
      return json(
        429,
        { error: { code: 429, message: 'Rate limit exceeded' } },
        { 'retry-after': String(Math.ceil(waitMs / 1000)) },
      );
    }
    if (url.pathname.endsWith('/api/v1/query/run')) {
      counts.runs += 1;
      const body = JSON.parse(await new Response(init?.body).text()) as { query?: { fields?: string[] } };
      const id = `job-${(nextJob += 1)}`;
      jobs.set(id, { doneAt: Date.now() + jobMs, line: completeLine(id, body.query?.fields ?? []) });
      return lines([headerLine({ [id]: null }), footerLine([id], true)]);
    }
    if (url.pathname.endsWith('/api/v1/query/wait')) {
      counts.waits += 1;
      const ids = JSON.parse(url.searchParams.get('job_ids') ?? '[]') as string[];
      const heldUntil = Date.now() + waitHoldMs;
      const done = () => ids.filter((id) => (jobs.get(id)?.doneAt ?? 0) <= Date.now());
      while (done().length === 0 && Date.now() < heldUntil && init?.signal?.aborted !== true) {
        const next = Math.min(heldUntil, ...ids.map((id) => jobs.get(id)?.doneAt ?? 0));
        await sleep(Math.max(1, next - Date.now()), init?.signal);
      }
      const finished = done();
      const remaining = ids.filter((id) => !finished.includes(id));
      return lines([
        ...finished.map((id) => jobs.get(id)?.line ?? { job_id: id, status: 'FAILED', error_message: 'Unable to find job' }),
        footerLine(remaining, remaining.length > 0),
      ]);
    }
    return json(404, { error: { code: 404, message: 'Not found' } });
  };

  return { fetch, counts };
}
