import { readdirSync, readFileSync } from 'node:fs';
import { tableFromArrays, tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { arrowBase64, createFakeOmni, summaryFor, type FakeOmniOptions } from '../fakeOmni.js';
import { server } from '../support/omniTest.js';

const BASE = 'https://fake.omniapp.co';

function fake(options: FakeOmniOptions = {}) {
  const omni = createFakeOmni(options);
  server.use(...omni.handlers);
  return omni;
}

const waitUrl = (ids: unknown[]) => `${BASE}/api/v1/query/wait?job_ids=${encodeURIComponent(JSON.stringify(ids))}`;
const lines = (text: string) =>
  text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
const base64Bytes = (text: string) => Uint8Array.from(atob(text), (char) => char.charCodeAt(0));

describe('fake Omni: wait, as the contract describes it', () => {
  it('answers NDJSON job lines then the footer with a string timed_out', async () => {
    const omni = fake();
    omni.addJob({ id: 'a', table: { 'orders.count': [1, 2] }, fields: ['orders.count'] });
    const response = await fetch(waitUrl(['a']));
    expect(response.headers.get('content-type')).toBe('text/ndjson');
    const text = await response.text();
    expect(text.endsWith('\n')).toBe(true);
    const [job, footer, ...rest] = lines(text);
    expect(rest).toEqual([]);
    expect(job).toMatchObject({
      job_id: 'a',
      status: 'COMPLETE',
      client_result_id: 'cr-a',
      query: { model_job: { fields: ['orders.count'] } },
    });
    expect(
      tableFromIPC(base64Bytes(job!.result as string))
        .getChild('orders.count')
        ?.toArray(),
    ).toEqual(new Float64Array([1, 2]));
    expect(footer).toEqual({ remaining_job_ids: [], timed_out: 'false' });
  });

  it('finishes a job after N polls and holds timed-out waits', async () => {
    const omni = fake({ holdMs: 1 });
    omni.addJob({ id: 'a', finishAfterPolls: 2 });
    const answers = [];
    for (let poll = 0; poll < 3; poll += 1) answers.push(lines(await (await fetch(waitUrl(['a']))).text()));
    expect(answers[0]).toEqual([{ remaining_job_ids: ['a'], timed_out: 'true' }]);
    expect(answers[1]).toEqual([{ remaining_job_ids: ['a'], timed_out: 'true' }]);
    expect(answers[2]!.map((line) => line.job_id ?? 'footer')).toEqual(['a', 'footer']);
    expect(omni.job('a')?.polls).toBe(3);
    expect(omni.waitRequests().every((request) => request.endedAt !== undefined && !request.aborted)).toBe(true);
  });

  it('answers unknown ids with FAILED "Unable to find job" and failed jobs with their message', async () => {
    const omni = fake();
    omni.addJob({ id: 'e', status: 'ERROR', errorMessage: 'Column not found', errorType: 'PLAN' });
    const [unknown, failed] = lines(await (await fetch(waitUrl(['ghost', 'e']))).text());
    expect(unknown).toEqual({ job_id: 'ghost', status: 'FAILED', error_message: 'Unable to find job' });
    expect(failed).toMatchObject({
      job_id: 'e',
      status: 'ERROR',
      client_result_id: 'null',
      error_message: 'Column not found',
      error_type: 'PLAN',
    });
    expect(failed).not.toHaveProperty('result');
  });

  it('answers the docs shape in json format: boolean timed_out, Arrow file format', async () => {
    const omni = fake({ format: 'json', holdMs: 1 });
    omni.addJob(
      { id: 'a', table: { 'u.id': [1] } },
      { id: 'b', table: { 'u.id': [2] } },
      { id: 'slow', finishAfterPolls: Infinity },
    );
    const one = (await (await fetch(waitUrl(['a', 'slow']))).json()) as Record<string, unknown>;
    expect(one).toMatchObject({ job_id: 'a', status: 'COMPLETE', timed_out: false, remaining_job_ids: ['slow'] });
    expect((one.result as string).startsWith('QVJST1cx')).toBe(true);
    const many = (await (await fetch(waitUrl(['a', 'b']))).json()) as Record<string, unknown>[];
    expect(many.map((item) => [item.job_id, item.timed_out])).toEqual([
      ['a', false],
      ['b', false],
    ]);
    expect(await (await fetch(waitUrl(['slow']))).json()).toEqual({ remaining_job_ids: ['slow'], timed_out: true });
  });

  it("rejects another bearer token with Omni's 403 body", async () => {
    const omni = fake({ token: 'omni_osk_good' });
    omni.addJob({ id: 'a' });
    const denied = await fetch(waitUrl(['a']), { headers: { Authorization: 'Bearer omni_osk_bad' } });
    expect(denied.status).toBe(403);
    expect(await denied.json()).toEqual({ error: { code: 403, message: 'Invalid bearer token' } });
    const allowed = await fetch(waitUrl(['a']), { headers: { Authorization: 'Bearer omni_osk_good' } });
    expect(allowed.status).toBe(200);
    await allowed.text();
  });

  it("answers 400 for unreadable job_ids and reads the CLI's jobIds=a,b form", async () => {
    const omni = fake();
    omni.addJob({ id: 'a' }, { id: 'b' });
    expect((await fetch(`${BASE}/api/v1/query/wait?job_ids=not-json`)).status).toBe(400);
    const text = await (await fetch(`${BASE}/api/v1/query/wait?jobIds=a,b`)).text();
    expect(lines(text).map((line) => line.job_id ?? 'footer')).toEqual(['a', 'b', 'footer']);
  });
});

describe('fake Omni: faults, release and bookkeeping', () => {
  it('plays scripted faults in order, each for its number of requests', async () => {
    const omni = fake();
    omni.addJob({ id: 'a' });
    omni.failNext({ status: 429, headers: { 'Retry-After': '2' }, body: { error: 'slow down', success: false } }, 2);
    omni.failNext('network');
    const first = await fetch(waitUrl(['a']));
    expect([first.status, first.headers.get('retry-after')]).toEqual([429, '2']);
    expect((await fetch(waitUrl(['a']))).status).toBe(429);
    await expect(fetch(waitUrl(['a']))).rejects.toThrow();
    expect((await fetch(waitUrl(['a']))).status).toBe(200);
    expect(omni.requests.map((request) => request.status)).toEqual([429, 429, 0, 200]);
  });

  it('keeps an endpoint-specific fault for that endpoint', async () => {
    const omni = fake();
    omni.addJob({ id: 'a' });
    omni.failNext({ status: 500, endpoint: 'run' });
    expect((await fetch(waitUrl(['a']))).status).toBe(200);
    const run = await fetch(`${BASE}/api/v1/query/run`, { method: 'POST', body: '{"query":{}}' });
    expect(run.status).toBe(500);
  });

  it('sends a mid-stream error line instead of the footer, with or without a final newline', async () => {
    const omni = fake();
    omni.addJob({ id: 'a' });
    omni.failNext({ midStream: { message: 'Internal error', reason: 'lost' }, trailingNewline: false });
    const text = await (await fetch(waitUrl(['a']))).text();
    expect(text.endsWith('}')).toBe(true);
    expect(lines(text)).toEqual([expect.objectContaining({ job_id: 'a' }), { message: 'Internal error', reason: 'lost' }]);
  });

  it('answers a held wait at once when a job is released', async () => {
    const omni = fake({ holdMs: 60_000 });
    omni.addJob({ id: 'a', finishAfterPolls: Infinity });
    const pending = fetch(waitUrl(['a'])).then((response) => response.text());
    await expect.poll(() => omni.inFlight).toBe(1);
    omni.release('a');
    expect(lines(await pending).map((line) => line.job_id ?? line.timed_out)).toEqual(['a', 'false']);
    expect(omni.inFlight).toBe(0);
  });

  it('counts waits in flight and remembers the most at once', async () => {
    const omni = fake({ holdMs: 60_000 });
    omni.addJob({ id: 'a', finishAfterPolls: Infinity }, { id: 'b', finishAfterPolls: Infinity });
    const both = [fetch(waitUrl(['a'])), fetch(waitUrl(['b']))].map((p) => p.then((response) => response.text()));
    await expect.poll(() => omni.inFlight).toBe(2);
    omni.release('a', 'b');
    await Promise.all(both);
    expect(omni.inFlight).toBe(0);
    expect(omni.maxInFlight).toBe(2);
  });

  it('logs an aborted wait as aborted and ends it', async () => {
    const omni = fake({ holdMs: 60_000 });
    omni.addJob({ id: 'a', finishAfterPolls: Infinity });
    const controller = new AbortController();
    const response = await fetch(waitUrl(['a']), { signal: controller.signal });
    const reading = response.text().catch((error: unknown) => error);
    controller.abort();
    await reading;
    await expect.poll(() => omni.requests[0]?.aborted).toBe(true);
    expect(omni.inFlight).toBe(0);
  });

  it('runs: header first, jobs from onRun, logged with their ids', async () => {
    const omni = fake({
      onRun: () => [
        { id: 'r1', clientResultId: 'c1' },
        { id: 'r2', finishAfterPolls: 1 },
      ],
      holdMs: 1,
    });
    const text = await (await fetch(`${BASE}/api/v1/query/run`, { method: 'POST', body: '{"query":{"modelId":"m"}}' })).text();
    expect(lines(text)).toEqual([
      { jobs_submitted: { r1: 'c1', r2: null } },
      expect.objectContaining({ job_id: 'r1', client_result_id: 'c1' }),
      { remaining_job_ids: ['r2'], timed_out: 'false' },
    ]);
    expect(omni.requests[0]).toMatchObject({ endpoint: 'run', jobIds: ['r1', 'r2'] });
  });

  it('forgets everything on reset', async () => {
    const omni = fake();
    omni.addJob({ id: 'a' });
    omni.failNext({ status: 500 });
    omni.reset();
    expect(omni.requests).toEqual([]);
    expect(omni.job('a')).toBeUndefined();
    const [unknown] = lines(await (await fetch(waitUrl(['a']))).text());
    expect(unknown).toMatchObject({ error_message: 'Unable to find job' });
  });
});

describe('fake Omni helpers', () => {
  it('arrowBase64 writes the stream format by default and the file format on request', () => {
    const table = tableFromArrays({ 'a.x': new Int32Array([1, 2, 3]) });
    const stream = arrowBase64(table);
    expect(stream.startsWith('/////')).toBe(true);
    expect(arrowBase64(table, 'file').startsWith('QVJST1cx')).toBe(true);
    expect(tableFromIPC(base64Bytes(stream)).getChild('a.x')?.toArray()).toEqual(new Int32Array([1, 2, 3]));
  });

  it('arrowBase64 handles payloads larger than one chunk', () => {
    const table = tableFromArrays({ 'a.x': Float64Array.from({ length: 50_000 }, (_, i) => i) });
    const back = tableFromIPC(base64Bytes(arrowBase64(table)));
    expect(back.numRows).toBe(50_000);
    expect(back.getChild('a.x')?.get(49_999)).toBe(49_999);
  });

  it("summaryFor describes the user's columns and leaves internal ones out", () => {
    const table = tableFromArrays({
      'orders.count': [1],
      'users.name': ['x'],
      'orders.created_at': [new Date(0)],
      'users.active': [true],
      ssort_0: [1],
      $omni_group_grouping: [0],
    });
    const summary = summaryFor(table, { labels: { 'orders.count': 'Orders' } });
    const fields = summary.fields as Record<string, Record<string, unknown>>;
    expect(Object.keys(fields)).toEqual(['orders.count', 'users.name', 'orders.created_at', 'users.active']);
    expect(fields['orders.count']).toMatchObject({
      field_name: 'count',
      view_name: 'orders',
      data_type: 'NUMBER',
      is_dimension: false,
      label: 'Orders',
    });
    expect(fields['users.name']).toMatchObject({ data_type: 'STRING', is_dimension: true, label: 'Name' });
    expect(fields['orders.created_at']).toMatchObject({ data_type: 'TIMESTAMP', label: 'Created at' });
    expect(fields['users.active']).toMatchObject({ data_type: 'BOOLEAN' });
  });

  it('uses web APIs only, so the browser (Storybook) can load it', () => {
    const here = new URL('.', import.meta.url);
    const files = [
      new URL('../fakeOmni.ts', here),
      ...readdirSync(here)
        .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
        .map((name) => new URL(name, here)),
    ];
    for (const file of files) {
      expect(readFileSync(file, 'utf8'), file.pathname).not.toMatch(
        /from ['"](node:|fs|path|buffer)['"/]|\bBuffer\b|\bprocess\./,
      );
    }
  });
});
