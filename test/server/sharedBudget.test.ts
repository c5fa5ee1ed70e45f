import { afterEach, describe, expect, it, vi } from 'vitest';
import { retryDelayMs, shouldRetry } from '../../src/client/retryPolicy.js';
import { createOmniClient, isOmniError, type OmniClient } from '../../src/index.js';
import { createOmniProxy, type OmniProxyHandler, type OmniProxyOptions } from '../../src/server.js';
import { APP, BASE_PATH, OMNI, SERVER_TOKEN } from './omniUpstream.js';
import { createRateLimitedOmni, type RateLimitedOmni } from './rateLimitedOmni.js';
import { PLAIN_FORWARDING } from './omniUpstream.js';

// Five browsers, each opening a dashboard of eight tiles, all behind one proxy and so one Omni key.
// Each tile runs its query and follows the job with waits, retrying 429s the way the hooks do
// (the library's own retry policy, honouring Retry-After). Fake timers stand in for the minutes.
const BROWSERS = 5;
const TILES = 8;
const WAITS_PER_JOB = 2;
const OMNI_LIMIT = { requests: 60, intervalMs: 60_000 };

afterEach(() => {
  vi.useRealTimers();
});

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface Traffic {
  /** 429s the browsers received, from whoever sent them. */
  rateLimitedAnswers: number;
  /** Jobs the browsers saw complete. */
  completed: string[];
  /** Fake time from the first request to the last answer, in ms. */
  elapsedMs: number;
}

/** Calls `send`, retrying only a 429 (nothing was submitted then), as the library's retry policy says. */
async function withRetries<T>(send: () => Promise<T>, traffic: Traffic): Promise<T> {
  for (let failures = 0; ; failures += 1) {
    try {
      return await send();
    } catch (error) {
      if (!(isOmniError(error, 'http') && error.status === 429 && shouldRetry(failures, error))) throw error;
      traffic.rateLimitedAnswers += 1;
      await sleep(retryDelayMs(failures, error, () => 0.5));
    }
  }
}

async function tile(client: OmniClient, browser: number, index: number, traffic: Traffic): Promise<void> {
  const query = { modelId: 'm-1', table: 'order_items', fields: [`order_items.tile_${browser}_${index}`] };
  const run = await withRetries(() => client.run({ query }), traffic);
  let pending = run.remainingJobIds ?? [];
  while (pending.length > 0) {
    const ids = pending;
    const answer = await withRetries(() => client.wait(ids), traffic);
    traffic.completed.push(...answer.jobs.filter((job) => job.status === 'COMPLETE').map((job) => job.jobId));
    pending = answer.remainingJobIds ?? [];
  }
}

/** Drives every browser's dashboard through one proxy to the end, advancing fake time a second at a time. */
async function openDashboards(proxy: OmniProxyHandler): Promise<Traffic> {
  const traffic: Traffic = { rateLimitedAnswers: 0, completed: [], elapsedMs: 0 };
  const started = Date.now();
  const browsers = Array.from({ length: BROWSERS }, (_, browser) => {
    // Each browser has its own client, as each has its own page: only the proxy is shared. The clients'
    // own budgets are off, so that the proxy alone keeps the key under its limit.
    const client = createOmniClient({
      baseUrl: BASE_PATH,
      rateLimit: false,
      fetch: (input, init) => proxy(new Request(new URL(String(input), APP), init)),
    });
    return Promise.all(Array.from({ length: TILES }, (_, index) => tile(client, browser, index, traffic)));
  });
  let settled = false;
  const all = Promise.all(browsers).finally(() => {
    settled = true;
  });
  all.catch(() => undefined);
  // An hour of fake time is far more than 120 requests at 60 a minute need; the loop ends when all settle.
  for (let second = 0; !settled && second < 3_600; second += 1) await vi.advanceTimersByTimeAsync(1_000);
  await all;
  traffic.elapsedMs = Date.now() - started;
  return traffic;
}

function proxyTo(omni: RateLimitedOmni, options: Partial<OmniProxyOptions> = {}): OmniProxyHandler {
  return createOmniProxy({
    ...PLAIN_FORWARDING,
    baseUrl: OMNI,
    token: SERVER_TOKEN,
    basePath: BASE_PATH,
    fetch: omni.fetch,
    ...options,
  });
}

describe('five browsers through one proxy share its Omni key’s budget', () => {
  const requestsNeeded = BROWSERS * TILES * (1 + WAITS_PER_JOB);

  it('never gets a 429 from Omni with the default rateLimit, and every tile completes', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const omni = createRateLimitedOmni(OMNI_LIMIT, { waitsToComplete: WAITS_PER_JOB });

    const traffic = await openDashboards(proxyTo(omni));

    expect(omni.statuses.filter((status) => status === 429)).toEqual([]);
    expect(omni.statuses).toHaveLength(requestsNeeded);
    expect(new Set(traffic.completed).size).toBe(BROWSERS * TILES);
    expect(omni.runs).toHaveLength(BROWSERS * TILES);
    // The budget was used to the full and never passed: 120 requests took at least a minute.
    expect(omni.busiestWindow()).toBe(OMNI_LIMIT.requests);
    expect(traffic.elapsedMs).toBeGreaterThanOrEqual(OMNI_LIMIT.intervalMs);
  });

  it('queues everything without a single 429 when the browsers have patience to spare', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const omni = createRateLimitedOmni(OMNI_LIMIT, { waitsToComplete: WAITS_PER_JOB });

    const traffic = await openDashboards(
      proxyTo(omni, { rateLimit: { ...OMNI_LIMIT, maxQueue: Infinity, maxWaitMs: Infinity } }),
    );

    expect(traffic.rateLimitedAnswers).toBe(0);
    expect(omni.statuses).toEqual(Array(requestsNeeded).fill(200));
    expect(new Set(traffic.completed).size).toBe(BROWSERS * TILES);
  });

  it('control: without the proxy’s budget the same traffic runs into Omni’s limit', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const omni = createRateLimitedOmni(OMNI_LIMIT, { waitsToComplete: WAITS_PER_JOB });

    await openDashboards(proxyTo(omni, { rateLimit: false }));

    expect(omni.statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
  });
});
