import type { RateLimit } from '../../src/budget/createRateLimiter.js';

/** What {@link createRateLimitedOmni} saw. */
export interface RateLimitedOmni {
  /** The fake Omni, to pass as the proxy's `fetch`. */
  fetch: typeof fetch;
  /** The status of every answer, in order. */
  statuses: number[];
  /** The `run` bodies accepted, in order: a run that reaches Omni twice shows up twice. */
  runs: unknown[];
  /** Most requests accepted for one key within any window of `intervalMs`. */
  busiestWindow(): number;
}

/**
 * A fake Omni that enforces Omni's rate limit as Omni does: per `Authorization` header, over a sliding
 * window of `intervalMs` by its own clock (`Date.now`, so fake timers drive it). A request beyond the
 * limit is answered 429 with `Retry-After`, like Omni. A run submits one job; each job completes on its
 * `waitsToComplete`-th wait, so every query costs `1 + waitsToComplete` requests.
 */
export function createRateLimitedOmni(limit: RateLimit, { waitsToComplete = 2 } = {}): RateLimitedOmni {
  const acceptedAt = new Map<string, number[]>();
  const waitsSeen = new Map<string, number>();
  const statuses: number[] = [];
  const runs: unknown[] = [];
  let nextJob = 0;

  const answer = (status: number, body: string, contentType = 'text/ndjson', headers: Record<string, string> = {}) => {
    statuses.push(status);
    return new Response(body, { status, headers: { 'content-type': contentType, ...headers } });
  };

  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(String(input));
    const key = new Headers(init?.headers).get('authorization') ?? '';
    const now = Date.now();
    const times = acceptedAt.get(key) ?? [];
    acceptedAt.set(key, times);
    const inWindow = times.filter((time) => time + limit.intervalMs > now);
    if (inWindow.length >= limit.requests) {
      const retryAfter = Math.ceil((inWindow[0]! + limit.intervalMs - now) / 1000);
      return answer(429, JSON.stringify({ error: { code: 429, message: 'Rate limit exceeded' } }), 'application/json', {
        'retry-after': String(retryAfter),
      });
    }
    times.push(now);
    if (url.pathname === '/api/v1/query/run') {
      runs.push(JSON.parse(String(init?.body === undefined ? '' : new TextDecoder().decode(init.body as Uint8Array))));
      const jobId = `job-${(nextJob += 1)}`;
      waitsSeen.set(jobId, 0);
      const lines = [{ jobs_submitted: { [jobId]: null } }, { remaining_job_ids: [jobId], timed_out: 'true' }];
      return answer(200, lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
    }
    if (url.pathname === '/api/v1/query/wait') {
      const ids = JSON.parse(url.searchParams.get('job_ids') ?? '[]') as string[];
      const lines: unknown[] = [];
      const remaining: string[] = [];
      for (const id of ids) {
        const seen = (waitsSeen.get(id) ?? 0) + 1;
        waitsSeen.set(id, seen);
        if (seen >= waitsToComplete) lines.push({ job_id: id, status: 'COMPLETE', result: '/////' });
        else remaining.push(id);
      }
      lines.push({ remaining_job_ids: remaining, timed_out: remaining.length > 0 ? 'true' : 'false' });
      return answer(200, lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
    }
    return answer(404, JSON.stringify({ error: { code: 404, message: 'Not found' } }), 'application/json');
  };

  const busiestWindow = () => {
    let most = 0;
    for (const times of acceptedAt.values()) {
      for (const [index, start] of times.entries()) {
        most = Math.max(most, times.slice(index).filter((time) => time < start + limit.intervalMs).length);
      }
    }
    return most;
  };

  return { fetch, statuses, runs, busiestWindow };
}
