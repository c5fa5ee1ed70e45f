/**
 * `omni-query-hooks/testing` without msw: the fake answers through `omni.fetch`, driven by the
 * library's real client, as a user's test would use it.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOmniClient } from '../../src/client/createOmniClient.js';
import { decodeResult } from '../../src/decode/decodeResult.js';
import { OmniError } from '../../src/errors/OmniError.js';
import { arrowResult, createFakeOmni, type FakeOmni } from '../../src/testing/index.js';

const clientOf = (omni: FakeOmni, token = 'omni_osk_user') =>
  createOmniClient({ baseUrl: omni.baseUrl, fetch: omni.fetch, token });
const rowsOf = (line: { result?: string | undefined; summary?: unknown } | undefined) =>
  decodeResult(line?.result ?? '', { summaryFields: (line?.summary as { fields?: never } | undefined)?.fields }).rows;

afterEach(() => {
  vi.useRealTimers();
});

describe('createFakeOmni: jobs through omni.fetch', () => {
  it('finishes a job of `jobs` after N polls, with its rows, through the real client', async () => {
    const omni = createFakeOmni({ holdMs: 1, jobs: { 'job-1': { rows: [{ 'orders.count': 3 }], after: 2 } } });
    const client = clientOf(omni);
    const answers = [await client.wait(['job-1']), await client.wait(['job-1']), await client.wait(['job-1'])];
    expect(answers.map((answer) => [answer.jobs.length, answer.timedOut, answer.remainingJobIds])).toEqual([
      [0, true, ['job-1']],
      [0, true, ['job-1']],
      [1, false, []],
    ]);
    expect(rowsOf(answers[2]?.jobs[0])).toEqual([{ 'orders.count': 3 }]);
    expect(omni.requests.map((request) => [request.endpoint, request.jobIds, request.authorization])).toEqual(
      Array.from({ length: 3 }, () => ['wait', ['job-1'], 'Bearer omni_osk_user']),
    );
  });

  it('fails a job with an Omni error, and keeps a held job until the test releases it', async () => {
    const omni = createFakeOmni({
      holdMs: Infinity,
      jobs: { broken: { error: { message: 'Column not found', type: 'PLAN' } }, held: { rows: [{ 'x.n': 1 }], held: true } },
    });
    const client = clientOf(omni);
    const first = await client.wait(['broken', 'held']);
    expect(first.jobs).toMatchObject([{ jobId: 'broken', status: 'ERROR', errorMessage: 'Column not found', errorType: 'PLAN' }]);
    const waiting = client.wait(['held']);
    await vi.waitFor(() => expect(omni.inFlight).toBe(1));
    omni.release('held');
    const second = await waiting;
    expect(second.jobs.map((job) => job.jobId)).toEqual(['held']);
    expect(omni.inFlight).toBe(0);
  });

  it('times out every held wait on endWaits(), without finishing the job', async () => {
    const omni = createFakeOmni({ holdMs: Infinity, jobs: { slow: { held: true } } });
    const waiting = clientOf(omni).wait(['slow']);
    await omni.nextRequest();
    omni.endWaits();
    expect(await waiting).toMatchObject({ jobs: [], remainingJobIds: ['slow'], timedOut: true });
    expect(omni.job('slow')?.released).toBe(false);
  });

  it('rejects with the abort reason when the signal aborts a held wait, and marks the request aborted', async () => {
    const omni = createFakeOmni({ holdMs: Infinity, jobs: { slow: { held: true } } });
    const controller = new AbortController();
    const waiting = clientOf(omni).wait(['slow'], { signal: controller.signal });
    await vi.waitFor(() => expect(omni.inFlight).toBe(1));
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    await vi.waitFor(() => expect(omni.inFlight).toBe(0));
    expect(omni.requests[0]).toMatchObject({ aborted: true });
  });

  it('answers a network fault as fetch does (a rejected TypeError) and HTTP faults with their status and body', async () => {
    const omni = createFakeOmni({ jobs: { a: {} } });
    omni.failNext('network');
    omni.failNext({ status: 429, headers: { 'Retry-After': '2' }, body: { error: 'Too many requests', success: false } });
    await expect(omni.fetch(`${omni.baseUrl}/api/v1/query/wait?job_ids=["a"]`)).rejects.toBeInstanceOf(TypeError);
    const limited = await omni.fetch(`${omni.baseUrl}/api/v1/query/wait?job_ids=["a"]`);
    expect([limited.status, limited.headers.get('retry-after'), await limited.json()]).toEqual([
      429,
      '2',
      { error: 'Too many requests', success: false },
    ]);
    expect(omni.requests.map((request) => request.status)).toEqual([0, 429]);
    expect(omni.stats).toMatchObject({ requests: 2, waits: 2, faulted: 2 });
  });

  it("answers a job's failWith for the waits that ask for it, `times` times", async () => {
    const omni = createFakeOmni({
      jobs: {
        guarded: {
          rows: [{ 'x.n': 1 }],
          failWith: { status: 403, body: { detail: 'Permission denied', status: 403 }, times: 1 },
        },
      },
    });
    const client = clientOf(omni);
    const denied = await client.wait(['guarded']).catch((error: unknown) => error);
    expect(denied).toBeInstanceOf(OmniError);
    expect(denied).toMatchObject({ kind: 'http', status: 403, omniMessage: 'Permission denied' });
    expect((await client.wait(['guarded'])).jobs).toHaveLength(1);
  });

  it('counts a faulted request in flight until its body was read, so overlapping waits are seen', async () => {
    const omni = createFakeOmni({ holdMs: Infinity, jobs: { slow: { held: true } } });
    omni.failNext({ status: 503, body: '<h1>503</h1>' });
    const faulted = await omni.fetch(`${omni.baseUrl}/api/v1/query/wait?job_ids=["slow"]`);
    expect(omni.inFlight).toBe(1);
    // A second wait sent before the first answer was read: two in flight, though one is a fault.
    const controller = new AbortController();
    const held = omni.fetch(`${omni.baseUrl}/api/v1/query/wait?job_ids=["slow"]`, { signal: controller.signal });
    await vi.waitFor(() => expect(omni.inFlight).toBe(2));
    expect(await faulted.text()).toBe('<h1>503</h1>');
    expect(omni.inFlight).toBe(1);
    controller.abort();
    await held.catch(() => undefined);
    expect([omni.inFlight, omni.maxInFlight, omni.stats.maxInFlight]).toEqual([0, 2, 2]);
  });

  it('keeps a delayed fault in flight for its delay', async () => {
    const omni = createFakeOmni({ jobs: { a: {} } });
    omni.failNext({ status: 502, delayMs: 10_000 });
    const controller = new AbortController();
    const answer = omni.fetch(`${omni.baseUrl}/api/v1/query/wait?job_ids=["a"]`, { signal: controller.signal });
    await vi.waitFor(() => expect(omni.inFlight).toBe(1));
    controller.abort();
    await expect(answer).rejects.toMatchObject({ name: 'AbortError' });
    expect(omni.inFlight).toBe(0);
  });

  it('serves a same-origin proxy path as baseUrl', async () => {
    const omni = createFakeOmni({ baseUrl: '/api/omni', jobs: { a: { rows: [{ 'x.n': 1 }] } } });
    const client = createOmniClient({ baseUrl: '/api/omni', fetch: omni.fetch });
    expect((await client.wait(['a'])).jobs).toHaveLength(1);
    expect(omni.requests[0]).toMatchObject({ path: '/api/omni/api/v1/query/wait', authorization: null });
    const stray = await omni.fetch('/elsewhere/api/v1/query/wait?job_ids=["a"]');
    expect(stray.status).toBe(404);
  });
});

describe('createFakeOmni: rate limit', () => {
  it('answers 429 beyond the budget of one Authorization header, counts it, and frees a slot after the interval', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-29T12:00:00Z'));
    const omni = createFakeOmni({ rateLimit: { requests: 2, intervalMs: 60_000, retryAfter: true }, jobs: { a: {} } });
    const url = `${omni.baseUrl}/api/v1/query/wait?job_ids=["a"]`;
    const as = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } });
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await omni.fetch(url, as('key-1'))).status);
    expect(statuses).toEqual([200, 200, 429]);
    const limited = await omni.fetch(url, as('key-1'));
    expect([limited.headers.get('retry-after'), await limited.json()]).toEqual([
      '60',
      { error: { code: 429, message: 'Rate limit exceeded' } },
    ]);
    expect((await omni.fetch(url, as('key-2'))).status).toBe(200);
    expect(omni.stats).toMatchObject({ requests: 5, rateLimited: 2 });
    expect(omni.requests.filter((request) => request.rateLimited).map((request) => request.authorization)).toEqual([
      'Bearer key-1',
      'Bearer key-1',
    ]);
    vi.setSystemTime(new Date('2026-11-29T12:01:00Z'));
    expect((await omni.fetch(url, as('key-1'))).status).toBe(200);
  });

  it("turns into the client's typed 429 error", async () => {
    const omni = createFakeOmni({ rateLimit: { requests: 1, intervalMs: 60_000 }, jobs: { a: {} } });
    const client = clientOf(omni);
    await client.wait(['a']);
    await expect(client.wait(['a'])).rejects.toMatchObject({ kind: 'http', status: 429, retryAfterMs: undefined });
  });
});

describe('createFakeOmni: run and documents', () => {
  const query = (fields: string[]) => ({ query: { modelId: 'model-1', table: 'orders', fields } });

  it('answers a run with the jobs_submitted header, the lines of jobs already done, then the footer', async () => {
    const omni = createFakeOmni({
      holdMs: 1,
      runs: [
        { match: { fields: ['orders.count'] }, job: { id: 'count-job', rows: [{ 'orders.count': 7 }] } },
        { match: { fields: ['orders.status'] }, job: { rows: [{ 'orders.status': 'Shipped' }], after: 1 } },
      ],
    });
    const text = await (
      await omni.fetch(`${omni.baseUrl}/api/v1/query/run`, { method: 'POST', body: JSON.stringify(query(['orders.count'])) })
    ).text();
    const lines = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines[0]).toEqual({ jobs_submitted: { 'count-job': null } });
    expect(lines[1]).toMatchObject({ job_id: 'count-job', status: 'COMPLETE' });
    expect(lines[2]).toEqual({ remaining_job_ids: [], timed_out: 'false' });

    const client = clientOf(omni);
    const later = await client.run(query(['orders.status']));
    const [id] = Object.keys(later.jobsSubmitted);
    expect(later).toMatchObject({ jobs: [], remainingJobIds: [id], timedOut: true });
    const waited = await client.wait([id!]);
    expect(rowsOf(waited.jobs[0])).toEqual([{ 'orders.status': 'Shipped' }]);
    expect(omni.requests.filter((request) => request.endpoint === 'run').map((request) => request.body)).toEqual([
      query(['orders.count']),
      query(['orders.status']),
    ]);

    const unknown = await omni.fetch(`${omni.baseUrl}/api/v1/query/run`, {
      method: 'POST',
      body: JSON.stringify(query(['users.count'])),
    });
    expect([unknown.status, await unknown.json()]).toEqual([400, { detail: 'No fake run matches this query', status: 400 }]);
  });

  it('starts the jobs a runs function returns', async () => {
    const omni = createFakeOmni({ runs: (body) => ({ id: `job-for-${String(body.query?.table)}`, rows: [{ 'x.n': 1 }] }) });
    const answer = await clientOf(omni).run(query(['x.n']));
    expect(answer.jobsSubmitted).toEqual({ 'job-for-orders': null });
    expect(answer.jobs.map((job) => job.jobId)).toEqual(['job-for-orders']);
  });

  it("lists a document's queries, and answers Omni's 404 for an unknown document", async () => {
    const queries = [
      {
        id: 'q1',
        name: 'Revenue by month',
        query: { table: 'orders', fields: ['orders.total'] },
        queryIdentifierMapKey: '1',
        url: 'https://acme.omniapp.co/w/abc?key=1',
      },
    ];
    const omni = createFakeOmni({ token: 'omni_osk_user', documents: { 'sales-dashboard': queries } });
    const get = (identifier: string, token = 'omni_osk_user') =>
      omni.fetch(`${omni.baseUrl}/api/v1/documents/${encodeURIComponent(identifier)}/queries`, {
        headers: { Authorization: `Bearer ${token}` },
      });
    const found = await get('sales-dashboard');
    expect([found.status, await found.json()]).toEqual([200, { queries }]);
    const missing = await get('nope');
    expect([missing.status, await missing.json()]).toEqual([404, { detail: 'Document not found', status: 404 }]);
    expect((await get('sales-dashboard', 'wrong')).status).toBe(403);
    expect(omni.requests.map((request) => [request.endpoint, request.identifier, request.status])).toEqual([
      ['documents', 'sales-dashboard', 200],
      ['documents', 'nope', 404],
      ['documents', 'sales-dashboard', 403],
    ]);
    expect(omni.stats.documents).toBe(3);
  });
});

describe('arrowResult', () => {
  it('builds a base64 Arrow stream and a summary whose fields match, that decode back to the rows', () => {
    const rows = [
      {
        'orders.count': 3n,
        'orders.total': 12.5,
        'orders.status': 'Shipped',
        'orders.paid': true,
        'orders.at': new Date('2026-01-02T03:04:05Z'),
      },
      { 'orders.count': 4n, 'orders.total': null, 'orders.status': null, 'orders.paid': false, 'orders.at': null },
    ];
    const built = arrowResult(rows, {
      fields: [
        { name: 'orders.count', label: 'Orders', format: 'NUMBER_0' },
        'orders.total',
        'orders.status',
        'orders.paid',
        'orders.at',
      ],
    });
    expect(built.result.startsWith('/////')).toBe(true);
    expect(built.fields).toEqual(['orders.count', 'orders.total', 'orders.status', 'orders.paid', 'orders.at']);
    const summaryFields = built.summary.fields as Record<string, { label: string; data_type: string; format?: string }>;
    expect(Object.keys(summaryFields)).toEqual(built.fields);
    expect(summaryFields['orders.count']).toMatchObject({ label: 'Orders', data_type: 'NUMBER', format: 'NUMBER_0' });
    expect(summaryFields['orders.at']?.data_type).toBe('TIMESTAMP');
    const decoded = decodeResult(built.result);
    expect(decoded.rows).toEqual([
      {
        'orders.count': 3,
        'orders.total': 12.5,
        'orders.status': 'Shipped',
        'orders.paid': true,
        'orders.at': new Date('2026-01-02T03:04:05Z'),
      },
      { 'orders.count': 4, 'orders.total': null, 'orders.status': null, 'orders.paid': false, 'orders.at': null },
    ]);
  });

  it('takes the columns of an empty result from `fields`, and names a column holding what Arrow cannot', () => {
    const empty = arrowResult([], { fields: [{ name: 'orders.count', type: 'integer' }] });
    expect(decodeResult(empty.result)).toMatchObject({ numRows: 0, rows: [] });
    expect(decodeResult(empty.result).fields.map((field) => field.name)).toEqual(['orders.count']);
    expect(() => arrowResult([{ 'orders.meta': { nested: true } }])).toThrow(/column "orders.meta"/);
    expect(() => arrowResult([{ 'orders.count': 1.5 }], { fields: [{ name: 'orders.count', type: 'integer' }] })).toThrow(
      /column "orders.count" is integer/,
    );
  });
});

describe('the testing entry point', () => {
  it('never imports msw (an optional peer) outside testing/msw, nor node: modules', () => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(new URL(file, import.meta.url), 'utf8');
      expect(source, file).not.toMatch(/from '(msw|msw\/.*|node:.*)'/);
      for (const [, path] of source.matchAll(/from '(\.{1,2}\/[^']+)\.js'/g))
        visit(new URL(`${path}.ts`, new URL(file, import.meta.url)).href);
    };
    visit('../../src/testing/index.ts');
    expect(seen.size).toBeGreaterThan(5);
  });
});
