import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createOmniClient } from '../../src/client/createOmniClient.js';
import { OmniError } from '../../src/errors/OmniError.js';
import type { FakeFault } from '../fakeOmni.js';
import { fakeOmni, server } from '../support/omniTest.js';

const TOKEN = 'omni_osk_TOPSECRET_9f8e7d6c';
/** The origin every client test talks to. */
const BASE = 'https://acme.omniapp.co';
/** A fake Omni on the file's msw server that accepts any token unless told otherwise. */
const fake = (options: Parameters<typeof fakeOmni>[0] = {}) =>
  fakeOmni({ baseUrl: BASE, holdMs: 30, token: undefined, ...options });

describe('createOmniClient: job ids', () => {
  it.each([
    ['a number', [1]],
    ['an empty string', ['']],
    ['a blank string', ['  ']],
    ['null', [null]],
    ['undefined', [undefined]],
  ])('rejects %s with a TypeError before any request', async (_, ids) => {
    const omni = fake();
    await expect(createOmniClient({ baseUrl: BASE }).wait(ids as string[])).rejects.toThrow(TypeError);
    expect(omni.requests).toHaveLength(0);
  });

  it('rejects a non-array', async () => {
    await expect(createOmniClient({ baseUrl: BASE }).wait('a' as unknown as string[])).rejects.toThrow(TypeError);
  });

  it('sends nothing for no ids', async () => {
    const omni = fake();
    expect(await createOmniClient({ baseUrl: BASE }).wait([])).toEqual({
      jobs: [],
      remainingJobIds: [],
      timedOut: false,
      streamError: undefined,
    });
    expect(omni.requests).toHaveLength(0);
  });

  it('asks for each id once, in first-seen order', async () => {
    const omni = fake();
    omni.addJob({ id: 'a' }, { id: 'b' });
    await createOmniClient({ baseUrl: BASE }).wait(['b', 'a', 'b', 'a']);
    expect(omni.requests[0]!.jobIds).toEqual(['b', 'a']);
  });

  it('sends 1,000 ids in one request', async () => {
    const omni = fake();
    const ids = Array.from({ length: 1_000 }, (_, i) => `job-${i}`);
    const answer = await createOmniClient({ baseUrl: BASE }).wait(ids);
    expect(omni.requests).toHaveLength(1);
    expect(omni.requests[0]!.jobIds).toEqual(ids);
    expect(answer.jobs).toHaveLength(1_000);
  });
});

describe('createOmniClient: fetch', () => {
  it('looks the global fetch up at call time', async () => {
    const client = createOmniClient({ baseUrl: BASE });
    const original = globalThis.fetch;
    const urls: string[] = [];
    globalThis.fetch = (async (input: RequestInfo | URL) => {
      urls.push(String(input));
      return new Response('{"remaining_job_ids":[],"timed_out":"false"}');
    }) as typeof fetch;
    try {
      await client.wait(['late']);
    } finally {
      globalThis.fetch = original;
    }
    expect(urls).toEqual([`${BASE}/api/v1/query/wait?job_ids=${encodeURIComponent('["late"]')}`]);
  });

  it('calls options.fetch unbound, so window.fetch does not throw "Illegal invocation"', async () => {
    const receivers: unknown[] = [];
    const client = createOmniClient({
      baseUrl: BASE,
      fetch: function (this: unknown) {
        receivers.push(this);
        return Promise.resolve(new Response('{"remaining_job_ids":[],"timed_out":"false"}'));
      } as typeof fetch,
    });
    await client.wait(['a']);
    expect(receivers).toEqual([undefined]);
  });

  it('fails clearly when there is no fetch at all', async () => {
    const original = globalThis.fetch;
    // @ts-expect-error: a platform without fetch
    globalThis.fetch = undefined;
    try {
      await expect(createOmniClient({ baseUrl: BASE }).wait(['a'])).rejects.toMatchObject({
        kind: 'network',
        message: expect.stringMatching(/No fetch/),
      });
    } finally {
      globalThis.fetch = original;
    }
  });
});

describe('createOmniClient: token', () => {
  it('sends no Authorization for an empty token', async () => {
    const omni = fake();
    await createOmniClient({ baseUrl: BASE, token: '' }).wait(['a']);
    await createOmniClient({ baseUrl: BASE, token: () => '' }).wait(['a']);
    expect(omni.requests.map((request) => request.authorization)).toEqual([null, null]);
  });

  it('accepts a synchronous token function', async () => {
    const omni = fake({ token: TOKEN });
    omni.addJob({ id: 'a' });
    await createOmniClient({ baseUrl: BASE, token: () => TOKEN }).wait(['a']);
    expect(omni.requests[0]!.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it.each([
    [
      'throws',
      () => {
        throw new Error('no session');
      },
    ],
    ['returns a number', () => 42 as unknown as string],
    ['resolves to undefined', async () => undefined as unknown as string],
  ])('fails with a network error when the token function %s', async (_, token) => {
    const omni = fake();
    await expect(createOmniClient({ baseUrl: BASE, token }).wait(['a'])).rejects.toMatchObject({
      kind: 'network',
      message: expect.stringMatching(/token/),
    });
    expect(omni.requests).toHaveLength(0);
  });

  const faults: Array<[string, FakeFault | 'denied']> = [
    ['network', 'network'],
    ['403 from Omni', 'denied'],
    ['429', { status: 429, headers: { 'Retry-After': '1' } }],
    ['500 echoing the header', { status: 500, body: `upstream refused Authorization: Bearer ${TOKEN}` }],
    ['HTML 502', { status: 502, body: `<html><body><pre>Bearer ${TOKEN}</pre></body></html>` }],
    ['mid-stream failure echoing it', { midStream: { message: 'failed', reason: `bad header Bearer ${TOKEN}` } }],
    ['an empty 200', { status: 200, body: '' }],
    ['a 200 echoing it as text', { status: 200, body: `token=${TOKEN}` }],
  ];

  it.each(faults)('never puts the token in the error of %s', async (_, fault) => {
    const omni = fake({ token: fault === 'denied' ? 'omni_osk_other' : TOKEN });
    omni.addJob({ id: 'a' });
    if (fault !== 'denied') omni.failNext(fault);
    const outcome = await createOmniClient({ baseUrl: BASE, token: async () => TOKEN })
      .wait(['a'])
      .then(
        (answer) => answer.streamError,
        (error: unknown) => error,
      );
    expect(outcome).toBeInstanceOf(OmniError);
    const error = outcome as OmniError;
    for (const text of [error.message, JSON.stringify(error), String(error), error.stack ?? '', error.omniMessage ?? '']) {
      expect(text).not.toContain(TOKEN);
    }
  });
});

describe('createOmniClient: run', () => {
  it('is never retried: a failed run is one request', async () => {
    const omni = fake();
    omni.failNext({ status: 503, endpoint: 'run' }, 3);
    const run = createOmniClient({ baseUrl: BASE }).run({ query: { modelId: 'm', table: 't', fields: ['t.a'] } });
    await expect(run).rejects.toMatchObject({ kind: 'http', status: 503 });
    expect(omni.requests).toHaveLength(1);
  });

  it('sends JSON with Content-Type and the same Accept', async () => {
    let seen: Headers | undefined;
    server.use(
      http.post(`${BASE}/api/v1/query/run`, ({ request }) => {
        seen = request.headers;
        return HttpResponse.text('{"jobs_submitted":{"r":null}}\n{"remaining_job_ids":["r"],"timed_out":"true"}\n');
      }),
    );
    const answer = await createOmniClient({ baseUrl: BASE }).run({ query: { modelId: 'm', table: 't', fields: [] } });
    expect(seen?.get('content-type')).toBe('application/json');
    expect(seen?.get('accept')).toBe('application/x-ndjson, application/json');
    expect(answer).toMatchObject({ jobsSubmitted: { r: null }, remainingJobIds: ['r'], timedOut: true });
  });

  it('rejects a body that is not an object', async () => {
    await expect(createOmniClient({ baseUrl: BASE }).run(null as never)).rejects.toThrow(TypeError);
  });
});
