import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createOmniProxy, type OmniProxyErrorStage } from '../../src/server.js';
import {
  BASE_PATH,
  OMNI,
  SERVER_TOKEN,
  WAIT_URL,
  appUrl,
  bytes,
  jobIdsQuery,
  setupOmniUpstream,
  spyingFetch,
  text,
} from './omniUpstream.js';
import { PLAIN_FORWARDING } from './omniUpstream.js';

const { server, received } = setupOmniUpstream();
const waitUrl = appUrl(`/api/v1/query/wait${jobIdsQuery(['a', 'b'])}`);

/** An upstream body the test feeds by hand. */
function controllableBody() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
  });
  return { stream, push: (chunk: string) => controller.enqueue(bytes(chunk)), close: () => controller.close() };
}

function serveStream(stream: ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
  server.use(http.get(WAIT_URL, () => new HttpResponse(stream, { headers: { 'content-type': 'text/ndjson', ...headers } })));
}

describe('createOmniProxy streaming', () => {
  it('delivers each NDJSON piece before Omni has finished the body', async () => {
    const upstream = controllableBody();
    serveStream(upstream.stream);
    const proxy = createOmniProxy({ ...PLAIN_FORWARDING, baseUrl: OMNI, token: SERVER_TOKEN, basePath: BASE_PATH });
    let upstreamFinished = false;

    const response = await proxy(new Request(waitUrl));
    const reader = response.body!.getReader();

    const lineA = '{"job_id":"a","status":"COMPLETE"}\n';
    upstream.push(lineA);
    expect(text((await reader.read()).value)).toBe(lineA);
    expect(upstreamFinished).toBe(false);

    // A line split across chunks passes as the pieces arrive, not re-assembled.
    upstream.push('{"job_id":"b",');
    expect(text((await reader.read()).value)).toBe('{"job_id":"b",');
    upstream.push('"status":"ERROR"}\n{"remaining_job_ids":[],"timed_out":"false"}');
    expect(text((await reader.read()).value)).toBe('"status":"ERROR"}\n{"remaining_job_ids":[],"timed_out":"false"}');

    upstreamFinished = true;
    upstream.close();
    expect(await reader.read()).toEqual({ done: true, value: undefined });
  });

  it('cancels the upstream body when the consumer cancels the response', async () => {
    const upstream = controllableBody();
    serveStream(upstream.stream);
    const spy = spyingFetch();
    const proxy = createOmniProxy({
      ...PLAIN_FORWARDING,
      baseUrl: OMNI,
      token: SERVER_TOKEN,
      basePath: BASE_PATH,
      fetch: spy.fetch,
    });

    const response = await proxy(new Request(waitUrl));
    const reader = response.body!.getReader();
    upstream.push('{"job_id":"a","status":"COMPLETE"}\n');
    await reader.read();
    await reader.cancel('tab closed');

    await expect(spy.cancelled).resolves.toBe('tab closed');
  });

  it('cuts a body that grows past maxResponseBodyBytes with an error, and cancels upstream', async () => {
    const upstream = controllableBody();
    serveStream(upstream.stream);
    const errors: [string, OmniProxyErrorStage][] = [];
    const spy = spyingFetch();
    const proxy = createOmniProxy({
      ...PLAIN_FORWARDING,
      baseUrl: OMNI,
      token: SERVER_TOKEN,
      basePath: BASE_PATH,
      fetch: spy.fetch,
      maxResponseBodyBytes: 10,
      onError: (error, stage) => errors.push([String(error), stage]),
    });

    const response = await proxy(new Request(waitUrl));
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    upstream.push('12345678');
    expect(text((await reader.read()).value)).toBe('12345678');
    upstream.push('9ab');

    await expect(reader.read()).rejects.toThrow(/larger than the proxy passes through \(10 bytes\)/);
    await expect(spy.cancelled).resolves.toBeDefined();
    expect(errors).toEqual([[expect.stringContaining('maxResponseBodyBytes (10)'), 'response']]);
  });

  it('passes a body of exactly maxResponseBodyBytes', async () => {
    server.use(http.get(WAIT_URL, () => new HttpResponse('0123456789', { headers: { 'content-type': 'text/ndjson' } })));
    const proxy = createOmniProxy({
      ...PLAIN_FORWARDING,
      baseUrl: OMNI,
      token: SERVER_TOKEN,
      basePath: BASE_PATH,
      maxResponseBodyBytes: 10,
    });

    expect(await (await proxy(new Request(waitUrl))).text()).toBe('0123456789');
  });

  it('answers 502 at once when Content-Length is already over maxResponseBodyBytes', async () => {
    const upstream = controllableBody();
    serveStream(upstream.stream, { 'content-length': '11' });
    const spy = spyingFetch();
    const proxy = createOmniProxy({
      ...PLAIN_FORWARDING,
      baseUrl: OMNI,
      token: SERVER_TOKEN,
      basePath: BASE_PATH,
      fetch: spy.fetch,
      maxResponseBodyBytes: 10,
    });

    const response = await proxy(new Request(waitUrl));

    expect(response.status).toBe(502);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
      /larger than the proxy passes through/,
    );
    await expect(spy.cancelled).resolves.toBeDefined();
  });

  it('errors the response when Omni’s stream breaks mid-way, and reports it', async () => {
    let fail!: (error: Error) => void;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes('{"job_id":"a","status":"COMPLETE"}\n'));
        fail = (error) => controller.error(error);
      },
    });
    serveStream(stream);
    const stages: OmniProxyErrorStage[] = [];
    const proxy = createOmniProxy({
      ...PLAIN_FORWARDING,
      baseUrl: OMNI,
      token: SERVER_TOKEN,
      basePath: BASE_PATH,
      onError: (_e, stage) => stages.push(stage),
    });

    const response = await proxy(new Request(waitUrl));
    const reader = response.body!.getReader();
    await reader.read();
    fail(new Error('connection reset'));

    await expect(reader.read()).rejects.toThrow('The upstream response stream failed.');
    expect(stages).toEqual(['response']);
  });
});

describe('createOmniProxy aborts and timeouts', () => {
  it('aborts the upstream request when the client aborts before Omni answers', async () => {
    let upstreamStarted!: () => void;
    const started = new Promise<void>((resolve) => {
      upstreamStarted = resolve;
    });
    let upstreamSawAbort = false;
    server.use(
      http.get(WAIT_URL, ({ request }) => {
        upstreamStarted();
        // Holds like a long poll, until the request is aborted.
        return new Promise<Response>((resolve) => {
          request.signal.addEventListener('abort', () => {
            upstreamSawAbort = true;
            resolve(HttpResponse.json({}));
          });
        });
      }),
    );
    const stages: OmniProxyErrorStage[] = [];
    const proxy = createOmniProxy({
      ...PLAIN_FORWARDING,
      baseUrl: OMNI,
      token: SERVER_TOKEN,
      basePath: BASE_PATH,
      onError: (_e, stage) => stages.push(stage),
    });
    const client = new AbortController();

    const pending = proxy(new Request(waitUrl, { signal: client.signal }));
    await started;
    client.abort();
    const response = await pending;

    expect(response.status).toBe(499);
    expect(upstreamSawAbort).toBe(true);
    expect(stages).toEqual([]);
  });

  it('does not call Omni for a request already aborted', async () => {
    const client = new AbortController();
    client.abort();
    const proxy = createOmniProxy({ ...PLAIN_FORWARDING, baseUrl: OMNI, token: SERVER_TOKEN, basePath: BASE_PATH });

    expect((await proxy(new Request(waitUrl, { signal: client.signal }))).status).toBe(499);
    expect(received).toEqual([]);
  });

  it('cancels the streaming upstream body when the client aborts mid-stream, without reporting an error', async () => {
    const upstream = controllableBody();
    serveStream(upstream.stream);
    const stages: OmniProxyErrorStage[] = [];
    const spy = spyingFetch();
    const proxy = createOmniProxy({
      ...PLAIN_FORWARDING,
      baseUrl: OMNI,
      token: SERVER_TOKEN,
      basePath: BASE_PATH,
      fetch: spy.fetch,
      onError: (_e, stage) => stages.push(stage),
    });
    const client = new AbortController();

    const response = await proxy(new Request(waitUrl, { signal: client.signal }));
    const reader = response.body!.getReader();
    upstream.push('{"job_id":"a","status":"COMPLETE"}\n');
    await reader.read();
    client.abort(new Error('tab closed'));

    await expect(reader.read()).rejects.toThrow('tab closed');
    await expect(spy.cancelled).resolves.toEqual(new Error('tab closed'));
    expect(stages).toEqual([]);
  });

  it('answers 504 when Omni sends no headers within timeoutMs, and aborts the upstream request', async () => {
    let upstreamSawAbort!: () => void;
    const aborted = new Promise<void>((resolve) => {
      upstreamSawAbort = resolve;
    });
    server.use(
      http.get(
        WAIT_URL,
        ({ request }) =>
          new Promise<Response>((resolve) => {
            request.signal.addEventListener('abort', () => {
              upstreamSawAbort();
              resolve(HttpResponse.json({}));
            });
          }),
      ),
    );
    const stages: OmniProxyErrorStage[] = [];
    const proxy = createOmniProxy({
      ...PLAIN_FORWARDING,
      baseUrl: OMNI,
      token: SERVER_TOKEN,
      basePath: BASE_PATH,
      timeoutMs: 5,
      onError: (_e, stage) => stages.push(stage),
    });

    const response = await proxy(new Request(waitUrl));

    expect(response.status).toBe(504);
    expect(((await response.json()) as { error: { code: number } }).error.code).toBe(504);
    await aborted;
    expect(stages).toEqual(['upstream']);
  });

  it('does not time out a body that streams after the headers arrived', async () => {
    const upstream = controllableBody();
    serveStream(upstream.stream);
    const proxy = createOmniProxy({ ...PLAIN_FORWARDING, baseUrl: OMNI, token: SERVER_TOKEN, basePath: BASE_PATH, timeoutMs: 1 });

    const response = await proxy(new Request(waitUrl));
    // Give the (cleared) timer every chance to fire before the body is fed.
    await new Promise((resolve) => setTimeout(resolve, 20));
    upstream.push('{"remaining_job_ids":[],"timed_out":"false"}\n');
    upstream.close();

    expect(await response.text()).toBe('{"remaining_job_ids":[],"timed_out":"false"}\n');
  });
});
