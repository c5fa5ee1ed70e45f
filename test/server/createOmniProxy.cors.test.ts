import { describe, expect, it } from 'vitest';
import { createOmniProxy, type OmniProxyOptions } from '../../src/server.js';
import { BASE_PATH, OMNI, SERVER_TOKEN, appUrl, jobIdsQuery, setupOmniUpstream } from './omniUpstream.js';
import { PLAIN_FORWARDING } from './omniUpstream.js';

const { received } = setupOmniUpstream();

const DASHBOARDS = 'https://dashboards.example.com';
const OTHER = 'https://evil.example';

function proxyWith(options: Partial<OmniProxyOptions> = {}) {
  return createOmniProxy({ ...PLAIN_FORWARDING, baseUrl: OMNI, token: SERVER_TOKEN, basePath: BASE_PATH, ...options });
}

const waitUrl = appUrl(`/api/v1/query/wait${jobIdsQuery(['a'])}`);
const documentUrl = appUrl('/api/v1/documents/sales/queries');

function preflight(url: string, origin: string | null, method = 'POST', requestHeaders?: string): Request {
  const headers = new Headers({ 'access-control-request-method': method });
  if (origin !== null) headers.set('origin', origin);
  if (requestHeaders !== undefined) headers.set('access-control-request-headers', requestHeaders);
  return new Request(url, { method: 'OPTIONS', headers });
}

function corsHeaders(response: Response): Record<string, string> {
  return Object.fromEntries([...response.headers].filter(([name]) => name.startsWith('access-control-')));
}

describe('createOmniProxy without cors', () => {
  it('answers a preflight 405 with no CORS header, and real answers carry none either', async () => {
    const proxy = proxyWith();

    const refused = await proxy(preflight(appUrl('/api/v1/query/run'), DASHBOARDS, 'POST', 'content-type'));
    const answer = await proxy(new Request(waitUrl, { headers: { origin: DASHBOARDS } }));

    expect(refused.status).toBe(405);
    expect(corsHeaders(refused)).toEqual({});
    expect(answer.status).toBe(200);
    expect(corsHeaders(answer)).toEqual({});
    expect(answer.headers.get('vary')).toBeNull();
    expect(received).toHaveLength(1);
  });
});

describe('createOmniProxy with cors', () => {
  const proxy = proxyWith({ cors: { origins: [DASHBOARDS, 'http://localhost:6006'] } });

  it.each([
    ['run', appUrl('/api/v1/query/run'), 'POST'],
    ['wait', waitUrl, 'GET'],
    ['document queries', documentUrl, 'GET'],
  ])('grants a preflight for %s to a listed origin, echoing the requested headers', async (_name, url, method) => {
    const response = await proxy(preflight(url, DASHBOARDS, method, 'Content-Type, X-CSRF-Token'));

    expect(response.status).toBe(204);
    expect(corsHeaders(response)).toEqual({
      'access-control-allow-origin': DASHBOARDS,
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': 'content-type, x-csrf-token',
      'access-control-max-age': '600',
    });
    expect(response.headers.get('vary')).toBe('Origin, Access-Control-Request-Headers');
    expect(await response.text()).toBe('');
    expect(received).toEqual([]);
  });

  it('grants each listed origin its own name, never *', async () => {
    const response = await proxy(preflight(waitUrl, 'http://localhost:6006', 'GET'));

    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:6006');
    expect(response.headers.get('access-control-allow-headers')).toBeNull();
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it.each([
    ['an origin not listed', OTHER],
    ['a listed host on another scheme', 'http://dashboards.example.com'],
    ['a listed host on another port', 'https://dashboards.example.com:8443'],
    ['a subdomain of a listed origin', 'https://x.dashboards.example.com'],
    ['a listed origin with a trailing slash', `${DASHBOARDS}/`],
    ['the opaque origin null', 'null'],
    ['no Origin header', null],
  ])('refuses a preflight from %s with 403 and no CORS header', async (_name, origin) => {
    const response = await proxy(preflight(appUrl('/api/v1/query/run'), origin, 'POST', 'content-type'));

    expect(response.status).toBe(403);
    expect(corsHeaders(response)).toEqual({});
    expect(response.headers.get('vary')).toContain('Origin');
    expect(((await response.json()) as { error: { code: number } }).error.code).toBe(403);
    expect(received).toEqual([]);
  });

  it('answers a preflight for a path it does not serve 404, without a grant', async () => {
    const response = await proxy(preflight(appUrl('/api/v1/users'), DASHBOARDS));

    expect(response.status).toBe(404);
    expect(response.headers.get('access-control-allow-methods')).toBeNull();
  });

  it('drops requested header names that are not header names', async () => {
    const response = await proxy(preflight(waitUrl, DASHBOARDS, 'GET', 'x-ok, bad header, x(y)'));

    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-headers')).toBeNull();
  });

  it('lets a listed origin read a forwarded answer, with Retry-After exposed', async () => {
    const response = await proxy(new Request(waitUrl, { headers: { origin: DASHBOARDS } }));

    expect(response.status).toBe(200);
    expect(corsHeaders(response)).toEqual({
      'access-control-allow-origin': DASHBOARDS,
      'access-control-expose-headers': 'Retry-After',
    });
    expect(response.headers.get('vary')).toBe('Origin');
    expect(response.headers.get('content-type')).toBe('text/ndjson');
    expect(received).toHaveLength(1);
    expect(received[0]!.headers.get('origin')).toBeNull();
  });

  it('lets a listed origin read the proxy’s own errors too', async () => {
    const response = await proxy(new Request(appUrl('/api/v1/query/wait'), { headers: { origin: DASHBOARDS } }));

    expect(response.status).toBe(400);
    expect(response.headers.get('access-control-allow-origin')).toBe(DASHBOARDS);
  });

  it('gives other origins (and same-origin requests without Origin) no grant, only Vary', async () => {
    const foreign = await proxy(new Request(waitUrl, { headers: { origin: OTHER } }));
    const sameOrigin = await proxy(new Request(waitUrl));

    for (const response of [foreign, sameOrigin]) {
      expect(response.status).toBe(200);
      expect(corsHeaders(response)).toEqual({});
      expect(response.headers.get('vary')).toBe('Origin');
    }
  });

  it('adds the grant to a Response from authorize, even one with immutable headers', async () => {
    const guarded = proxyWith({
      cors: { origins: [DASHBOARDS] },
      authorize: () => Response.redirect('https://app.test/login', 302),
    });

    const response = await guarded(new Request(waitUrl, { headers: { origin: DASHBOARDS } }));

    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('https://app.test/login');
    expect(response.headers.get('access-control-allow-origin')).toBe(DASHBOARDS);
    expect(received).toEqual([]);
  });

  it('allows credentials only when asked to', async () => {
    const withCredentials = proxyWith({ cors: { origins: [DASHBOARDS], credentials: true } });

    const granted = await withCredentials(preflight(waitUrl, DASHBOARDS, 'GET'));
    const answer = await withCredentials(new Request(waitUrl, { headers: { origin: DASHBOARDS } }));
    const foreign = await withCredentials(new Request(waitUrl, { headers: { origin: OTHER } }));

    expect(granted.headers.get('access-control-allow-credentials')).toBe('true');
    expect(granted.headers.get('access-control-allow-origin')).toBe(DASHBOARDS);
    expect(answer.headers.get('access-control-allow-credentials')).toBe('true');
    expect(answer.headers.get('access-control-allow-origin')).toBe(DASHBOARDS);
    expect(corsHeaders(foreign)).toEqual({});
  });

  it('allows no origin with an empty list', async () => {
    const closed = proxyWith({ cors: { origins: [] } });

    expect((await closed(preflight(waitUrl, DASHBOARDS, 'GET'))).status).toBe(403);
  });
});

describe('cors option checks', () => {
  it.each([
    ['a wildcard', { origins: ['*'] }],
    ['a path', { origins: ['https://app.example.com/dashboards'] }],
    ['a trailing slash', { origins: ['https://app.example.com/'] }],
    ['a bare host', { origins: ['app.example.com'] }],
    ['upper case', { origins: ['https://App.example.com'] }],
    ['a default port written out', { origins: ['https://app.example.com:443'] }],
    ['null', { origins: ['null'] }],
    ['another scheme', { origins: ['file:///home'] }],
    ['a non-string', { origins: [42] }],
    ['origins that is a string', { origins: 'https://app.example.com' }],
    ['no origins', {}],
    ['credentials that is a string', { origins: [], credentials: 'yes' }],
    ['a string', 'https://app.example.com'],
  ])('throws a TypeError at creation for %s', (_name, cors) => {
    expect(() => proxyWith({ cors: cors as NonNullable<OmniProxyOptions['cors']> })).toThrow(TypeError);
  });
});
