import { describe, expect, it } from 'vitest';
import { createOmniProxy, type OmniProxyErrorStage } from '../../src/server.js';
import { appUrl, BASE_PATH, OMNI, SERVER_TOKEN, jobIdsQuery, setupOmniUpstream } from './omniUpstream.js';

const { received } = setupOmniUpstream();

function recorder() {
  const calls: { error: unknown; stage: OmniProxyErrorStage }[] = [];
  return { calls, onError: (error: unknown, stage: OmniProxyErrorStage) => calls.push({ error, stage }) };
}

describe('a proxy created without its secrets (next build evaluates the module without them)', () => {
  it.each([
    ['baseUrl', { baseUrl: undefined, token: SERVER_TOKEN }, /`baseUrl` was undefined/],
    ['token', { baseUrl: OMNI, token: undefined }, /`token` was undefined/],
    ['both', { baseUrl: undefined, token: undefined }, /`baseUrl` and `token` were undefined/],
  ])('does not throw at creation with %s missing; every request answers 500 naming it', async (_name, secrets, named) => {
    const { calls, onError } = recorder();
    const proxy = createOmniProxy({ ...secrets, basePath: BASE_PATH, onError });

    const answers = await Promise.all([
      proxy(new Request(appUrl(`/api/v1/query/wait${jobIdsQuery(['j1'])}`))),
      proxy(
        new Request(appUrl('/api/v1/query/run'), {
          method: 'POST',
          body: '{"query":{}}',
          headers: { 'content-type': 'application/json' },
        }),
      ),
      proxy(new Request(appUrl('/somewhere/else'))),
    ]);

    for (const answer of answers) {
      expect(answer.status).toBe(500);
      expect(answer.headers.get('content-type')).toMatch(/application\/json/);
      const body = (await answer.json()) as { error: { code: number; message: string } };
      expect(body.error.code).toBe(500);
      expect(body.error.message).toMatch(named);
      expect(JSON.stringify(body)).not.toContain(SERVER_TOKEN);
      expect(JSON.stringify(body)).not.toContain(OMNI);
    }
    expect(calls.map(({ stage }) => stage)).toEqual(['config', 'config', 'config']);
    expect(String((calls[0]!.error as Error).message)).toMatch(named);
    expect(received).toEqual([]);
  });

  it('still knows where it is mounted', () => {
    expect(createOmniProxy({ baseUrl: undefined, token: undefined, basePath: '/api/omni/' }).basePath).toBe('/api/omni');
    expect(createOmniProxy({ baseUrl: undefined, token: undefined }).basePath).toBe('');
  });

  it.each([
    ['an empty baseUrl', { baseUrl: '', token: SERVER_TOKEN }],
    ['an ftp: baseUrl', { baseUrl: 'ftp://acme.omniapp.co', token: SERVER_TOKEN }],
    ['an empty token', { baseUrl: OMNI, token: '' }],
    ['a null token', { baseUrl: OMNI, token: null }],
    ['a null baseUrl', { baseUrl: null, token: SERVER_TOKEN }],
    ['a malformed baseUrl while the token is missing', { baseUrl: 'ftp://x', token: undefined }],
  ])('still throws at creation for %s', (_name, options) => {
    expect(() => createOmniProxy(options as never)).toThrow(TypeError);
  });

  it('forwards once both are given, as before', async () => {
    const proxy = createOmniProxy({ baseUrl: OMNI, token: SERVER_TOKEN, basePath: BASE_PATH, foreignJobIds: 'forward' });

    const answer = await proxy(new Request(appUrl(`/api/v1/query/wait${jobIdsQuery(['j1'])}`)));

    expect(answer.status).toBe(200);
    expect(received).toHaveLength(1);
  });
});
