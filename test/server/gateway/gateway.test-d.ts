import { describe, expectTypeOf, it } from 'vitest';
import {
  createMemoryStore,
  type GatewayStore,
  type OmniProxyErrorStage,
  type OmniProxyOptions,
  type OmniProxyShare,
} from '../../../src/server.js';

describe('gateway types', () => {
  it('createMemoryStore gives a GatewayStore', () => {
    expectTypeOf(createMemoryStore()).toEqualTypeOf<GatewayStore>();
    expectTypeOf(createMemoryStore).parameter(0).toEqualTypeOf<{ maxBytes?: number } | undefined>();
  });

  it('types the gateway options', () => {
    expectTypeOf<OmniProxyOptions['share']>().toEqualTypeOf<OmniProxyShare | false | undefined>();
    expectTypeOf<OmniProxyOptions['foreignJobIds']>().toEqualTypeOf<'refuse' | 'forward' | undefined>();
    expectTypeOf<{
      baseUrl: string;
      token: string;
      partition: (request: Request) => Promise<string>;
    }>().toExtend<OmniProxyOptions>();
    expectTypeOf<{ baseUrl: string; token: string; partition: (request: Request) => number }>().not.toExtend<OmniProxyOptions>();
    expectTypeOf<'store' | 'config'>().toExtend<OmniProxyErrorStage>();
  });
});
