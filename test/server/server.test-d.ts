import type { RequestListener } from 'node:http';
import { describe, expectTypeOf, it } from 'vitest';
import type { OmniClient } from '../../src/index.js';
import {
  createOmniProxy,
  createServerOmniClient,
  type ServerOmniClientOptions,
  toNodeHandler,
  DEFAULT_PROXY_RATE_LIMIT,
  type OmniProxyCall,
  type OmniProxyCors,
  type OmniProxyHandler,
  type OmniProxyOptions,
  type OmniProxyRateLimit,
} from '../../src/server.js';

describe('omni-query-hooks/server types', () => {
  it('createOmniProxy returns a plain Fetch handler', () => {
    expectTypeOf(createOmniProxy).parameter(0).toEqualTypeOf<OmniProxyOptions>();
    expectTypeOf(createOmniProxy).returns.toEqualTypeOf<OmniProxyHandler>();
    expectTypeOf<OmniProxyHandler>().toExtend<(request: Request) => Promise<Response>>();
    expectTypeOf<OmniProxyHandler['basePath']>().toEqualTypeOf<string>();
    // A Next.js route handler is called with (request, context): one parameter fits.
    expectTypeOf<OmniProxyHandler>().toExtend<
      (request: Request, context: { params: Promise<Record<string, string[]>> }) => Promise<Response>
    >();
  });

  it('requires baseUrl and token only; token may be a sync or async function', () => {
    expectTypeOf<{ baseUrl: string; token: string }>().toExtend<OmniProxyOptions>();
    expectTypeOf<{ baseUrl: string; token: () => Promise<string> }>().toExtend<OmniProxyOptions>();
    expectTypeOf<{ baseUrl: string; token: () => string }>().toExtend<OmniProxyOptions>();
    expectTypeOf<{ baseUrl: string }>().not.toExtend<OmniProxyOptions>();
    expectTypeOf<{ token: string }>().not.toExtend<OmniProxyOptions>();
    // process.env.X as it is, without `!`: an unset variable is answered at request time, not at build time.
    expectTypeOf<{ baseUrl: string | undefined; token: string | undefined }>().toExtend<OmniProxyOptions>();
  });

  it('authorize may answer a boolean or a Response, sync or async, and sees a discriminated call', () => {
    expectTypeOf<() => boolean>().toExtend<NonNullable<OmniProxyOptions['authorize']>>();
    expectTypeOf<() => Promise<Response>>().toExtend<NonNullable<OmniProxyOptions['authorize']>>();
    expectTypeOf<() => string>().not.toExtend<NonNullable<OmniProxyOptions['authorize']>>();
    expectTypeOf<Extract<OmniProxyCall, { endpoint: 'wait' }>['jobIds']>().toEqualTypeOf<readonly string[]>();
    expectTypeOf<Extract<OmniProxyCall, { endpoint: 'run' }>['body']>().toEqualTypeOf<Readonly<Record<string, unknown>>>();
  });

  it('authorize sees the document identifier of a documentQueries call', () => {
    expectTypeOf<Extract<OmniProxyCall, { endpoint: 'documentQueries' }>>().toEqualTypeOf<{
      endpoint: 'documentQueries';
      identifier: string;
    }>();
    expectTypeOf<OmniProxyCall['endpoint']>().toEqualTypeOf<'wait' | 'run' | 'documentQueries'>();
  });

  it('rateLimit is a budget with optional queue and patience, or false', () => {
    expectTypeOf<OmniProxyOptions['rateLimit']>().toEqualTypeOf<OmniProxyRateLimit | false | undefined>();
    expectTypeOf<{ requests: number; intervalMs: number }>().toExtend<OmniProxyRateLimit>();
    expectTypeOf<{ requests: number; intervalMs: number; maxQueue: number; maxWaitMs: number }>().toExtend<OmniProxyRateLimit>();
    expectTypeOf<{ requests: number }>().not.toExtend<OmniProxyRateLimit>();
    expectTypeOf<true>().not.toExtend<OmniProxyOptions['rateLimit']>();
    expectTypeOf(DEFAULT_PROXY_RATE_LIMIT).toExtend<Required<OmniProxyRateLimit>>();
  });

  it('cors lists origins, credentials optional', () => {
    expectTypeOf<OmniProxyOptions['cors']>().toEqualTypeOf<OmniProxyCors | undefined>();
    expectTypeOf<{ origins: string[] }>().toExtend<OmniProxyCors>();
    expectTypeOf<{ origins: readonly ['https://a.example']; credentials: true }>().toExtend<OmniProxyCors>();
    expectTypeOf<{ origins: string }>().not.toExtend<OmniProxyCors>();
    expectTypeOf<{ credentials: boolean }>().not.toExtend<OmniProxyCors>();
  });

  it('toNodeHandler plugs into http.createServer without Node types of its own', () => {
    const handler = toNodeHandler(createOmniProxy({ baseUrl: 'https://acme.omniapp.co', token: 't' }));
    expectTypeOf(handler).toExtend<RequestListener>();
  });
});

describe('createServerOmniClient types', () => {
  it('takes the proxy and the incoming headers as Headers or a record, and returns an OmniClient', () => {
    const proxy = createOmniProxy({ baseUrl: process.env.OMNI_BASE_URL, token: process.env.OMNI_API_KEY, basePath: '/api/omni' });
    expectTypeOf(createServerOmniClient(proxy, { headers: new Headers() })).toEqualTypeOf<OmniClient>();
    expectTypeOf(createServerOmniClient(proxy, { headers: { cookie: 'a=1', 'x-list': ['a', 'b'] } })).toEqualTypeOf<OmniClient>();
    expectTypeOf<ServerOmniClientOptions['headers']>().toExtend<Headers | Record<string, unknown> | undefined>();
    // Only a proxy handler: a bare function has no basePath to key the queries by.
    expectTypeOf<(request: Request) => Promise<Response>>().not.toExtend<Parameters<typeof createServerOmniClient>[0]>();
  });
});
