import { describe, expect, expectTypeOf, it } from 'vitest';
import { createOmniClient } from '../../src/client/createOmniClient.js';
import type { OmniError } from '../../src/errors/OmniError.js';
import type { OmniQuery } from '../../src/query/omniQuerySchema.js';
import { createFakeOmni, type FakeOmni, type OmniRunBody } from '../../src/testing/index.js';

const clientOf = (omni: FakeOmni) => createOmniClient({ baseUrl: omni.baseUrl, fetch: omni.fetch });
const query = (region: string): OmniQuery => ({
  modelId: 'model-1',
  table: 'orders',
  fields: ['orders.count'],
  filters: { 'users.region': { is: region } },
});

describe('createFakeOmni: runs', () => {
  it('gives a job without an id a fresh job id per run, for the function and the rule form alike', async () => {
    const byFunction = createFakeOmni({ runs: () => ({ rows: [{ 'orders.count': 1 }] }) });
    const a = await clientOf(byFunction).run({ query: query('EU') });
    const b = await clientOf(byFunction).run({ query: query('US') });
    const c = await clientOf(byFunction).run({ query: query('EU') });
    const ids = [a, b, c].map((answer) => Object.keys(answer.jobsSubmitted)[0]);
    expect(ids).toEqual(['run-1', 'run-2', 'run-3']);

    const byRule = createFakeOmni({ runs: [{ match: { table: 'orders' }, job: { rows: [{ 'orders.count': 2 }] } }] });
    const first = await clientOf(byRule).run({ query: query('EU') });
    const second = await clientOf(byRule).run({ query: query('US') });
    expect([first, second].map((answer) => Object.keys(answer.jobsSubmitted)[0])).toEqual(['run-1', 'run-2']);
  });

  it('numbers several jobs of one run apart', async () => {
    const omni = createFakeOmni({ runs: () => [{ rows: [] }, { rows: [] }] });
    expect(Object.keys((await clientOf(omni).run({ query: query('EU') })).jobsSubmitted)).toEqual(['run-1.1', 'run-1.2']);
  });

  it('refuses one id returned for two different bodies, saying so, and starts nothing', async () => {
    const omni = createFakeOmni({ runs: () => ({ id: 'orders-job', rows: [{ 'orders.count': 1 }] }) });
    await clientOf(omni).run({ query: query('EU') });
    const error = (await clientOf(omni)
      .run({ query: query('US') })
      .catch((e: unknown) => e)) as OmniError;
    expect(error).toMatchObject({ kind: 'http', status: 400 });
    expect(error.omniMessage).toBe(
      'Fake Omni: runs returned the job id "orders-job" for two different run bodies, so the second query would show ' +
        "the first one's rows. Leave out `id` (each run then gets a fresh one) or make it depend on the body. " +
        'First body: {"query":{"fields":["orders.count"],"filters":{"users.region":{"is":"EU"}},"modelId":"model-1","table":"orders"}}; ' +
        'this body: {"query":{"fields":["orders.count"],"filters":{"users.region":{"is":"US"}},"modelId":"model-1","table":"orders"}}',
    );
    expect(error.message).toMatch(
      /^Omni answered 400 \(POST https:\/\/fake\.omniapp\.co\/api\/v1\/query\/run\): Fake Omni: runs returned/,
    );
    expect(omni.requests.map((request) => [request.status, request.jobIds])).toEqual([
      [200, ['orders-job']],
      [400, []],
    ]);
  });

  it('refuses a rule whose fixed id matches two different bodies', async () => {
    const omni = createFakeOmni({ runs: [{ match: { table: 'orders' }, job: { id: 'fixed', rows: [] } }] });
    await clientOf(omni).run({ query: query('EU') });
    await expect(clientOf(omni).run({ query: query('US') })).rejects.toMatchObject({ status: 400 });
  });

  it('accepts the same id again for the same body, keys in any order', async () => {
    const omni = createFakeOmni({ runs: () => ({ id: 'same', rows: [] }) });
    await clientOf(omni).run({ query: query('EU'), cache: 'SkipCache' });
    const { fields, filters, modelId, table } = query('EU');
    const again = await clientOf(omni).run({ cache: 'SkipCache', query: { table, modelId, filters, fields } });
    expect(Object.keys(again.jobsSubmitted)).toEqual(['same']);
  });

  it('answers 400 for a body without a query object, without calling runs', async () => {
    let calls = 0;
    const omni = createFakeOmni({ runs: () => ((calls += 1), { rows: [] }) });
    const response = await omni.fetch(`${omni.baseUrl}/api/v1/query/run`, { method: 'POST', body: '{"fields":["a.b"]}' });
    expect([response.status, await response.json()]).toEqual([400, { detail: 'The run body has no query object', status: 400 }]);
    expect(calls).toBe(0);
  });

  it('passes the run body typed: OmniRunBody, with the query and the top-level options', async () => {
    const seen: OmniRunBody[] = [];
    const omni = createFakeOmni({
      runs: (body) => {
        expectTypeOf(body).toEqualTypeOf<OmniRunBody>();
        expectTypeOf(body.query).toEqualTypeOf<OmniQuery>();
        seen.push(body);
        return { rows: [{ 'orders.count': body.query.fields.length }] };
      },
    });
    await clientOf(omni).run({ query: query('EU'), branchId: 'b-1' });
    expect(seen).toEqual([{ query: query('EU'), branchId: 'b-1' }]);
  });
});
