import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_REQUEST_BODY_BYTES, createOmniProxy } from '../../src/server.js';
import { BASE_PATH, OMNI, SERVER_TOKEN, appUrl, bytes, setupOmniUpstream } from './omniUpstream.js';

const { received } = setupOmniUpstream();
const runUrl = appUrl('/api/v1/query/run');
const json = { 'content-type': 'application/json' };

/** A request body without Content-Length, as a chunked upload arrives, recording how far it was read. */
function chunkedBody(chunks: string[]) {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[pulled++];
      if (chunk === undefined) controller.close();
      else controller.enqueue(bytes(chunk));
    },
  });
  return { stream, pulled: () => pulled };
}

function run(body: BodyInit | null, headers: Record<string, string> = json): Request {
  return new Request(runUrl, { method: 'POST', headers, body, duplex: 'half' } as RequestInit);
}

describe('createOmniProxy request body', () => {
  it('answers 413 for a body over maxRequestBodyBytes without forwarding', async () => {
    const proxy = createOmniProxy({ baseUrl: OMNI, token: SERVER_TOKEN, basePath: BASE_PATH, maxRequestBodyBytes: 16 });

    const response = await proxy(run(`{"query":"${'x'.repeat(20)}"}`));

    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: { code: 413, message: expect.stringContaining('16 bytes') } });
    expect(received).toEqual([]);
  });

  it('answers 413 on a declared Content-Length over the cap before reading the body', async () => {
    const proxy = createOmniProxy({ baseUrl: OMNI, token: SERVER_TOKEN, basePath: BASE_PATH, maxRequestBodyBytes: 16 });
    // The body itself is small and valid: only the declared length can make this a 413.
    const response = await proxy(run(chunkedBody(['{}']).stream, { ...json, 'content-length': '17' }));

    expect(response.status).toBe(413);
    expect(received).toEqual([]);
  });

  it('answers 413 for a chunked body that grows past the cap, and stops reading it there', async () => {
    const proxy = createOmniProxy({ baseUrl: OMNI, token: SERVER_TOKEN, basePath: BASE_PATH, maxRequestBodyBytes: 16 });
    const upload = chunkedBody(['{"query":', '"0123456789', '0123456789"}', 'never read', 'never read']);

    const response = await proxy(run(upload.stream));

    expect(response.status).toBe(413);
    expect(upload.pulled()).toBeLessThanOrEqual(4);
    expect(received).toEqual([]);
  });

  it('forwards a body of exactly maxRequestBodyBytes', async () => {
    const proxy = createOmniProxy({ baseUrl: OMNI, token: SERVER_TOKEN, basePath: BASE_PATH, maxRequestBodyBytes: 16 });
    const body = '{"query":"1234"}';
    expect(bytes(body).byteLength).toBe(16);

    const response = await proxy(run(chunkedBody(['{"query":', '"1234"}']).stream));

    expect(response.status).toBe(200);
    expect(await received[0]?.body).toBe(body);
  });

  it('accepts 64 KiB by default and refuses one byte more', async () => {
    const proxy = createOmniProxy({ baseUrl: OMNI, token: SERVER_TOKEN, basePath: BASE_PATH });
    const filler = (size: number) => `{"query":{"pad":"${'x'.repeat(size - 20)}"}}`;
    expect(bytes(filler(DEFAULT_MAX_REQUEST_BODY_BYTES)).byteLength).toBe(65536);

    expect((await proxy(run(filler(DEFAULT_MAX_REQUEST_BODY_BYTES)))).status).toBe(200);
    expect((await proxy(run(filler(DEFAULT_MAX_REQUEST_BODY_BYTES + 1)))).status).toBe(413);
    expect(received).toHaveLength(1);
  });

  it.each([
    ['no Content-Type', {}],
    ['text/plain (what a cross-site form can send)', { 'content-type': 'text/plain' }],
    ['a urlencoded form', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['multipart', { 'content-type': 'multipart/form-data; boundary=x' }],
  ])('answers 415 for %s', async (_name, headers) => {
    const proxy = createOmniProxy({ baseUrl: OMNI, token: SERVER_TOKEN, basePath: BASE_PATH });

    const response = await proxy(run('{"query":{}}', headers));

    expect(response.status).toBe(415);
    expect(received).toEqual([]);
  });

  it.each([
    ['empty', ''],
    ['not JSON', 'query=1'],
    ['truncated JSON', '{"query":'],
    ['a JSON array', '[{"query":{}}]'],
    ['JSON null', 'null'],
    ['a JSON string', '"run"'],
    ['invalid UTF-8', new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d])],
  ])('answers 400 for a body that is %s', async (_name, body) => {
    const proxy = createOmniProxy({ baseUrl: OMNI, token: SERVER_TOKEN, basePath: BASE_PATH });

    const response = await proxy(run(body));

    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: number } }).error.code).toBe(400);
    expect(received).toEqual([]);
  });

  it('answers 499 when the client aborts mid-upload', async () => {
    const client = new AbortController();
    const upload = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(bytes('{"query":'));
        client.abort();
        controller.error(new Error('socket hang up'));
      },
    });
    const proxy = createOmniProxy({ baseUrl: OMNI, token: SERVER_TOKEN, basePath: BASE_PATH });

    const response = await proxy(
      new Request(runUrl, { method: 'POST', headers: json, body: upload, duplex: 'half', signal: client.signal } as RequestInit),
    );

    expect(response.status).toBe(499);
    expect(received).toEqual([]);
  });
});
