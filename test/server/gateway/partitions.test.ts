import { describe, expect, it } from 'vitest';
import { proxyOver, query, read, runRequest, storeFactories, waitRequest } from './gatewayHarness.js';
import { createStandInOmni } from './standInOmni.js';

const tenant = (name: string) => ({ headers: { 'x-tenant': name } });
const byTenant = (request: Request) => request.headers.get('x-tenant') ?? 'nobody';

describe.each(storeFactories)('partitions and job ids (%s store)', (_name, createStore) => {
  it('never shares a run or a result across partitions', async () => {
    const omni = createStandInOmni({ finishInRun: true });
    const proxy = proxyOver(omni, await createStore(), { partition: byTenant });

    const a = await read(await proxy(runRequest(query('revenue'), tenant('a'))));
    const b = await read(await proxy(runRequest(query('revenue'), tenant('b'))));
    const aAgain = await read(await proxy(runRequest(query('revenue'), tenant('a'))));

    expect(omni.runs).toHaveLength(2);
    expect([a.cache, b.cache, aAgain.cache]).toEqual(['miss', 'miss', 'hit']);
    expect(Object.keys(b.jobsSubmitted)).not.toEqual(Object.keys(a.jobsSubmitted));
  });

  it('answers a wait for another partition’s job 404, exactly like an id never issued, and sends nothing', async () => {
    const omni = createStandInOmni();
    const proxy = proxyOver(omni, await createStore(), { partition: byTenant });
    const run = await read(await proxy(runRequest(query('revenue'), tenant('a'))));
    const [jobId] = Object.keys(run.jobsSubmitted);

    const foreign = await proxy(waitRequest([jobId!], tenant('b')));
    const unknown = await proxy(waitRequest(['job-never-issued'], tenant('b')));
    const mixed = await proxy(waitRequest([jobId!, 'job-never-issued'], tenant('a')));

    expect([foreign.status, unknown.status, mixed.status]).toEqual([404, 404, 404]);
    const bodies = await Promise.all([foreign, unknown, mixed].map((response) => response.text()));
    expect(new Set(bodies).size).toBe(1);
    expect(bodies[0]).not.toContain(jobId);
    expect(omni.waits).toEqual([]);
  });

  it('refuses a blank job id with the one job-id rule the client uses', async () => {
    const omni = createStandInOmni();
    const proxy = proxyOver(omni, await createStore());

    const response = await proxy(waitRequest([' ']));

    expect(response.status).toBe(400);
    expect(omni.waits).toEqual([]);
  });

  it("with foreignJobIds: 'forward', forwards ids it did not issue, authorize still deciding", async () => {
    const omni = createStandInOmni({ pollMs: 1 });
    const asked: string[][] = [];
    const proxy = proxyOver(omni, await createStore(), {
      foreignJobIds: 'forward',
      authorize: (_request, call) => {
        if (call.endpoint === 'wait') asked.push([...call.jobIds]);
        return call.endpoint !== 'wait' || !call.jobIds.includes('job-forbidden');
      },
    });

    const forwarded = await read(await proxy(waitRequest(['job-from-elsewhere'])));
    const refused = await proxy(waitRequest(['job-forbidden']));

    expect(forwarded.remainingJobIds).toEqual(['job-from-elsewhere']);
    expect(forwarded.cache).toBe('miss');
    expect(refused.status).toBe(403);
    expect(omni.waits).toEqual([['job-from-elsewhere']]);
    expect(asked).toEqual([['job-from-elsewhere'], ['job-forbidden']]);
  });

  it('lets rewriteRun force userId per user, so that users never share even in one partition', async () => {
    const omni = createStandInOmni({ finishInRun: true });
    const proxy = proxyOver(omni, await createStore(), {
      rewriteRun: (body, request) => ({ ...body, userId: request.headers.get('x-user') ?? 'anonymous' }),
    });
    const as = (user: string) => ({ headers: { 'x-user': user } });

    const first = await read(await proxy(runRequest(query('revenue', { userId: 'forged' }), as('u-1'))));
    const second = await read(await proxy(runRequest(query('revenue'), as('u-2'))));
    const firstAgain = await read(await proxy(runRequest(query('revenue'), as('u-1'))));

    expect(omni.runs.map((body) => body.userId)).toEqual(['u-1', 'u-2']);
    expect([first.cache, second.cache, firstAgain.cache]).toEqual(['miss', 'miss', 'hit']);
  });

  it('answers 500 and reports stage config when partition or rewriteRun fails', async () => {
    const omni = createStandInOmni();
    const errors: string[] = [];
    const onError = (_error: unknown, stage: string) => errors.push(stage);
    const badPartition = proxyOver(omni, await createStore(), {
      onError,
      partition: () => {
        throw new Error('no session');
      },
    });
    const badRewrite = proxyOver(omni, await createStore(), { onError, rewriteRun: () => [] as never });

    expect((await badPartition(runRequest(query('a')))).status).toBe(500);
    expect((await badRewrite(runRequest(query('a')))).status).toBe(500);
    expect(errors).toEqual(['config', 'config']);
    expect(omni.runs).toEqual([]);
  });
});
