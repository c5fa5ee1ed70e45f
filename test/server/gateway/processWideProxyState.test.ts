import { describe, expect, it } from 'vitest';
import { createOmniProxy, type OmniProxyOptions } from '../../../src/server.js';
import { APP, OMNI, SERVER_TOKEN, setupOmniUpstream } from '../omniUpstream.js';

// Next.js loads the module that creates the proxy twice (route handler, server components): two
// `createOmniProxy` calls with the same options stand for those two copies here.
const { received } = setupOmniUpstream();

let mount = 0;
/** Options of one "deployment": a base path of its own, so tests in this file never meet. */
function deployment(extra: Partial<OmniProxyOptions> = {}) {
  mount += 1;
  const basePath = `/api/omni-${mount}`;
  const options = {
    baseUrl: OMNI,
    token: SERVER_TOKEN,
    basePath,
    rateLimit: { requests: 1, intervalMs: 60_000, maxQueue: 0 },
    ...extra,
  } satisfies OmniProxyOptions;
  const run = (id: string) =>
    new Request(`${APP}${basePath}/api/v1/query/run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: { modelId: 'm', table: 't', fields: [id] } }),
    });
  return { options, run };
}

describe('one state per process and options', () => {
  it('keeps one budget for two proxies created with the same options', async () => {
    const { options, run } = deployment();
    const routeHandler = createOmniProxy(options);
    const serverComponents = createOmniProxy({ ...options, token: SERVER_TOKEN });

    const first = await routeHandler(run('a'));
    await first.text();
    const second = await serverComponents(run('b'));

    expect(first.status).toBe(200);
    expect(second.status).toBe(429);
    expect(received.filter((request) => request.method === 'POST')).toHaveLength(1);
  });

  it('counts a token function as the same token, whatever its identity', async () => {
    const { options, run } = deployment();
    const one = createOmniProxy({ ...options, token: () => SERVER_TOKEN });
    const other = createOmniProxy({ ...options, token: () => SERVER_TOKEN });

    await (await one(run('a'))).text();

    expect((await other(run('b'))).status).toBe(429);
  });

  it('keeps separate budgets for different keys, and for different limits', async () => {
    const { options, run } = deployment();
    await (await createOmniProxy(options)(run('a'))).text();

    const otherKey = await createOmniProxy({ ...options, token: `${SERVER_TOKEN}-2` })(run('b'));
    const otherLimit = await createOmniProxy({ ...options, rateLimit: { requests: 2, intervalMs: 60_000, maxQueue: 0 } })(
      run('c'),
    );

    expect(otherKey.status).toBe(200);
    expect(otherLimit.status).toBe(200);
  });

  it('shares runs between the two copies: the query goes upstream once', async () => {
    const { options, run } = deployment({ rateLimit: false });
    const [one, other] = [createOmniProxy(options), createOmniProxy(options)];

    const [first, second] = await Promise.all([one(run('same')), other(run('same'))]);
    await Promise.all([first.text(), second.text()]);

    expect(received.filter((request) => request.method === 'POST')).toHaveLength(1);
    // The copy that came second joined the run in flight, or read its finished result: either way, shared.
    const served = [first.headers.get('x-omni-proxy-cache'), second.headers.get('x-omni-proxy-cache')];
    expect(served.filter((cache) => cache === 'miss')).toHaveLength(1);
    expect(served.filter((cache) => cache === 'shared' || cache === 'hit')).toHaveLength(1);
  });
});
