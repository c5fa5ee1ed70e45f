import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOmniProxy, toNodeHandler, type OmniProxyOptions } from '../../src/server.js';
import {
  BASE_PATH,
  OMNI,
  SERVER_TOKEN,
  WAIT_URL,
  bytes,
  jobIdsQuery,
  ndjsonFor,
  setupOmniUpstream,
  spyingFetch,
} from './omniUpstream.js';
import { PLAIN_FORWARDING } from './omniUpstream.js';

const { server: msw, received } = setupOmniUpstream();

let servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.map((server) => {
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeAllConnections();
      return closed;
    }),
  );
  servers = [];
});

/** A real HTTP server on 127.0.0.1, an ephemeral port, serving `listener`. */
async function listen(listener: Parameters<typeof createServer>[1]): Promise<number> {
  const server = createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function proxyServer(options: Partial<OmniProxyOptions> = {}): Promise<number> {
  return listen(
    toNodeHandler(createOmniProxy({ ...PLAIN_FORWARDING, baseUrl: OMNI, token: SERVER_TOKEN, basePath: BASE_PATH, ...options })),
  );
}

interface Answer {
  status: number;
  headers: IncomingMessage['headers'];
  body: string;
  /** False when the connection broke before the body ended. */
  complete: boolean;
}

/** Sends a request with the path exactly as given (no URL normalisation), and collects the answer. */
function send(
  port: number,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: init.method ?? 'GET', headers: init.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      const done = () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, complete: res.complete });
      res.on('end', done);
      res.on('error', done);
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

const waitPath = `${BASE_PATH}/api/v1/query/wait${jobIdsQuery(['a', 'b'])}`;

/** Makes the fake Omni answer the wait call with a body the test feeds by hand, once Omni is asked. */
function serveControlledWait(): Promise<ReadableStreamDefaultController<Uint8Array>> {
  return new Promise((resolve) => {
    msw.use(
      http.get(
        WAIT_URL,
        () =>
          new HttpResponse(new ReadableStream<Uint8Array>({ start: resolve }), { headers: { 'content-type': 'text/ndjson' } }),
      ),
    );
  });
}

describe('toNodeHandler with a real http.createServer', () => {
  it('proxies a wait call: server token in, cookies out, body and safe headers back', async () => {
    const port = await proxyServer();

    const answer = await send(port, waitPath, { headers: { authorization: 'Bearer omni_osk_CLIENT', cookie: 'session=1' } });

    expect(answer).toMatchObject({ status: 200, body: ndjsonFor(['a', 'b']), complete: true });
    expect(answer.headers['content-type']).toBe('text/ndjson');
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(received).toHaveLength(1);
    expect(received[0]?.headers.get('authorization')).toBe(`Bearer ${SERVER_TOKEN}`);
    expect(received[0]?.headers.has('cookie')).toBe(false);
  });

  it('streams a run body to Omni unchanged', async () => {
    const port = await proxyServer();
    const body = JSON.stringify({ query: { modelId: 'm', table: 't', fields: ['t.ü'] } });

    const answer = await send(port, `${BASE_PATH}/api/v1/query/run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });

    expect(answer.status).toBe(200);
    expect(await received[0]?.body).toBe(body);
  });

  it('answers 413 for an oversized upload', async () => {
    const port = await proxyServer({ maxRequestBodyBytes: 100 });

    const answer = await send(port, `${BASE_PATH}/api/v1/query/run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'x'.repeat(200) }),
    });

    expect(answer.status).toBe(413);
    expect(received).toEqual([]);
  });

  it('delivers the first NDJSON line to the client before Omni has finished', async () => {
    const upstreamReady = serveControlledWait();
    const port = await proxyServer();
    const omni: { body?: ReadableStreamDefaultController<Uint8Array>; closed: boolean } = { closed: false };

    const chunks: string[] = [];
    let upstreamClosedAtFirstChunk: boolean | undefined;
    const ended = new Promise<void>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: waitPath }, (res) => {
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          chunks.push(chunk);
          if (chunks.length === 1) {
            // Only now does Omni send the rest: the first line cannot have waited for it.
            upstreamClosedAtFirstChunk = omni.closed;
            omni.body?.enqueue(bytes('{"remaining_job_ids":[],"timed_out":"false"}\n'));
            omni.body?.close();
            omni.closed = true;
          }
        });
        res.on('end', resolve);
      });
      req.on('error', reject);
      req.end();
    });
    omni.body = await upstreamReady;
    omni.body.enqueue(bytes('{"job_id":"a","status":"COMPLETE"}\n'));
    await ended;

    expect(upstreamClosedAtFirstChunk).toBe(false);
    expect(chunks[0]).toBe('{"job_id":"a","status":"COMPLETE"}\n');
    expect(chunks.join('')).toBe('{"job_id":"a","status":"COMPLETE"}\n{"remaining_job_ids":[],"timed_out":"false"}\n');
  });

  it('breaks the connection, rather than ending cleanly, when the body passes the response cap', async () => {
    const upstreamReady = serveControlledWait();
    const port = await proxyServer({ maxResponseBodyBytes: 100 });
    const firstLine = `${'x'.repeat(79)}\n`;
    const omni: { body?: ReadableStreamDefaultController<Uint8Array> } = {};

    const answered = new Promise<{ status: number; body: string; complete: boolean }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: waitPath }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
          // The first 80 bytes are through; the next 80 pass the 100-byte cap.
          if (body === firstLine) omni.body?.enqueue(bytes(`${'y'.repeat(79)}\n`));
        });
        res.on('close', () => resolve({ status: res.statusCode ?? 0, body, complete: res.complete }));
      });
      req.on('error', reject);
      req.end();
    });
    omni.body = await upstreamReady;
    omni.body.enqueue(bytes(firstLine));

    expect(await answered).toEqual({ status: 200, body: firstLine, complete: false });
  });

  it('aborts the upstream call when the client disconnects', async () => {
    let upstreamSawAbort!: () => void;
    const aborted = new Promise<void>((resolve) => {
      upstreamSawAbort = resolve;
    });
    let upstreamStarted!: () => void;
    const started = new Promise<void>((resolve) => {
      upstreamStarted = resolve;
    });
    msw.use(
      http.get(WAIT_URL, ({ request }) => {
        upstreamStarted();
        return new Promise<Response>((resolve) => {
          request.signal.addEventListener('abort', () => {
            upstreamSawAbort();
            resolve(HttpResponse.json({}));
          });
        });
      }),
    );
    const handler = toNodeHandler(
      createOmniProxy({ ...PLAIN_FORWARDING, baseUrl: OMNI, token: SERVER_TOKEN, basePath: BASE_PATH }),
    );
    let handled: Promise<void> | undefined;
    const port = await listen((req, res) => {
      handled = handler(req, res);
    });

    const req = httpRequest({ host: '127.0.0.1', port, path: waitPath });
    req.on('error', () => undefined);
    req.end();
    await started;
    req.destroy();

    await aborted;
    // The handler finishes too: nothing waits forever on a connection that is gone.
    await expect(handled).resolves.toBeUndefined();
  });

  it('cancels the upstream body and finishes when the client disconnects mid-stream', async () => {
    const upstreamReady = serveControlledWait();
    const spy = spyingFetch();
    const handler = toNodeHandler(
      createOmniProxy({ ...PLAIN_FORWARDING, baseUrl: OMNI, token: SERVER_TOKEN, basePath: BASE_PATH, fetch: spy.fetch }),
    );
    let handled: Promise<void> | undefined;
    const port = await listen((req, res) => {
      handled = handler(req, res);
    });

    const firstChunk = new Promise<void>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: waitPath }, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', () => undefined);
      req.on('close', () => reject(new Error('closed before any data')));
      req.end();
    });
    const upstream = await upstreamReady;
    upstream.enqueue(bytes('{"job_id":"a","status":"COMPLETE"}\n'));
    await firstChunk;

    await expect(spy.cancelled).resolves.toBeDefined();
    await expect(handled).resolves.toBeUndefined();
  });

  it.each([
    ['a .. segment', `${BASE_PATH}/api/v1/foo/../query/wait${jobIdsQuery(['a'])}`],
    ['a . segment', `${BASE_PATH}/api/v1/./query/wait${jobIdsQuery(['a'])}`],
    ['a %2e%2e segment', `${BASE_PATH}/api/v1/foo/%2e%2e/query/wait${jobIdsQuery(['a'])}`],
    ['a .%2E segment', `${BASE_PATH}/api/v1/foo/.%2E/query/wait${jobIdsQuery(['a'])}`],
    ['backslashes', `${BASE_PATH}\\api\\v1\\query\\wait${jobIdsQuery(['a'])}`],
    ['an absolute-form target naming another host', `http://evil.example${waitPath}`],
    ['an asterisk target', '*'],
  ])('answers a raw target with %s 400 before the proxy sees it', async (_name, path) => {
    const port = await proxyServer();

    const answer = await send(port, path);

    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({ error: { code: 400, message: 'Bad request target.' } });
    expect(received).toEqual([]);
  });

  it('answers a protocol-relative target 404: it stays a path on this server', async () => {
    const port = await proxyServer();

    const answer = await send(port, `//evil.example${waitPath}`);

    expect(answer.status).toBe(404);
    expect(received).toEqual([]);
  });

  it('uses Express’s originalUrl, so basePath is the full mount path', async () => {
    const handler = toNodeHandler(
      createOmniProxy({ ...PLAIN_FORWARDING, baseUrl: OMNI, token: SERVER_TOKEN, basePath: BASE_PATH }),
    );
    // What Express does for app.use('/api/omni', handler): strip the mount path from req.url.
    const port = await listen((req, res) => {
      const originalUrl = req.url ?? '/';
      req.url = originalUrl.slice(BASE_PATH.length);
      void handler(Object.assign(req, { originalUrl }), res);
    });

    expect((await send(port, waitPath)).status).toBe(200);
  });

  it('answers 500 with a hint when a body parser already read the body', async () => {
    const handler = toNodeHandler(
      createOmniProxy({ ...PLAIN_FORWARDING, baseUrl: OMNI, token: SERVER_TOKEN, basePath: BASE_PATH }),
    );
    const port = await listen(async (req, res) => {
      for await (const _chunk of req) {
        // Consumed, as express.json() would.
      }
      void handler(req, res);
    });

    const answer = await send(port, `${BASE_PATH}/api/v1/query/run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":{}}',
    });

    expect(answer.status).toBe(500);
    expect(answer.body).toContain('body parsers');
    expect(received).toEqual([]);
  });

  it('hands a throwing handler’s error to next(), or answers 500 without it', async () => {
    const failure = new Error('handler bug');
    const handler = toNodeHandler(() => Promise.reject(failure));
    const next = vi.fn();
    const port = await listen((req, res) => {
      if (req.url === '/with-next') {
        void handler(req, res, (error) => {
          next(error);
          res.statusCode = 418;
          res.end();
        });
      } else {
        void handler(req, res);
      }
    });

    expect((await send(port, '/with-next')).status).toBe(418);
    expect(next).toHaveBeenCalledExactlyOnceWith(failure);
    const plain = await send(port, '/plain');
    expect(plain.status).toBe(500);
    expect(plain.body).not.toContain('handler bug');
  });

  it('passes every Set-Cookie of a generic handler separately', async () => {
    const headers = new Headers([
      ['set-cookie', 'a=1; Path=/'],
      ['set-cookie', 'b=2; Path=/'],
      ['x-one', '1'],
    ]);
    const port = await listen(toNodeHandler(async () => new Response('ok', { status: 201, headers })));

    const answer = await send(port, '/');

    expect(answer).toMatchObject({ status: 201, body: 'ok' });
    expect(answer.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect(answer.headers['x-one']).toBe('1');
  });

  it('streams a large body through intact', async () => {
    const big = Array.from({ length: 20_000 }, (_, i) =>
      JSON.stringify({ job_id: `j${i}`, status: 'COMPLETE', result: 'x'.repeat(200) }),
    ).join('\n');
    msw.use(http.get(WAIT_URL, () => new HttpResponse(big, { headers: { 'content-type': 'text/ndjson' } })));
    const port = await proxyServer();

    const answer = await send(port, waitPath);

    expect(answer.complete).toBe(true);
    expect(answer.body.length).toBe(big.length);
    expect(answer.body === big).toBe(true);
  });
});
