import { afterEach, describe, expect, it, vi } from 'vitest';
import { gatewayKeys } from '../../../src/server/gateway/gatewayKeys.js';
import { hashToken } from '../../../src/server/gateway/hashToken.js';
import { runHashes } from '../../../src/server/gateway/runHashes.js';
import { CLAIM_TTL_MS } from '../../../src/server/gateway/shareRun.js';
import { SERVER_TOKEN } from '../omniUpstream.js';
import { proxyOver, query, read, runRequest, storeFactories, wrapStore } from './gatewayHarness.js';
import { createStandInOmni } from './standInOmni.js';

afterEach(() => {
  vi.useRealTimers();
});

// The claim's expiry is driven by fake time here; a Redis server keeps real time, so only the memory store
// can be fast-forwarded. test/server/redis covers SET NX PX expiry in real time.
describe.each(storeFactories.filter(([name]) => name === 'memory'))('run claims (%s store)', (_name, createStore) => {
  it('lets one waiter take over when the claim’s holder died before publishing, and nobody submits while it is live', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const omni = createStandInOmni({ finishInRun: true });
    const store = await createStore();
    const body = query('revenue');
    // An instance claimed the run, then died: nobody renews its claim.
    const keys = gatewayKeys(await hashToken(SERVER_TOKEN), '');
    const { runHash } = await runHashes(SERVER_TOKEN, '', body);
    expect(await store.setIfAbsent(keys.run(runHash), JSON.stringify({ state: 'claimed' }), CLAIM_TTL_MS)).toBe(true);
    const askers = new Set<number>();
    const watched = (instance: number) =>
      wrapStore(store, {
        get: (key: string) => {
          if (key === keys.run(runHash)) askers.add(instance);
          return store.get(key);
        },
      });
    const [first, second] = [proxyOver(omni, watched(1)), proxyOver(omni, watched(2))];
    // Real time, not fake: hashing (Web Crypto) runs off the event loop.
    const untilReal = async (done: () => boolean) => {
      while (!done()) await new Promise((resolve) => setImmediate(resolve));
    };

    const answers: Response[] = [];
    for (const proxy of [first, second, first]) void proxy(runRequest(body)).then((response) => answers.push(response));
    await untilReal(() => askers.size === 2);
    for (let elapsed = 0; elapsed < CLAIM_TTL_MS - 1_000; elapsed += 250) await vi.advanceTimersByTimeAsync(250);
    expect(omni.runs).toEqual([]);
    for (let step = 0; answers.length < 3 && step < 200; step += 1) {
      await vi.advanceTimersByTimeAsync(50);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const read3 = await Promise.all(answers.map(read));

    expect(omni.runs).toHaveLength(1);
    // One took the claim over and sent the run; the others joined it or found its result.
    expect(read3.filter((answer) => answer.cache === 'miss')).toHaveLength(1);
    expect(read3.every((answer) => answer.cache === 'miss' || answer.cache === 'shared' || answer.cache === 'hit')).toBe(true);
    expect(read3.every((answer) => Object.keys(answer.jobsSubmitted).join() === 'job-1')).toBe(true);
  });
});
