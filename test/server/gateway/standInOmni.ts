/**
 * A stand-in Omni for the gateway tests, passed to the proxy as its `fetch`: it submits one job per
 * run and holds each wait as Omni's long poll does, until one of its jobs finishes (the test says
 * when, with `finish`) or `pollMs` passes. It counts what reached it, so tests can assert what the
 * gateway did not send.
 */
export interface StandInOmni {
  fetch: typeof fetch;
  /** Run bodies received, in order. */
  runs: Record<string, unknown>[];
  /** The job ids of each wait received, in order. */
  waits: string[][];
  /** Most waits in flight at once. */
  maxWaitsInFlight: number;
  /** Waits the proxy ended by aborting before they were answered. */
  abortedWaits: number;
  /** Job ids submitted so far, in order. */
  jobs: string[];
  /** Finishes a job: COMPLETE with `result`, or with `status` (FAILED, ERROR…). */
  finish(jobId: string, line?: Record<string, unknown>): void;
  /** The next `count` waits answer with `status` and an Omni error body. */
  failWaits(status: number, count?: number): void;
}

/** Options of {@link createStandInOmni}. */
export interface StandInOptions {
  /** Jobs finish inside the run's answer (header, COMPLETE line, footer). Default: false (they run on). */
  finishInRun?: boolean;
  /** Longest a wait is held with nothing to say, in ms. Default: 30000. */
  pollMs?: number;
  /** Jobs each run submits. Default: 1. */
  jobsPerRun?: number;
  /** Each job finishes by itself this long after its run was submitted, in ms. Default: only when `finish` is called. */
  finishAfterMs?: number;
}

const encoder = new TextEncoder();

function ndjson(lines: unknown[]): string {
  return lines.map((line) => `${JSON.stringify(line)}\n`).join('');
}

export function createStandInOmni(options: StandInOptions = {}): StandInOmni {
  const pollMs = options.pollMs ?? 30_000;
  const finished = new Map<string, Record<string, unknown>>();
  const listeners = new Set<() => void>();
  let inFlight = 0;
  let failing: { status: number; count: number } | undefined;
  let next = 0;

  const omni: StandInOmni = {
    runs: [],
    waits: [],
    maxWaitsInFlight: 0,
    abortedWaits: 0,
    jobs: [],
    finish(jobId, line = { status: 'COMPLETE', result: `/////${jobId}` }) {
      finished.set(jobId, { job_id: jobId, ...line });
      for (const listener of [...listeners]) listener();
    },
    failWaits(status, count = 1) {
      failing = { status, count };
    },
    fetch: async (input, init) => {
      const url = new URL(String(input));
      if (url.pathname === '/api/v1/query/run') {
        const body = JSON.parse(new TextDecoder().decode(init?.body as Uint8Array)) as Record<string, unknown>;
        omni.runs.push(body);
        const ids = Array.from({ length: options.jobsPerRun ?? 1 }, () => `job-${(next += 1)}`);
        omni.jobs.push(...ids);
        for (const jobId of ids) {
          if (options.finishInRun) omni.finish(jobId);
          else if (options.finishAfterMs !== undefined) setTimeout(() => omni.finish(jobId), options.finishAfterMs);
        }
        const done = ids.flatMap((id) => (finished.has(id) ? [finished.get(id)!] : []));
        const lines = [
          { jobs_submitted: Object.fromEntries(ids.map((id) => [id, null])) },
          ...done,
          { remaining_job_ids: ids.filter((id) => !finished.has(id)), timed_out: done.length < ids.length ? 'true' : 'false' },
        ];
        return new Response(ndjson(lines), { headers: { 'content-type': 'text/ndjson' } });
      }
      const ids = JSON.parse(url.searchParams.get('job_ids') ?? '[]') as string[];
      omni.waits.push(ids);
      if (failing !== undefined && failing.count > 0) {
        failing.count -= 1;
        return new Response(JSON.stringify({ error: { code: failing.status, message: 'Omni is unwell' } }), {
          status: failing.status,
          headers: { 'content-type': 'application/json' },
        });
      }
      inFlight += 1;
      omni.maxWaitsInFlight = Math.max(omni.maxWaitsInFlight, inFlight);
      const signal = init?.signal ?? undefined;
      try {
        const lines = await new Promise<unknown[]>((resolve, reject) => {
          const check = () => {
            const done = ids.flatMap((id) => (finished.has(id) ? [finished.get(id)!] : []));
            if (done.length === 0) return false;
            settle();
            resolve([...done, { remaining_job_ids: ids.filter((id) => !finished.has(id)), timed_out: 'false' }]);
            return true;
          };
          const timer = setTimeout(() => {
            settle();
            resolve([{ remaining_job_ids: ids, timed_out: 'true' }]);
          }, pollMs);
          const onAbort = () => {
            settle();
            omni.abortedWaits += 1;
            reject(signal?.reason ?? new Error('aborted'));
          };
          const listener = () => void check();
          const settle = () => {
            clearTimeout(timer);
            listeners.delete(listener);
            signal?.removeEventListener('abort', onAbort);
          };
          if (check()) return;
          listeners.add(listener);
          signal?.addEventListener('abort', onAbort, { once: true });
        });
        return new Response(encoder.encode(ndjson(lines)), { headers: { 'content-type': 'text/ndjson' } });
      } finally {
        inFlight -= 1;
      }
    },
  };
  return omni;
}
