import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GatewayStore } from '../../../src/server.js';
import { proxyOver, query, read, runRequest, storeFactories, waitRequest, wrapStore } from './gatewayHarness.js';
import { createStandInOmni } from './standInOmni.js';

afterEach(() => {
  vi.useRealTimers();
});

/** The store with a switch: while `down`, every call fails (or, with `hang`, never answers). */
function flaky(store: GatewayStore) {
  let calledWhileHanging!: () => void;
  const state = {
    down: false,
    hang: false,
    /** Resolves once a call reached the store while it hangs. */
    hanging: new Promise<void>((resolve) => (calledWhileHanging = resolve)),
  };
  const guard =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      if (state.hang) {
        calledWhileHanging();
        return new Promise<R>(() => undefined);
      }
      if (state.down) return Promise.reject(new Error('ECONNREFUSED'));
      return call(...args);
    };
  const wrapped = wrapStore(store, {
    setIfAbsent: guard(store.setIfAbsent.bind(store)),
    set: guard(store.set.bind(store)),
    get: guard(store.get.bind(store)),
    delete: guard(store.delete.bind(store)),
    takeSlot: guard(store.takeSlot.bind(store)),
    restampSlot: guard(store.restampSlot.bind(store)),
  });
  return { store: wrapped, state };
}

describe.each(storeFactories)('faults (%s store)', (_name, createStore) => {
  it('answers 503 with Retry-After while the store is down, submits nothing, and serves again at once when it is back', async () => {
    const omni = createStandInOmni({ finishInRun: true });
    const { store, state } = flaky(await createStore());
    const stages: string[] = [];
    const proxy = proxyOver(omni, store, { onError: (_error, stage) => stages.push(stage) });

    state.down = true;
    const during = await proxy(runRequest(query('revenue')));
    const waitDuring = await proxy(waitRequest(['job-1']));
    state.down = false;
    const after = await read(await proxy(runRequest(query('revenue'))));

    expect(during.status).toBe(503);
    expect(during.headers.get('retry-after')).toBe('1');
    expect(((await during.json()) as { error: { code: number } }).error.code).toBe(503);
    expect(waitDuring.status).toBe(503);
    expect(stages).toEqual(['store', 'store']);
    expect(after.cache).toBe('miss');
    expect(omni.runs).toHaveLength(1);
  });

  it('answers 503 within a few seconds when the store hangs, instead of hanging too', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const omni = createStandInOmni();
    const { store, state } = flaky(await createStore());
    const proxy = proxyOver(omni, store);
    state.hang = true;

    let answer: Response | undefined;
    void proxy(runRequest(query('revenue'))).then((response) => (answer = response));
    await state.hanging;
    await vi.advanceTimersByTimeAsync(5_000);

    expect(answer?.status).toBe(503);
    expect(omni.runs).toEqual([]);
  });

  it('keeps a result over maxResultBytes in this instance only, and says so through onError', async () => {
    const omni = createStandInOmni({ finishInRun: true });
    const store = await createStore();
    const reported: [unknown, string][] = [];
    const small = { share: { maxResultBytes: 10 }, onError: (error: unknown, stage: string) => reported.push([error, stage]) };
    const [first, second] = [proxyOver(omni, store, small), proxyOver(omni, store, small)];

    await read(await first(runRequest(query('revenue'))));
    await vi.waitFor(() => expect(reported).toHaveLength(1));
    const here = await read(await first(runRequest(query('revenue'))));
    const elsewhere = await read(await second(runRequest(query('revenue'))));

    expect(reported[0]![1]).toBe('store');
    expect(String(reported[0]![0])).toMatch(/over share\.maxResultBytes \(10\); it is shared within this process only/);
    expect(here.cache).toBe('hit');
    expect(elsewhere.cache).toBe('miss');
    expect(omni.runs).toHaveLength(2);
  });

  it('keeps one budget for every instance over the store: a third request anywhere is answered 429', async () => {
    const omni = createStandInOmni({ finishInRun: true });
    const store = await createStore();
    const rateLimit = { requests: 2, intervalMs: 60_000, maxQueue: 0 };
    const [first, second] = [proxyOver(omni, store, { rateLimit }), proxyOver(omni, store, { rateLimit })];

    const answers = [
      await first(runRequest(query('a'))),
      await second(runRequest(query('b'))),
      await first(runRequest(query('c'))),
      await second(runRequest(query('d'))),
    ];

    expect(answers.map((response) => response.status)).toEqual([200, 200, 429, 429]);
    expect(Number(answers[2]!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(omni.runs).toHaveLength(2);
    // A finished result costs no slot.
    expect((await read(await second(runRequest(query('a'))))).cache).toBe('hit');
  });
});
