import { tableFromIPC } from 'apache-arrow';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createOmniClient } from '../../src/client/createOmniClient.js';
import { OmniError } from '../../src/errors/OmniError.js';
import type { JobLine } from '../../src/wire/jobLineSchema.js';
import { fakeOmni, server } from '../support/omniTest.js';

const TOKEN = 'omni_osk_SECRET_token_value_123';
/** The origin every client test talks to. */
const BASE = 'https://acme.omniapp.co';
/** A fake Omni on the file's msw server that accepts any token unless told otherwise. */
const fake = (options: Parameters<typeof fakeOmni>[0] = {}) =>
  fakeOmni({ baseUrl: BASE, holdMs: 30, token: undefined, ...options });

describe('createOmniClient: wait against the fake Omni', () => {
  it('returns finished jobs with decodable Arrow, the footer and the pending ids', async () => {
    const omni = fake();
    omni.addJob({ id: 'a', table: { 'orders.count': [1, 2, 3] } }, { id: 'b', finishAfterPolls: 1 });
    const client = createOmniClient({ baseUrl: BASE });

    const first = await client.wait(['a', 'b']);
    expect(first.jobs.map((job) => [job.jobId, job.status])).toEqual([['a', 'COMPLETE']]);
    expect(first.remainingJobIds).toEqual(['b']);
    expect(first.timedOut).toBe(false);
    expect(first.streamError).toBeUndefined();
    const bytes = Uint8Array.from(atob(first.jobs[0]!.result!), (char) => char.charCodeAt(0));
    expect(tableFromIPC(bytes).getChild('orders.count')?.toArray()).toEqual(new Float64Array([1, 2, 3]));

    const second = await client.wait(['b']);
    expect(second.jobs.map((job) => job.jobId)).toEqual(['b']);
    expect(second.remainingJobIds).toEqual([]);
  });

  it('reports a timed-out wait with no job line', async () => {
    const omni = fake({ holdMs: 5 });
    omni.addJob({ id: 'slow', finishAfterPolls: Infinity });
    const answer = await createOmniClient({ baseUrl: BASE }).wait(['slow']);
    expect(answer).toMatchObject({ jobs: [], remainingJobIds: ['slow'], timedOut: true, streamError: undefined });
  });

  it('reads the docs-shaped single JSON body with a boolean timed_out and the Arrow file format', async () => {
    const omni = fake({ format: 'json' });
    omni.addJob({ id: 'doc', table: { 'users.id': [7] } });
    const answer = await createOmniClient({ baseUrl: BASE }).wait(['doc']);
    expect(answer.jobs).toHaveLength(1);
    expect(answer.jobs[0]!.result!.startsWith('QVJST1cx')).toBe(true);
    expect(answer.remainingJobIds).toEqual([]);
    expect(answer.timedOut).toBe(false);
  });

  it('reports unknown ids as FAILED "Unable to find job"', async () => {
    fake();
    const answer = await createOmniClient({ baseUrl: BASE }).wait(['nope']);
    expect(answer.jobs[0]).toMatchObject({ jobId: 'nope', status: 'FAILED', errorMessage: 'Unable to find job' });
  });

  it('sends job_ids as the URL-encoded JSON array, ids with quotes, commas, spaces and unicode intact', async () => {
    const omni = fake();
    const ids = ['a"b', 'c,d', 'e f', 'ünï€😀', 'x\\y', 'p&q=r#s'];
    let rawQuery = '';
    server.use(
      http.get(`${BASE}/api/v1/query/wait`, ({ request }) => {
        rawQuery = new URL(request.url).search;
        return undefined;
      }),
    );
    await createOmniClient({ baseUrl: BASE }).wait(ids);
    expect(rawQuery).toBe(`?job_ids=${encodeURIComponent(JSON.stringify(ids))}`);
    expect(rawQuery).not.toMatch(/[",\s&#]/);
    expect(omni.requests[0]!.jobIds).toEqual(ids);
  });

  it('streams job lines to onJob before the answer is complete', async () => {
    const omni = fake({ holdMs: 2_000, holdOpen: true });
    omni.addJob({ id: 'fast', table: { 'a.x': [1] } }, { id: 'never', finishAfterPolls: Infinity });
    const controller = new AbortController();
    const seen: JobLine[] = [];
    const pending = createOmniClient({ baseUrl: BASE }).wait(['fast', 'never'], {
      signal: controller.signal,
      onJob: (job) => {
        seen.push(job);
        // The long poll is still open: abort it now to prove the line arrived before the footer.
        controller.abort();
      },
    });
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen.map((job) => job.jobId)).toEqual(['fast']);
    await expect.poll(() => omni.inFlight).toBe(0);
    expect(omni.requests[0]!.aborted).toBe(true);
  });
});

describe('createOmniClient: headers and token', () => {
  it('sends Accept, user headers and no Authorization without a token', async () => {
    const omni = fake();
    let headers = new Headers();
    server.use(
      http.get(`${BASE}/api/v1/query/wait`, ({ request }) => {
        headers = request.headers;
        return undefined;
      }),
    );
    await createOmniClient({ baseUrl: `${BASE}/`, headers: { 'X-CSRF': 'abc' } }).wait(['a']);
    expect(headers.get('accept')).toBe('application/x-ndjson, application/json');
    expect(headers.get('x-csrf')).toBe('abc');
    expect(headers.has('authorization')).toBe(false);
    expect(omni.requests).toHaveLength(1);
  });

  it('sends the bearer token, overriding an Authorization in headers', async () => {
    const omni = fake({ token: TOKEN });
    omni.addJob({ id: 'a' });
    const client = createOmniClient({ baseUrl: BASE, token: TOKEN, headers: { Authorization: 'Bearer other' } });
    await client.wait(['a']);
    expect(omni.requests[0]!.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('calls a token function before every request and picks up a rotated token', async () => {
    const omni = fake({ token: 'omni_osk_first' });
    omni.addJob({ id: 'a' });
    let current = 'omni_osk_first';
    let calls = 0;
    const client = createOmniClient({
      baseUrl: BASE,
      token: async () => {
        calls += 1;
        return current;
      },
    });
    await client.wait(['a']);
    current = 'omni_osk_second';
    omni.setToken(current);
    await client.wait(['a']);
    expect(calls).toBe(2);
    expect(omni.requests.map((request) => request.authorization)).toEqual(['Bearer omni_osk_first', 'Bearer omni_osk_second']);
  });

  it("turns a 403 into an http error with Omni's message and no token", async () => {
    fake({ token: 'omni_osk_right' });
    const error = await createOmniClient({ baseUrl: BASE, token: TOKEN })
      .wait(['a'])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OmniError);
    expect(error).toMatchObject({ kind: 'http', status: 403, omniMessage: 'Invalid bearer token' });
    expect((error as OmniError).message).toBe(`Omni answered 403 (GET ${BASE}/api/v1/query/wait): Invalid bearer token`);
    expect(JSON.stringify(error)).not.toContain(TOKEN);
  });

  it('redacts the token when a proxy echoes it in an error page', async () => {
    server.use(
      http.get(`${BASE}/api/v1/query/wait`, ({ request }) =>
        HttpResponse.text(`<html><body>Bad gateway for ${request.headers.get('authorization')}</body></html>`, { status: 502 }),
      ),
    );
    const error = (await createOmniClient({ baseUrl: BASE, token: TOKEN })
      .wait(['a'])
      .catch((e: unknown) => e)) as OmniError;
    expect(error.kind).toBe('http');
    expect(error.status).toBe(502);
    expect(error.message).toContain('Bad gateway for Bearer [redacted]');
    expect(error.message).not.toContain(TOKEN);
  });

  it('fails with a network error, without the token, when the token function rejects', async () => {
    const omni = fake();
    const error = (await createOmniClient({
      baseUrl: BASE,
      token: () => Promise.reject(new Error('session expired')),
    })
      .wait(['a'])
      .catch((e: unknown) => e)) as OmniError;
    expect(error).toBeInstanceOf(OmniError);
    expect(error.kind).toBe('network');
    expect(error.message).toMatch(/token function failed/);
    expect((error.cause as Error).message).toBe('session expired');
    expect(omni.requests).toHaveLength(0);
  });
});

describe('createOmniClient: failures', () => {
  it('turns a network failure into a network error with a cause', async () => {
    const omni = fake();
    omni.failNext('network');
    const error = (await createOmniClient({ baseUrl: BASE, token: TOKEN })
      .wait(['a'])
      .catch((e: unknown) => e)) as OmniError;
    expect(error).toBeInstanceOf(OmniError);
    expect(error.kind).toBe('network');
    expect(error.cause).toBeDefined();
    expect(error.message).not.toContain(TOKEN);
  });

  it('carries retryAfterMs of a 429', async () => {
    const omni = fake();
    omni.failNext({ status: 429, headers: { 'Retry-After': '7' }, body: { detail: 'Too many requests', status: 429 } });
    const error = (await createOmniClient({ baseUrl: BASE })
      .wait(['a'])
      .catch((e: unknown) => e)) as OmniError;
    expect(error).toMatchObject({
      kind: 'http',
      status: 429,
      retryAfterMs: 7_000,
      message: `Omni answered 429 (GET ${BASE}/api/v1/query/wait): Too many requests`,
    });
  });

  it('keeps the jobs received before a mid-stream server failure', async () => {
    const omni = fake();
    omni.addJob({ id: 'a', table: { 'v.x': [1] } }, { id: 'b', finishAfterPolls: 3 });
    omni.failNext({ midStream: { message: 'Internal error', reason: 'worker lost' }, trailingNewline: false });
    const answer = await createOmniClient({ baseUrl: BASE }).wait(['a', 'b']);
    expect(answer.jobs.map((job) => job.jobId)).toEqual(['a']);
    expect(answer.remainingJobIds).toBeUndefined();
    expect(answer.streamError).toMatchObject({ kind: 'http', status: 500, omniMessage: 'worker lost' });
  });

  it('rejects an empty 200 body with a schema error', async () => {
    const omni = fake();
    omni.failNext({ status: 200, body: '' });
    await expect(createOmniClient({ baseUrl: BASE }).wait(['a'])).rejects.toMatchObject({
      kind: 'schema',
      message: expect.stringMatching(/empty body/),
    });
  });

  it('passes an abort through unchanged', async () => {
    const omni = fake({ holdMs: 5_000 });
    omni.addJob({ id: 'slow', finishAfterPolls: Infinity });
    const controller = new AbortController();
    const reason = new DOMException('gone', 'AbortError');
    const pending = createOmniClient({ baseUrl: BASE }).wait(['slow'], { signal: controller.signal });
    await expect.poll(() => omni.inFlight).toBe(1);
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    await expect.poll(() => omni.inFlight).toBe(0);
  });

  it('rejects before any request for an already aborted signal', async () => {
    const omni = fake();
    const controller = new AbortController();
    controller.abort();
    await expect(createOmniClient({ baseUrl: BASE }).wait(['a'], { signal: controller.signal })).rejects.toBe(
      controller.signal.reason,
    );
    expect(omni.requests).toHaveLength(0);
  });
});

describe('createOmniClient: run', () => {
  it('posts the body as JSON and returns the jobs_submitted header', async () => {
    let posted: unknown;
    const omni = fake({
      onRun: (body) => {
        posted = body;
        return { id: 'run-1', table: { 'o.n': [1] } };
      },
    });
    const body = { query: { modelId: 'm', table: 'order_items', fields: ['o.n'] }, cache: 'SkipCache' as const };
    const answer = await createOmniClient({ baseUrl: BASE }).run(body);
    expect(posted).toEqual(body);
    expect(answer.jobsSubmitted).toEqual({ 'run-1': null });
    expect(answer.jobs.map((job) => job.jobId)).toEqual(['run-1']);
    expect(omni.requests[0]).toMatchObject({ method: 'POST', endpoint: 'run' });
  });
});
