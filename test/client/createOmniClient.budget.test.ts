import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createOmniClient } from '../../src/client/createOmniClient.js';
import type { OmniClientOptions } from '../../src/client/OmniClient.js';

const BASE = 'https://budget.omniapp.co';
const START = 1_700_000_000_000;
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

beforeEach(() => {
  vi.useFakeTimers({ now: START, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

/**
 * An Omni that enforces `requests` per sliding `intervalMs` per Authorization header, as the real one
 * does per key: beyond it, 429. Every endpoint counts. Records the fake time of every arrival.
 */
function limitedOmni(requests: number, intervalMs: number) {
  const arrivals: number[] = [];
  let rejected = 0;
  const admit = () => {
    const now = Date.now();
    if (arrivals.filter((t) => t > now - intervalMs).length >= requests) {
      rejected += 1;
      return HttpResponse.json({ error: { code: 429, message: 'Rate limit exceeded' } }, { status: 429 });
    }
    arrivals.push(now);
    return undefined;
  };
  const done = (id: string) =>
    `${JSON.stringify({ job_id: id, status: 'FAILED', error_message: 'Unable to find job' })}\n${JSON.stringify({ remaining_job_ids: [], timed_out: 'false' })}\n`;
  server.use(
    http.post(
      `${BASE}/api/v1/query/run`,
      () => admit() ?? new HttpResponse(`${JSON.stringify({ jobs_submitted: { j: null } })}\n${done('j')}`),
    ),
    http.get(`${BASE}/api/v1/query/wait`, () => admit() ?? new HttpResponse(done('j'))),
    http.get(`${BASE}/api/v1/documents/:id/queries`, () => admit() ?? HttpResponse.json({ queries: [] })),
  );
  return {
    arrivals: () => arrivals.map((t) => t - START),
    rejected: () => rejected,
  };
}

const RUN = { query: { modelId: 'm', table: 't', fields: ['t.a'] } };
const client = (options: Partial<OmniClientOptions> = {}) =>
  createOmniClient({ baseUrl: BASE, token: 'omni_osk_budget', ...options });

describe('createOmniClient: the request budget', () => {
  it('sends 40 requests against a server that allows 10 per 5 s with zero 429, 10 per window', async () => {
    const omni = limitedOmni(10, 5_000);
    const omniClient = client({ rateLimit: { requests: 10, intervalMs: 5_000 } });
    const answers = Promise.all(Array.from({ length: 40 }, () => omniClient.run(RUN)));
    await vi.advanceTimersByTimeAsync(20_000);
    expect(await answers).toHaveLength(40);
    expect(omni.rejected()).toBe(0);
    expect(omni.arrivals()).toEqual([0, 5_000, 10_000, 15_000].flatMap((t) => Array<number>(10).fill(t)));
  });

  it('defaults to Omni’s 60 a minute', async () => {
    const omni = limitedOmni(60, 60_000);
    const omniClient = client();
    const answers = Promise.all(Array.from({ length: 61 }, () => omniClient.wait(['j'])));
    await vi.advanceTimersByTimeAsync(59_999);
    expect(omni.arrivals()).toHaveLength(60);
    await vi.advanceTimersByTimeAsync(1);
    await answers;
    expect(omni.arrivals().at(-1)).toBe(60_000);
    expect(omni.rejected()).toBe(0);
  });

  it('counts every kind of request: run, wait and the document list share one budget', async () => {
    const omni = limitedOmni(2, 1_000);
    const omniClient = client({ rateLimit: { requests: 2, intervalMs: 1_000 } });
    const all = Promise.all([
      omniClient.run(RUN),
      omniClient.wait(['j']),
      omniClient.documentQueries('doc'),
      omniClient.wait(['j']),
    ]);
    await vi.advanceTimersByTimeAsync(1_000);
    await all;
    expect(omni.arrivals()).toEqual([0, 0, 1_000, 1_000]);
    expect(omni.rejected()).toBe(0);
  });

  it('an aborted request that waits for a slot leaves without one and rejects with the signal’s reason', async () => {
    const omni = limitedOmni(1, 1_000);
    const omniClient = client({ rateLimit: { requests: 1, intervalMs: 1_000 } });
    await omniClient.wait(['j']);
    const controller = new AbortController();
    const aborted = omniClient.wait(['j'], { signal: controller.signal });
    const next = omniClient.wait(['j']);
    controller.abort(new DOMException('left the page', 'AbortError'));
    await expect(aborted).rejects.toThrow('left the page');
    await vi.advanceTimersByTimeAsync(1_000);
    await next;
    expect(omni.arrivals()).toEqual([0, 1_000]);
  });

  it('holds a slot until a window after its answer began, so a slow answer delays the next window', async () => {
    const omni = limitedOmni(100, 1_000);
    server.use(
      http.post(`${BASE}/api/v1/query/run`, async () => {
        await new Promise((resolve) => setTimeout(resolve, 400));
        return new HttpResponse(
          `${JSON.stringify({ jobs_submitted: { j: null } })}\n${JSON.stringify({ remaining_job_ids: ['j'], timed_out: 'true' })}\n`,
        );
      }),
    );
    const omniClient = client({ rateLimit: { requests: 1, intervalMs: 1_000 } });
    const run = omniClient.run(RUN);
    const wait = omniClient.wait(['j']);
    await vi.advanceTimersByTimeAsync(1_399);
    expect(omni.arrivals()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await Promise.all([run, wait]);
    expect(omni.arrivals()).toEqual([1_400]);
  });

  it('takes the slot when the request is handed to the `fetch` option', async () => {
    const handedAt: number[] = [];
    limitedOmni(100, 1_000);
    const omniClient = client({
      rateLimit: { requests: 3, intervalMs: 1_000 },
      fetch: (input, init) => {
        handedAt.push(Date.now() - START);
        return fetch(input, init);
      },
    });
    const all = Promise.all(Array.from({ length: 7 }, () => omniClient.wait(['j'])));
    await vi.advanceTimersByTimeAsync(2_000);
    await all;
    expect(handedAt).toEqual([0, 0, 0, 1_000, 1_000, 1_000, 2_000]);
  });

  it('`rateLimit: false` sends everything at once (and the server answers 429 beyond its limit)', async () => {
    const omni = limitedOmni(10, 5_000);
    const omniClient = client({ rateLimit: false });
    const settled = await Promise.allSettled(Array.from({ length: 12 }, () => omniClient.wait(['j'])));
    expect(omni.arrivals()).toEqual(Array<number>(10).fill(0));
    expect(omni.rejected()).toBe(2);
    expect(settled.filter((outcome) => outcome.status === 'rejected')).toHaveLength(2);
  });

  it('refuses an unusable budget when the client is made', () => {
    expect(() => client({ rateLimit: { requests: 0, intervalMs: 1_000 } })).toThrow(TypeError);
  });
});
