import { describe, expect, it } from 'vitest';
import { startOmniProxy, type OmniProxyEnv } from '../../scripts/omni-proxy.js';
import { OMNI, RUN_URL, SERVER_TOKEN, jobIdsQuery, setupOmniUpstream } from './omniUpstream.js';

const { received } = setupOmniUpstream();

async function refusal(env: OmniProxyEnv): Promise<Error> {
  try {
    const running = await startOmniProxy(env);
    await running.close();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected startOmniProxy to refuse');
}

describe('scripts/omni-proxy.ts', () => {
  it.each([
    ['no variables', {}, /OMNI_BASE_URL and OMNI_API_KEY must be set/],
    ['no key', { OMNI_BASE_URL: OMNI }, /^OMNI_API_KEY must be set/],
    ['a blank key', { OMNI_BASE_URL: OMNI, OMNI_API_KEY: '  ' }, /^OMNI_API_KEY must be set/],
    ['no base URL', { OMNI_API_KEY: SERVER_TOKEN }, /^OMNI_BASE_URL must be set/],
    ['a base URL over plain http', { OMNI_BASE_URL: 'http://acme.omniapp.co', OMNI_API_KEY: SERVER_TOKEN }, /https/],
    [
      'a port that is not a number',
      { OMNI_BASE_URL: OMNI, OMNI_API_KEY: SERVER_TOKEN, OMNI_PROXY_PORT: 'eighty' },
      /OMNI_PROXY_PORT/,
    ],
    [
      'an origin that is not one',
      { OMNI_BASE_URL: OMNI, OMNI_API_KEY: SERVER_TOKEN, OMNI_PROXY_ORIGINS: 'localhost:6006' },
      /cors.origins/,
    ],
  ])('refuses to start with %s, without quoting the key', async (_name, env, message) => {
    const error = await refusal({ OMNI_PROXY_PORT: '0', ...env });

    expect(error.message).toMatch(message);
    expect(error.message).not.toContain(SERVER_TOKEN);
  });

  it('serves the proxy at /api/omni on 127.0.0.1, adding the key from the environment', async () => {
    const running = await startOmniProxy({ OMNI_BASE_URL: OMNI, OMNI_API_KEY: SERVER_TOKEN, OMNI_PROXY_PORT: '0' });
    try {
      expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/omni$/);

      const response = await fetch(`${running.url}/api/v1/query/run`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: { modelId: 'm-1', table: 'order_items', fields: ['order_items.count'] } }),
      });
      // The gateway binds job ids to what it issued: an id it never issued is a 404, sent nowhere.
      const unknown = await fetch(`${running.url}/api/v1/query/wait${jobIdsQuery(['a'])}`);

      expect(response.status).toBe(200);
      expect(await response.text()).toContain('"jobs_submitted"');
      expect(unknown.status).toBe(404);
      expect(received).toHaveLength(1);
      expect(received[0]!.url.origin + received[0]!.url.pathname).toBe(RUN_URL);
      expect(received[0]!.headers.get('authorization')).toBe(`Bearer ${SERVER_TOKEN}`);
    } finally {
      await running.close();
    }
  });

  it('forwards a document’s queries over real HTTP and refuses an identifier with an encoded slash', async () => {
    const running = await startOmniProxy({ OMNI_BASE_URL: OMNI, OMNI_API_KEY: SERVER_TOKEN, OMNI_PROXY_PORT: '0' });
    try {
      const listed = await fetch(`${running.url}/api/v1/documents/sales%20board/queries`);
      const refused = await fetch(`${running.url}/api/v1/documents/..%2F..%2Fadmin/queries`);

      expect(listed.status).toBe(200);
      expect(((await listed.json()) as { queries: unknown[] }).queries).toHaveLength(1);
      expect(refused.status).toBe(400);
      expect(received.map(({ url }) => url.href)).toEqual([`${OMNI}/api/v1/documents/sales%20board/queries`]);
    } finally {
      await running.close();
    }
  });

  it('allows the origins listed in OMNI_PROXY_ORIGINS', async () => {
    const running = await startOmniProxy({
      OMNI_BASE_URL: OMNI,
      OMNI_API_KEY: SERVER_TOKEN,
      OMNI_PROXY_PORT: '0',
      OMNI_PROXY_ORIGINS: 'http://localhost:6006, https://storybook.example.com',
    });
    try {
      const response = await fetch(`${running.url}/api/v1/query/run`, {
        method: 'OPTIONS',
        headers: { origin: 'http://localhost:6006', 'access-control-request-method': 'POST' },
      });

      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:6006');
    } finally {
      await running.close();
    }
  });
});
