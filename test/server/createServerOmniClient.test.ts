import { describe, expect, it } from 'vitest';
import { createOmniClient, omniQueryOptions, runQueryKey } from '../../src/index.js';
import { createOmniProxy, createServerOmniClient, type OmniProxyCall } from '../../src/server.js';
import { BASE_PATH, OMNI, SERVER_TOKEN, setupOmniUpstream } from './omniUpstream.js';

const { received } = setupOmniUpstream();

function proxySeeing(seen: { request: Request; call: OmniProxyCall }[], basePath = BASE_PATH) {
  return createOmniProxy({
    baseUrl: OMNI,
    token: SERVER_TOKEN,
    basePath,
    // These tests wait for ids they never ran: let the proxy forward them (authorize still decides).
    foreignJobIds: 'forward',
    authorize: (request, call) => {
      seen.push({ request, call });
      return request.headers.get('cookie') === 'session=alice';
    },
  });
}

const query = { modelId: 'm-1', table: 'orders', fields: ['orders.count'] };

describe('createServerOmniClient', () => {
  it('calls the proxy in-process with the page request’s headers, through authorize', async () => {
    const seen: { request: Request; call: OmniProxyCall }[] = [];
    const client = createServerOmniClient(proxySeeing(seen), {
      headers: new Headers({ cookie: 'session=alice', host: 'dash.example.com', 'x-forwarded-proto': 'https' }),
    });

    const answer = await client.run({ query });

    expect(answer.jobs.map((job) => job.jobId)).toEqual(['j1']);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.call.endpoint).toBe('run');
    expect(seen[0]!.request.url).toBe('https://dash.example.com/api/omni/api/v1/query/run');
    // Omni got the server's token, and nothing of the page request.
    expect(received.map(({ url }) => url.href)).toEqual([`${OMNI}/api/v1/query/run`]);
    expect(received[0]!.headers.get('authorization')).toBe(`Bearer ${SERVER_TOKEN}`);
    expect(received[0]!.headers.get('cookie')).toBeNull();
  });

  it('is refused like a browser without the session cookie', async () => {
    const client = createServerOmniClient(proxySeeing([]), { headers: { cookie: 'session=mallory' } });

    await expect(client.wait(['j1'])).rejects.toMatchObject({ kind: 'http', status: 403 });
    expect(received).toEqual([]);
  });

  it('passes on only what a browser would send: no host, content-length, body or hop-by-hop headers', async () => {
    const seen: { request: Request; call: OmniProxyCall }[] = [];
    const client = createServerOmniClient(proxySeeing(seen), {
      headers: {
        cookie: 'session=alice',
        host: 'dash.example.com',
        'content-length': '1234',
        'content-type': 'text/html',
        connection: 'keep-alive, x-private-hop',
        'keep-alive': 'timeout=5',
        'transfer-encoding': 'chunked',
        upgrade: 'h2c',
        te: 'trailers',
        'proxy-authorization': 'Basic abc',
        'x-private-hop': 'hop',
        'accept-language': 'de',
        'x-csrf': ['a', 'b'],
        'x-absent': undefined,
      },
    });

    await client.wait(['j1']);

    const headers = seen[0]!.request.headers;
    expect(Object.fromEntries(headers)).toEqual({
      accept: 'application/x-ndjson, application/json',
      'accept-language': 'de',
      cookie: 'session=alice',
      'x-csrf': 'a, b',
    });
    expect(seen[0]!.request.url).toMatch(/^http:\/\/dash\.example\.com\/api\/omni\/api\/v1\/query\/wait\?job_ids=/);
  });

  it('has the key of the browser client pointed at the proxy, so prefetched entries meet', () => {
    for (const basePath of ['/api/omni', '/api/omni/', '/x']) {
      const proxy = proxySeeing([], basePath);
      const server = createServerOmniClient(proxy, { headers: { cookie: 'session=alice' } });
      const browser = createOmniClient({ baseUrl: basePath });

      expect(server.key).toBe(browser.key);
      expect(omniQueryOptions(server, query).queryKey).toEqual(omniQueryOptions(browser, query).queryKey);
      expect(runQueryKey(server, query)).toEqual(runQueryKey(browser, query));
      expect(JSON.stringify(omniQueryOptions(server, query).queryKey)).not.toContain(SERVER_TOKEN);
    }
  });

  it('refuses a handler that is not the proxy’s', () => {
    expect(() => createServerOmniClient((async () => new Response()) as never)).toThrow(/createOmniProxy/);
  });
});
