import { describe, expect, it, vi } from 'vitest';
import { createOmniProxy, type OmniProxyCall, type OmniProxyOptions } from '../../src/server.js';
import { BASE_PATH, OMNI, SERVER_TOKEN, appUrl, jobIdsQuery, setupOmniUpstream } from './omniUpstream.js';
import { PLAIN_FORWARDING } from './omniUpstream.js';

const { received } = setupOmniUpstream();
const waitRequest = () =>
  new Request(appUrl(`/api/v1/query/wait${jobIdsQuery(['a', 'b'])}`), { headers: { cookie: 'session=s1' } });
const runBody = { query: { modelId: 'm-1', table: 'order_items', fields: ['order_items.count'] } };
const runRequest = () =>
  new Request(appUrl('/api/v1/query/run'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: 'session=s1' },
    body: JSON.stringify(runBody),
  });

function proxyWith(authorize: NonNullable<OmniProxyOptions['authorize']>, extra: Partial<OmniProxyOptions> = {}) {
  const token = vi.fn(async () => SERVER_TOKEN);
  return {
    proxy: createOmniProxy({ ...PLAIN_FORWARDING, baseUrl: OMNI, basePath: BASE_PATH, token, authorize, ...extra }),
    token,
  };
}

describe('createOmniProxy authorize hook', () => {
  it('forwards when it answers true, and sees the request and the parsed call', async () => {
    const calls: [string | null, OmniProxyCall][] = [];
    const { proxy } = proxyWith(async (request, call) => {
      calls.push([request.headers.get('cookie'), call]);
      return true;
    });

    expect((await proxy(waitRequest())).status).toBe(200);
    expect((await proxy(runRequest())).status).toBe(200);

    expect(calls).toEqual([
      ['session=s1', { endpoint: 'wait', jobIds: ['a', 'b'] }],
      ['session=s1', { endpoint: 'run', body: runBody }],
    ]);
    expect(received).toHaveLength(2);
  });

  it('answers 403 when it answers false, without reading the token or calling Omni', async () => {
    const { proxy, token } = proxyWith(() => false);

    const response = await proxy(waitRequest());

    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: { code: 403, message: 'Forbidden.' } });
    expect(token).not.toHaveBeenCalled();
    expect(received).toEqual([]);
  });

  it('can allow runs per model from the parsed body', async () => {
    const allowedModels = new Set(['m-2']);
    const modelOf = (call: OmniProxyCall) =>
      call.endpoint === 'run' ? (call.body['query'] as { modelId?: string }).modelId : undefined;
    const { proxy } = proxyWith((_request, call) => call.endpoint === 'wait' || allowedModels.has(modelOf(call) ?? ''));

    expect((await proxy(runRequest())).status).toBe(403);
    allowedModels.add('m-1');
    expect((await proxy(runRequest())).status).toBe(200);
    expect(received).toHaveLength(1);
  });

  it('returns a Response it answers as is', async () => {
    const login = new Response('please log in', { status: 401, headers: { 'www-authenticate': 'Session' } });
    const { proxy, token } = proxyWith(async () => login);

    const response = await proxy(runRequest());

    expect(response).toBe(login);
    expect(token).not.toHaveBeenCalled();
    expect(received).toEqual([]);
  });

  it.each([
    ['undefined', undefined],
    ['a truthy string', 'yes'],
    ['1', 1],
    ['an object', { ok: true }],
  ])('fails closed on %s', async (_name, verdict) => {
    const { proxy } = proxyWith(() => verdict as unknown as boolean);

    expect((await proxy(waitRequest())).status).toBe(403);
    expect(received).toEqual([]);
  });

  it.each([
    [
      'throws',
      () => {
        throw new Error('session store down: redis://admin:hunter2@10.0.0.5');
      },
    ],
    ['rejects', () => Promise.reject(new Error('session store down: redis://admin:hunter2@10.0.0.5'))],
  ])('answers a generic 500 when it %s, and hands the error to onError only', async (_name, authorize) => {
    const onError = vi.fn();
    const { proxy, token } = proxyWith(authorize, { onError });

    const response = await proxy(waitRequest());

    expect(response.status).toBe(500);
    const body = await response.text();
    expect(body).not.toContain('hunter2');
    expect(JSON.parse(body)).toEqual({ error: { code: 500, message: 'The request could not be authorized.' } });
    expect(onError).toHaveBeenCalledExactlyOnceWith(
      expect.objectContaining({ message: expect.stringContaining('hunter2') }),
      'authorize',
    );
    expect(token).not.toHaveBeenCalled();
    expect(received).toEqual([]);
  });

  it('is not called for requests the proxy rejects anyway', async () => {
    const authorize = vi.fn(() => true);
    const { proxy } = proxyWith(authorize);

    await proxy(new Request(appUrl('/api/v1/documents')));
    await proxy(new Request(appUrl('/api/v1/query/run')));
    await proxy(new Request(appUrl('/api/v1/query/wait?job_ids=oops')));

    expect(authorize).not.toHaveBeenCalled();
  });
});
