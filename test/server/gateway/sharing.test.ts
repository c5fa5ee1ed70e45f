import { describe, expect, it, vi } from 'vitest';
import { SERVER_TOKEN } from '../omniUpstream.js';
import { proxyOver, query, read, runRequest, storeFactories, waitRequest, wrapStore } from './gatewayHarness.js';
import { createStandInOmni } from './standInOmni.js';

describe.each(storeFactories)('sharing runs and results (%s store)', (_name, createStore) => {
  it('sends one run upstream for ten concurrent viewers across two instances; the rest join it', async () => {
    const omni = createStandInOmni();
    const store = await createStore();
    const instances = [proxyOver(omni, store), proxyOver(omni, store)];

    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, viewer) => instances[viewer % 2]!(runRequest(query('revenue'))).then(read)),
    );

    expect(omni.runs).toHaveLength(1);
    const ids = answers.map((answer) => Object.keys(answer.jobsSubmitted));
    expect(new Set(ids.flat())).toEqual(new Set(omni.jobs));
    for (const answer of answers) expect(answer.remainingJobIds).toEqual(omni.jobs);
    expect(answers.map((answer) => answer.cache).sort()).toEqual(['miss', ...Array<string>(9).fill('shared')]);
  });

  it('answers a run matching a finished result at once, in Omni’s wire shape, without going upstream', async () => {
    const omni = createStandInOmni({ finishInRun: true });
    const store = await createStore();
    const [first, second] = [proxyOver(omni, store), proxyOver(omni, store)];

    const sent = await read(await first(runRequest(query('revenue'))));
    const response = await second(runRequest(query('revenue')));
    const text = await response.clone().text();
    const served = await read(response);

    expect(sent.cache).toBe('miss');
    expect(served.cache).toBe('hit');
    expect(omni.runs).toHaveLength(1);
    const lines = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toEqual([
      { jobs_submitted: { 'job-1': null } },
      { job_id: 'job-1', status: 'COMPLETE', result: '/////job-1' },
      { remaining_job_ids: [], timed_out: 'false' },
    ]);
  });

  it('shares a result whatever the order of the body’s keys', async () => {
    const omni = createStandInOmni({ finishInRun: true });
    const proxy = proxyOver(omni, await createStore());

    await read(await proxy(runRequest({ cache: 'Standard', query: { modelId: 'm-1', fields: ['a.b'], table: 't' } })));
    const again = await read(
      await proxy(runRequest({ query: { table: 't', fields: ['a.b'], modelId: 'm-1' }, cache: 'Standard' })),
    );

    expect(again.cache).toBe('hit');
    expect(omni.runs).toHaveLength(1);
  });

  it('sends a SkipCache run upstream every time, and its result replaces the stored one', async () => {
    const omni = createStandInOmni({ finishInRun: true });
    const proxy = proxyOver(omni, await createStore());

    await read(await proxy(runRequest(query('revenue'))));
    const fresh = await read(await proxy(runRequest(query('revenue', { cache: 'SkipCache' }))));
    const later = await read(await proxy(runRequest(query('revenue'))));

    expect(fresh.cache).toBe('miss');
    expect(omni.runs).toHaveLength(2);
    expect(later.cache).toBe('hit');
    expect(Object.keys(later.jobsSubmitted)).toEqual(['job-2']);
    expect(later.jobs.map((job) => job.result)).toEqual(['/////job-2']);
  });

  it('shares a run that finished through waits: the next viewer gets the finished result', async () => {
    const omni = createStandInOmni();
    const store = await createStore();
    const [first, second] = [proxyOver(omni, store), proxyOver(omni, store)];

    const run = await read(await first(runRequest(query('revenue'))));
    const waiting = first(waitRequest(Object.keys(run.jobsSubmitted)));
    await vi.waitFor(() => expect(omni.waits).toHaveLength(1));
    omni.finish('job-1');
    const waited = await read(await waiting);
    // The result is written after the line reached the browser; a moment later it is there.
    await vi.waitFor(async () => expect((await read(await second(runRequest(query('revenue'))))).cache).toBe('hit'));

    expect(waited.jobs.map((job) => job.status)).toEqual(['COMPLETE']);
    expect(waited.remainingJobIds).toEqual([]);
    expect(omni.runs).toHaveLength(1);
  });

  it('assembles the result of a run with several jobs whose lines came in one poll', async () => {
    const omni = createStandInOmni({ jobsPerRun: 2 });
    const proxy = proxyOver(omni, await createStore());

    const run = await read(await proxy(runRequest(query('two'))));
    omni.finish('job-1');
    omni.finish('job-2');
    const waited = await read(await proxy(waitRequest(Object.keys(run.jobsSubmitted))));
    await vi.waitFor(async () => expect((await read(await proxy(runRequest(query('two'))))).cache).toBe('hit'));
    const served = await read(await proxy(runRequest(query('two'))));

    expect(waited.jobs.map((job) => job.jobId).sort()).toEqual(['job-1', 'job-2']);
    expect(served.jobs.map((job) => job.jobId).sort()).toEqual(['job-1', 'job-2']);
    expect(served.remainingJobIds).toEqual([]);
    expect(omni.runs).toHaveLength(1);
  });

  it('answers a wait for a job finished in the store from the store (another instance ran it)', async () => {
    const omni = createStandInOmni({ finishInRun: true });
    const store = await createStore();
    const [first, second] = [proxyOver(omni, store), proxyOver(omni, store)];

    const run = await read(await first(runRequest(query('revenue'))));
    const waited = await read(await second(waitRequest(Object.keys(run.jobsSubmitted))));

    expect(waited.cache).toBe('hit');
    expect(waited.jobs.map((job) => job.jobId)).toEqual(['job-1']);
    expect(omni.waits).toEqual([]);
  });

  it('with share: false, forwards every run and wait as it comes', async () => {
    const omni = createStandInOmni({ finishInRun: true });
    const proxy = proxyOver(omni, await createStore(), { share: false });

    const answers = await Promise.all([1, 2, 3].map(() => proxy(runRequest(query('revenue'))).then(read)));
    const waited = await read(await proxy(waitRequest(['job-1'])));

    expect(omni.runs).toHaveLength(3);
    expect(answers.map((answer) => answer.cache)).toEqual(['miss', 'miss', 'miss']);
    expect(omni.waits).toEqual([['job-1']]);
    expect(waited.cache).toBe('miss');
  });

  it('never puts the token into a store key or value', async () => {
    const omni = createStandInOmni({ finishInRun: true });
    const store = await createStore();
    const written: string[] = [];
    const spy = wrapStore(store, {
      set: (key: string, value: string, ttl: number) => (written.push(key, value), store.set(key, value, ttl)),
      setIfAbsent: (key: string, value: string, ttl: number) => (written.push(key, value), store.setIfAbsent(key, value, ttl)),
      get: (key: string) => (written.push(key), store.get(key)),
      takeSlot: (key: string, ...rest: [number, number, number]) => (written.push(key), store.takeSlot(key, ...rest)),
    });
    const proxy = proxyOver(omni, spy);

    const run = await read(await proxy(runRequest(query('revenue'))));
    await read(await proxy(waitRequest(Object.keys(run.jobsSubmitted))));

    expect(written.length).toBeGreaterThan(0);
    for (const text of written) expect(text).not.toContain(SERVER_TOKEN);
  });
});
