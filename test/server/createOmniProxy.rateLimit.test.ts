import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOmniClient, isOmniError } from '../../src/index.js';
import { createOmniProxy, DEFAULT_PROXY_RATE_LIMIT, type OmniProxyOptions } from '../../src/server.js';
import { APP, BASE_PATH, OMNI, SERVER_TOKEN, appUrl, jobIdsQuery } from './omniUpstream.js';
import { PLAIN_FORWARDING } from './omniUpstream.js';

/**
 * A fake Omni passed as the proxy's `fetch`: it answers every wait at once and records each call, so
 * the tests see exactly which requests the budget let through (no msw: fake timers drive these tests).
 */
function fakeOmni() {
  const calls: string[] = [];
  const fetch: typeof globalThis.fetch = async (input) => {
    calls.push(String(input));
    return new Response('{"remaining_job_ids":[],"timed_out":"false"}\n', { headers: { 'content-type': 'text/ndjson' } });
  };
  return { fetch, calls };
}

function proxyWith(options: Partial<OmniProxyOptions>) {
  const omni = fakeOmni();
  const proxy = createOmniProxy({
    ...PLAIN_FORWARDING,
    baseUrl: OMNI,
    token: SERVER_TOKEN,
    basePath: BASE_PATH,
    fetch: omni.fetch,
    ...options,
  });
  return { proxy, calls: omni.calls };
}

const wait = (init?: RequestInit) => new Request(appUrl(`/api/v1/query/wait${jobIdsQuery(['a'])}`), init);

/** Settles pending promise chains without moving the (fake) clock. */
const settle = () => vi.advanceTimersByTimeAsync(0);

async function omniError(response: Response) {
  expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  return ((await response.json()) as { error: { code: number; message: string } }).error;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('createOmniProxy rateLimit', () => {
  it('defaults to Omni’s own limit of 60 a minute, with a queue of 100 and 30 s of patience', () => {
    expect(DEFAULT_PROXY_RATE_LIMIT).toEqual({ requests: 60, intervalMs: 60_000, maxQueue: 100, maxWaitMs: 30_000 });
  });

  it('forwards the default budget at once and answers the 61st request, which would wait a minute, 429', async () => {
    const { proxy, calls } = proxyWith({});

    const answers = await Promise.all(Array.from({ length: 61 }, () => proxy(wait())));

    expect(answers.slice(0, 60).map((response) => response.status)).toEqual(Array(60).fill(200));
    expect(answers[60]!.status).toBe(429);
    expect(answers[60]!.headers.get('retry-after')).toBe('60');
    expect(calls).toHaveLength(60);
  });

  it('holds a request beyond the budget until a slot frees, then forwards it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const { proxy, calls } = proxyWith({ rateLimit: { requests: 2, intervalMs: 10_000 } });

    expect((await proxy(wait())).status).toBe(200);
    expect((await proxy(wait())).status).toBe(200);
    let third: Response | undefined;
    void proxy(wait()).then((response) => (third = response));
    await vi.advanceTimersByTimeAsync(9_999);
    expect(third).toBeUndefined();
    expect(calls).toHaveLength(2);

    await vi.advanceTimersByTimeAsync(1);

    expect(third?.status).toBe(200);
    expect(calls).toHaveLength(3);
  });

  it('answers 429 with Retry-After at once when the queue is full', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const { proxy, calls } = proxyWith({ rateLimit: { requests: 1, intervalMs: 60_000, maxQueue: 2, maxWaitMs: Infinity } });

    expect((await proxy(wait())).status).toBe(200);
    const queued = [proxy(wait()), proxy(wait())];
    const refused = await proxy(wait());

    expect(refused.status).toBe(429);
    // Two are ahead of it, one slot a minute: a slot is free for a newcomer in three minutes.
    expect(refused.headers.get('retry-after')).toBe('180');
    expect(refused.headers.get('cache-control')).toBe('no-store');
    const error = await omniError(refused);
    expect(error.code).toBe(429);
    expect(error.message).toContain('Retry in 180 s');
    expect(calls).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(120_000);
    expect((await Promise.all(queued)).map((response) => response.status)).toEqual([200, 200]);
    expect(calls).toHaveLength(3);
  });

  it('with maxQueue 0, answers a request beyond the budget 429 without queueing', async () => {
    const { proxy, calls } = proxyWith({ rateLimit: { requests: 1, intervalMs: 60_000, maxQueue: 0 } });

    expect((await proxy(wait())).status).toBe(200);
    const refused = await proxy(wait());

    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(calls).toHaveLength(1);
  });

  it('answers 429 when the wait would pass maxWaitMs, rounding Retry-After up to whole seconds', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const { proxy, calls } = proxyWith({ rateLimit: { requests: 1, intervalMs: 2_200, maxWaitMs: 1_000 } });

    expect((await proxy(wait())).status).toBe(200);
    await vi.advanceTimersByTimeAsync(1_000);
    const tooLong = await proxy(wait());
    await vi.advanceTimersByTimeAsync(200);
    let patient: Response | undefined;
    void proxy(wait()).then((response) => (patient = response));
    await settle();

    expect(tooLong.status).toBe(429);
    // 1.2 s left on the window: rounded up to 2.
    expect(tooLong.headers.get('retry-after')).toBe('2');
    expect(patient).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(patient?.status).toBe(200);
    expect(calls).toHaveLength(2);
  });

  it('lets a client that leaves while waiting out of the queue without taking a slot', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const { proxy, calls } = proxyWith({ rateLimit: { requests: 1, intervalMs: 60_000, maxQueue: 1, maxWaitMs: Infinity } });
    expect((await proxy(wait())).status).toBe(200);

    const leaving = new AbortController();
    const left = proxy(wait({ signal: leaving.signal }));
    await settle();
    expect((await proxy(wait())).status).toBe(429); // the queue of one is full
    leaving.abort(new Error('tab closed'));
    const leftAnswer = await left;
    let next: Response | undefined;
    void proxy(wait()).then((response) => (next = response)); // the place is free again
    await vi.advanceTimersByTimeAsync(60_000);

    expect(leftAnswer.status).toBe(499);
    // The slot at one minute went to the next request: the one that left took none.
    expect(next?.status).toBe(200);
    expect(calls).toHaveLength(2);
  });

  it('spends no slot on requests refused before forwarding, nor on preflights', async () => {
    const { proxy, calls } = proxyWith({
      rateLimit: { requests: 1, intervalMs: 60_000, maxQueue: 0 },
      authorize: (request) => request.headers.get('cookie') === 'session=ok',
      cors: { origins: ['https://dashboards.example.com'] },
    });
    const signedIn = { headers: { cookie: 'session=ok' } };

    expect((await proxy(new Request(appUrl('/api/v1/users'), signedIn))).status).toBe(404);
    expect((await proxy(new Request(appUrl('/api/v1/query/wait'), signedIn))).status).toBe(400);
    expect((await proxy(wait())).status).toBe(403);
    const preflight = {
      method: 'OPTIONS',
      headers: { origin: 'https://dashboards.example.com', 'access-control-request-method': 'GET' },
    };
    expect((await proxy(wait(preflight))).status).toBe(204);
    expect((await proxy(wait(signedIn))).status).toBe(200);
    expect((await proxy(wait(signedIn))).status).toBe(429);
    expect(calls).toHaveLength(1);
  });

  it('lets a listed origin read the 429 and its Retry-After', async () => {
    const { proxy } = proxyWith({
      rateLimit: { requests: 1, intervalMs: 60_000, maxQueue: 0 },
      cors: { origins: ['https://dashboards.example.com'] },
    });
    const init = { headers: { origin: 'https://dashboards.example.com' } };

    await proxy(wait(init));
    const refused = await proxy(wait(init));

    expect(refused.status).toBe(429);
    expect(refused.headers.get('access-control-allow-origin')).toBe('https://dashboards.example.com');
    expect(refused.headers.get('access-control-expose-headers')).toBe('Retry-After');
  });

  it('turns the budget off with false: every request is forwarded at once', async () => {
    const { proxy, calls } = proxyWith({ rateLimit: false });

    const answers = await Promise.all(Array.from({ length: 100 }, () => proxy(wait())));

    expect(answers.every((response) => response.status === 200)).toBe(true);
    expect(calls).toHaveLength(100);
  });

  it('keeps one budget per proxy: a second proxy has its own', async () => {
    const first = proxyWith({ rateLimit: { requests: 1, intervalMs: 60_000, maxQueue: 0 } });
    const second = proxyWith({ rateLimit: { requests: 1, intervalMs: 60_000, maxQueue: 0 } });

    expect((await first.proxy(wait())).status).toBe(200);
    expect((await second.proxy(wait())).status).toBe(200);
    expect((await first.proxy(wait())).status).toBe(429);
  });

  it('gives the browser client an http OmniError 429 whose retryAfterMs is the proxy’s Retry-After', async () => {
    const { proxy } = proxyWith({ rateLimit: { requests: 1, intervalMs: 45_000, maxQueue: 0 } });
    const client = createOmniClient({
      baseUrl: BASE_PATH,
      fetch: (input, init) => proxy(new Request(new URL(String(input), APP), init)),
    });

    await client.wait(['a']);
    const error = await client.wait(['b']).catch((caught: unknown) => caught);

    expect(isOmniError(error, 'http') && error.status).toBe(429);
    expect(isOmniError(error) && error.retryAfterMs).toBe(45_000);
    expect(String(error)).not.toContain(SERVER_TOKEN);
  });
});

describe('rateLimit option checks', () => {
  it.each([
    ['true', true],
    ['a number', 60],
    ['zero requests', { requests: 0, intervalMs: 60_000 }],
    ['fractional requests', { requests: 1.5, intervalMs: 60_000 }],
    ['missing requests', { intervalMs: 60_000 }],
    ['a zero interval', { requests: 60, intervalMs: 0 }],
    ['an infinite interval', { requests: 60, intervalMs: Infinity }],
    ['a negative queue', { requests: 60, intervalMs: 60_000, maxQueue: -1 }],
    ['a fractional queue', { requests: 60, intervalMs: 60_000, maxQueue: 1.5 }],
    ['a NaN patience', { requests: 60, intervalMs: 60_000, maxWaitMs: Number.NaN }],
    ['a string patience', { requests: 60, intervalMs: 60_000, maxWaitMs: '30s' }],
  ])('throws a TypeError at creation for %s', (_name, rateLimit) => {
    expect(() => proxyWith({ rateLimit: rateLimit as NonNullable<OmniProxyOptions['rateLimit']> })).toThrow(TypeError);
  });
});
