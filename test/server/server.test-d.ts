import type { RequestListener } from 'node:http';
import { describe, expectTypeOf, it } from 'vitest';
import {
  createOmniProxy,
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
    expectTypeOf<OmniProxyHandler>().toEqualTypeOf<(request: Request) => Promise<Response>>();
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
