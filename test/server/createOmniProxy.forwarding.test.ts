import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createOmniProxy } from '../../src/server.js';
import {
  APP,
  BASE_PATH,
  OMNI,
  RUN_URL,
  SERVER_TOKEN,
  WAIT_URL,
  appUrl,
  jobIdsQuery,
  ndjsonFor,
  setupOmniUpstream,
} from './omniUpstream.js';
import { PLAIN_FORWARDING } from './omniUpstream.js';

const { server, received } = setupOmniUpstream();
const proxy = createOmniProxy({ ...PLAIN_FORWARDING, baseUrl: OMNI, token: SERVER_TOKEN, basePath: BASE_PATH });

/** Credentials and routing headers a browser (or an attacker) may send, none of which may reach Omni. */
const clientHeaders = {
  authorization: 'Bearer omni_osk_CLIENT-TOKEN',
  cookie: 'session=abc; other=1',
  'proxy-authorization': 'Basic Zm9vOmJhcg==',
  'x-forwarded-for': '203.0.113.7',
  'x-forwarded-host': 'evil.example',
  'x-forwarded-proto': 'http',
  forwarded: 'for=203.0.113.7;host=evil.example',
  'x-real-ip': '203.0.113.7',
  origin: APP,
  referer: `${APP}/dashboard`,
  'keep-alive': 'timeout=5',
  te: 'trailers',
  upgrade: 'websocket',
  'x-custom': 'value',
  accept: 'application/x-ndjson, application/json',
};

describe('createOmniProxy forwarding', () => {
  it('forwards a wait call to Omni’s fixed path with the same job ids and method', async () => {
    const ids = ['job-1', 'job-2'];
    const response = await proxy(new Request(appUrl(`/api/v1/query/wait${jobIdsQuery(ids)}`)));

    expect(response.status).toBe(200);
    expect(await response.text()).toBe(ndjsonFor(ids));
    expect(received).toHaveLength(1);
    const [upstream] = received;
    expect(upstream?.method).toBe('GET');
    expect(upstream?.url.origin + upstream!.url.pathname).toBe(WAIT_URL);
    expect([...upstream!.url.searchParams]).toEqual([['job_ids', JSON.stringify(ids)]]);
  });

  it('passes jobIds (the comma list Omni’s CLI sends) as jobIds', async () => {
    const response = await proxy(new Request(appUrl('/api/v1/query/wait?jobIds=a,b')));

    expect(response.status).toBe(200);
    expect([...received[0]!.url.searchParams]).toEqual([['jobIds', 'a,b']]);
  });

  it('forwards ids with quotes, commas, spaces, ampersands and unicode exactly', async () => {
    const ids = ['he said "hi"', 'a,b', 'with space', 'x&admin=true', 'ünïcødé-🚀', 'plus+sign'];
    const response = await proxy(new Request(appUrl(`/api/v1/query/wait${jobIdsQuery(ids)}`)));

    expect(response.status).toBe(200);
    const forwarded = received[0]!.url.searchParams;
    expect([...forwarded.keys()]).toEqual(['job_ids']);
    expect(JSON.parse(forwarded.get('job_ids')!)).toEqual(ids);
  });

  it('forwards a run call with its JSON body byte for byte', async () => {
    const body = '{ "query": {"modelId":"m-1","table":"order_items","fields":["order_items.count"]},\n "cache":"SkipCache" }';
    const response = await proxy(
      new Request(appUrl('/api/v1/query/run'), { method: 'POST', headers: { 'content-type': 'application/json' }, body }),
    );

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/ndjson');
    expect(received).toHaveLength(1);
    expect(received[0]?.method).toBe('POST');
    expect(received[0]?.url.href).toBe(RUN_URL);
    expect(received[0]?.headers.get('content-type')).toBe('application/json');
    expect(await received[0]?.body).toBe(body);
  });

  it('replaces the client’s Authorization with the server token and strips cookies and routing headers', async () => {
    await proxy(new Request(appUrl(`/api/v1/query/wait${jobIdsQuery(['a'])}`), { headers: clientHeaders }));
    await proxy(
      new Request(appUrl('/api/v1/query/run'), {
        method: 'POST',
        headers: { ...clientHeaders, 'content-type': 'application/json; charset=utf-8' },
        body: '{"query":{}}',
      }),
    );

    expect(received).toHaveLength(2);
    for (const { headers } of received) {
      expect(headers.get('authorization')).toBe(`Bearer ${SERVER_TOKEN}`);
      expect(headers.get('accept')).toBe(clientHeaders.accept);
      const names = [...headers.keys()];
      expect(names.filter((name) => !['accept', 'authorization', 'content-type'].includes(name))).toEqual([]);
    }
    expect(received[0]?.headers.has('content-type')).toBe(false);
  });

  it('does not forward a header the client’s Connection header names as hop-by-hop', async () => {
    await proxy(
      new Request(appUrl(`/api/v1/query/wait${jobIdsQuery(['a'])}`), {
        headers: { accept: 'application/json', connection: 'close, Accept' },
      }),
    );

    expect(received[0]?.headers.has('accept')).toBe(false);
    expect(received[0]?.headers.get('authorization')).toBe(`Bearer ${SERVER_TOKEN}`);
  });

  it('sends to baseUrl whatever host or scheme the incoming request names', async () => {
    const response = await proxy(
      new Request(`http://evil.example:8080${BASE_PATH}/api/v1/query/wait${jobIdsQuery(['a'])}`, {
        headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example' },
      }),
    );

    expect(response.status).toBe(200);
    expect(received.map(({ url }) => url.origin)).toEqual([OMNI]);
  });

  it('keeps a path prefix of baseUrl and ignores its trailing slash', async () => {
    server.use(
      http.get('https://gateway.test/omni/api/v1/query/wait', () =>
        HttpResponse.json({ remaining_job_ids: [], timed_out: false }),
      ),
    );
    const behindGateway = createOmniProxy({
      ...PLAIN_FORWARDING,
      baseUrl: 'https://gateway.test/omni/',
      token: SERVER_TOKEN,
      basePath: BASE_PATH,
    });

    const response = await behindGateway(new Request(appUrl(`/api/v1/query/wait${jobIdsQuery(['a'])}`)));

    expect(response.status).toBe(200);
    expect(received[0]?.url.pathname).toBe('/omni/api/v1/query/wait');
  });

  it('serves Omni’s own paths when no basePath is set', async () => {
    const atRoot = createOmniProxy({ ...PLAIN_FORWARDING, baseUrl: OMNI, token: SERVER_TOKEN });

    expect((await atRoot(new Request(`${APP}/api/v1/query/wait${jobIdsQuery(['a'])}`))).status).toBe(200);
    expect((await atRoot(new Request(appUrl(`/api/v1/query/wait${jobIdsQuery(['a'])}`)))).status).toBe(404);
  });

  it('calls a token function per request, so a rotated key is used at once', async () => {
    const tokens = ['omni_osk_FIRST', 'omni_osk_SECOND'];
    let calls = 0;
    const rotating = createOmniProxy({
      ...PLAIN_FORWARDING,
      baseUrl: OMNI,
      basePath: BASE_PATH,
      token: async () => tokens[calls++]!,
    });

    await rotating(new Request(appUrl(`/api/v1/query/wait${jobIdsQuery(['a'])}`)));
    await rotating(new Request(appUrl(`/api/v1/query/wait${jobIdsQuery(['a'])}`)));

    expect(received.map(({ headers }) => headers.get('authorization'))).toEqual([
      'Bearer omni_osk_FIRST',
      'Bearer omni_osk_SECOND',
    ]);
  });

  it('uses the fetch given in the options', async () => {
    const seen: string[] = [];
    const custom = createOmniProxy({
      ...PLAIN_FORWARDING,
      baseUrl: OMNI,
      basePath: BASE_PATH,
      token: SERVER_TOKEN,
      fetch: (input, init) => {
        seen.push(String(input));
        return fetch(input, init);
      },
    });

    await custom(new Request(appUrl(`/api/v1/query/wait${jobIdsQuery(['a'])}`)));

    expect(seen).toEqual([`${WAIT_URL}${jobIdsQuery(['a'])}`]);
    expect(received).toHaveLength(1);
  });
});

describe('createOmniProxy response pass-through', () => {
  it('passes status, body and only safe headers; never cookies; always no-store', async () => {
    server.use(
      http.get(
        WAIT_URL,
        () =>
          new HttpResponse('{"error":{"code":429,"message":"Too many requests"}}', {
            status: 429,
            headers: [
              ['content-type', 'application/json'],
              ['retry-after', '7'],
              ['cache-control', 'public, max-age=600'],
              ['set-cookie', 'omni_session=1; HttpOnly'],
              ['set-cookie', 'other=2'],
              ['server', 'omni-gateway/1.2'],
              ['x-powered-by', 'internal'],
              ['access-control-allow-origin', '*'],
              ['content-encoding', 'identity'],
              ['x-request-id', 'req-1'],
            ],
          }),
      ),
    );

    const response = await proxy(new Request(appUrl(`/api/v1/query/wait${jobIdsQuery(['a'])}`)));

    expect(response.status).toBe(429);
    expect(await response.text()).toBe('{"error":{"code":429,"message":"Too many requests"}}');
    expect(Object.fromEntries(response.headers)).toEqual({
      'content-type': 'application/json',
      'retry-after': '7',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      // How the gateway served it: sent upstream.
      'x-omni-proxy-cache': 'miss',
    });
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it('serves an upstream HTML error page as plain text, status kept', async () => {
    const page = '<html><body><h1>502 Bad Gateway</h1><script>alert(1)</script></body></html>';
    server.use(http.get(WAIT_URL, () => new HttpResponse(page, { status: 502, headers: { 'content-type': 'text/html' } })));

    const response = await proxy(new Request(appUrl(`/api/v1/query/wait${jobIdsQuery(['a'])}`)));

    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await response.text()).toBe(page);
  });

  it.each([
    ['text/ndjson', 'text/ndjson'],
    ['application/x-ndjson', 'application/x-ndjson'],
    ['application/json; charset=utf-8', 'application/json; charset=utf-8'],
    ['application/problem+json', 'application/problem+json'],
    ['text/plain', 'text/plain'],
    ['image/svg+xml', 'text/plain; charset=utf-8'],
    ['application/xhtml+xml', 'text/plain; charset=utf-8'],
    ['text/javascript', 'text/plain; charset=utf-8'],
  ])('passes Content-Type %s as %s', async (upstreamType, expected) => {
    server.use(http.get(WAIT_URL, () => new HttpResponse('x', { headers: { 'content-type': upstreamType } })));

    const response = await proxy(new Request(appUrl(`/api/v1/query/wait${jobIdsQuery(['a'])}`)));

    expect(response.headers.get('content-type')).toBe(expected);
  });

  it('answers a body-less status without a body', async () => {
    server.use(http.get(WAIT_URL, () => new HttpResponse(null, { status: 204 })));

    const response = await proxy(new Request(appUrl(`/api/v1/query/wait${jobIdsQuery(['a'])}`)));

    expect(response.status).toBe(204);
    expect(response.body).toBeNull();
  });

  it('passes a JSON single-object answer as it came', async () => {
    const answer = { job_id: 'a', status: 'COMPLETE', result: 'QVJST1cx', timed_out: false };
    server.use(http.get(WAIT_URL, () => HttpResponse.json(answer)));

    const response = await proxy(new Request(appUrl(`/api/v1/query/wait${jobIdsQuery(['a'])}`)));

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(answer);
  });
});
