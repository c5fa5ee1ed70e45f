import { describe, expect, it, vi } from 'vitest';
import { proxyOver, query, read, runRequest, storeFactories, waitRequest } from './gatewayHarness.js';
import { createStandInOmni } from './standInOmni.js';

describe.each(storeFactories)('coalesced waits (%s store)', (_name, createStore) => {
  async function threeJobs(options: Parameters<typeof proxyOver>[2] = {}) {
    const omni = createStandInOmni();
    const proxy = proxyOver(omni, await createStore(), options);
    for (const name of ['a', 'b', 'c']) await read(await proxy(runRequest(query(name))));
    return { omni, proxy };
  }

  it('holds many browsers on one upstream long poll for the union of their jobs, answering each when one of its jobs finishes', async () => {
    const { omni, proxy } = await threeJobs();

    const onA = [1, 2, 3].map(() => proxy(waitRequest(['job-1'])));
    const onAB = proxy(waitRequest(['job-1', 'job-2']));
    const onC = proxy(waitRequest(['job-3']));
    await vi.waitFor(() => expect(omni.waits.at(-1)?.sort()).toEqual(['job-1', 'job-2', 'job-3']));
    omni.finish('job-1');
    const [a1, a2, a3, ab] = await Promise.all([...onA, onAB].map(async (answer) => read(await answer)));
    omni.finish('job-3');
    const c = await read(await onC);

    expect(omni.maxWaitsInFlight).toBe(1);
    for (const answer of [a1!, a2!, a3!]) {
      expect(answer.jobs.map((job) => job.jobId)).toEqual(['job-1']);
      expect(answer.remainingJobIds).toEqual([]);
      expect(answer.timedOut).toBe(false);
    }
    expect(ab!.jobs.map((job) => job.jobId)).toEqual(['job-1']);
    expect(ab!.remainingJobIds).toEqual(['job-2']);
    expect(c.jobs.map((job) => job.jobId)).toEqual(['job-3']);
    // Browsers that asked for jobs someone else was already waiting for joined that poll: of the
    // three on job-1, only the first to arrive (if it came before the one on job-1 and job-2) started it.
    expect([a1!, a2!, a3!].filter((answer) => answer.cache === 'shared').length).toBeGreaterThanOrEqual(2);
  });

  it('answers a browser at the hold limit with every job still remaining, timed_out "true"', async () => {
    const { omni, proxy } = await threeJobs({ share: { holdMs: 50 } });

    const answer = await read(await proxy(waitRequest(['job-1', 'job-2'])));

    expect(answer.jobs).toEqual([]);
    expect(answer.remainingJobIds).toEqual(['job-1', 'job-2']);
    expect(answer.timedOut).toBe(true);
    expect(omni.waits.length).toBeGreaterThanOrEqual(1);
  });

  it('keeps the shared poll for the others when one browser goes away, and ends it when the last one does', async () => {
    const { omni, proxy } = await threeJobs();
    const leaving = new AbortController();

    const gone = proxy(waitRequest(['job-1'], { signal: leaving.signal }));
    const staying = proxy(waitRequest(['job-1']));
    await vi.waitFor(() => expect(omni.waits).toHaveLength(1));
    leaving.abort(new Error('tab closed'));
    expect((await gone).status).toBe(499);
    omni.finish('job-1');
    const answer = await read(await staying);

    expect(answer.jobs.map((job) => job.jobId)).toEqual(['job-1']);
    expect(omni.waits).toHaveLength(1);
    expect(omni.abortedWaits).toBe(0);

    const last = new AbortController();
    const alone = proxy(waitRequest(['job-2'], { signal: last.signal }));
    await vi.waitFor(() => expect(omni.waits).toHaveLength(2));
    last.abort(new Error('tab closed'));
    expect((await alone).status).toBe(499);
    await vi.waitFor(() => expect(omni.abortedWaits).toBe(1));
  });

  it('gives every browser held on a failed upstream wait the same clear error, and the next wait retries', async () => {
    const { omni, proxy } = await threeJobs();
    omni.failWaits(500);

    const failed = await Promise.all([['job-1'], ['job-1'], ['job-2']].map((ids) => proxy(waitRequest(ids))));
    const bodies = await Promise.all(failed.map((response) => response.json()));
    const retry = proxy(waitRequest(['job-1']));
    await vi.waitFor(() => expect(omni.waits).toHaveLength(2));
    omni.finish('job-1');
    const answer = await read(await retry);

    expect(failed.map((response) => response.status)).toEqual([500, 500, 500]);
    expect(new Set(bodies.map((body) => JSON.stringify(body))).size).toBe(1);
    expect(bodies[0]).toEqual({ error: { code: 500, message: 'Omni answered the wait with status 500.' } });
    expect(omni.waits).toHaveLength(2);
    expect(answer.jobs.map((job) => job.jobId)).toEqual(['job-1']);
  });

  it('passes Omni’s 429 and its Retry-After to every browser held on the poll', async () => {
    const omni = createStandInOmni();
    const fetch = omni.fetch;
    omni.fetch = async (input, init) =>
      String(input).includes('/query/wait')
        ? new Response('{"error":{"code":429,"message":"Rate limited"}}', { status: 429, headers: { 'retry-after': '9' } })
        : fetch(input, init);
    const limited = proxyOver(omni, await createStore());
    const run = await read(await limited(runRequest(query('d'))));

    const answer = await limited(waitRequest(Object.keys(run.jobsSubmitted)));

    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe('9');
    expect(await answer.json()).toEqual({ error: { code: 429, message: 'Too many requests: Omni refused the wait.' } });
  });
});

describe.each(storeFactories)('a browser coming back after its hold ran out (%s store)', (_name, createStore) => {
  it('rejoins the poll still under way instead of starting another', async () => {
    const omni = createStandInOmni();
    const proxy = proxyOver(omni, await createStore(), { share: { holdMs: 50 } });
    const run = await read(await proxy(runRequest(query('slow'))));
    const ids = Object.keys(run.jobsSubmitted);

    const first = await read(await proxy(waitRequest(ids)));
    const second = await read(await proxy(waitRequest(ids)));

    expect([first.timedOut, second.timedOut]).toEqual([true, true]);
    expect(second.cache).toBe('shared');
    expect(omni.waits).toHaveLength(1);
  });
});
