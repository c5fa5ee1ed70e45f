import { QueryClient } from '@tanstack/react-query';
import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import {
  createOmniClient,
  decodeResult,
  omniQueryOptions,
  useOmniQuery,
  useSuspenseOmniQuery,
  type OmniError,
  type OmniQuery,
  type Row,
} from '../../src/index.js';

const schema = z.object({
  'products.brand': z.string(),
  'order_items.count': z.bigint(),
  'order_items.total': z.number().nullable(),
  'orders.created_at': z.date().transform((date) => date.getTime()),
});
type Expected = {
  'products.brand': string;
  'order_items.count': bigint;
  'order_items.total': number | null;
  'orders.created_at': number;
};
const client = createOmniClient({ baseUrl: '/api/omni' });
const query: OmniQuery = { modelId: 'm', table: 'order_items', fields: ['products.brand'] };

describe('typed rows: inference', () => {
  it("decodeResult types rows as the schema's output, and as Row without one", () => {
    expectTypeOf(decodeResult('', { rows: schema }).rows).toEqualTypeOf<Expected[]>();
    expectTypeOf(decodeResult('', { int64: 'bigint', rows: schema }).rows).toEqualTypeOf<Expected[]>();
    expectTypeOf(decodeResult('').rows).toEqualTypeOf<Row[]>();
  });

  it('omniQueryOptions types the fetched data, and leaves the untyped options as they were', async () => {
    const queryClient = new QueryClient();
    const typed = await queryClient.fetchQuery(omniQueryOptions(client, query, { rows: schema }));
    expectTypeOf(typed.rows).toEqualTypeOf<Expected[]>();
    expectTypeOf(typed.jobId).toEqualTypeOf<string>();
    const plain = await queryClient.fetchQuery(omniQueryOptions(client, query));
    expectTypeOf(plain.rows).toEqualTypeOf<Row[]>();
  });

  it('refuses a rows option that is not a zod object schema', () => {
    // @ts-expect-error a rows schema is a z.object keyed by field name
    decodeResult('', { rows: z.string() });
    // @ts-expect-error a rows schema is a z.object keyed by field name
    omniQueryOptions(client, query, { rows: z.array(z.number()) });
  });

  it('useOmniQuery types rows by the schema and still narrows on status', () => {
    function useTile() {
      const result = useOmniQuery(query, { rows: schema });
      expectTypeOf(result.rows).toEqualTypeOf<Expected[]>();
      if (result.status === 'error') expectTypeOf(result.error).toEqualTypeOf<OmniError>();
      if (result.status === 'success') expectTypeOf(result.jobId).toEqualTypeOf<string>();
      const plain = useOmniQuery(query);
      expectTypeOf(plain.rows).toEqualTypeOf<Row[]>();
      const idle = useOmniQuery(null, { rows: schema });
      expectTypeOf(idle.rows).toEqualTypeOf<Expected[]>();
    }
    expectTypeOf(useTile).toBeFunction();
  });

  it('useSuspenseOmniQuery types rows by the schema', () => {
    function useTile() {
      expectTypeOf(useSuspenseOmniQuery(query, { rows: schema }).rows).toEqualTypeOf<Expected[]>();
      expectTypeOf(useSuspenseOmniQuery(query).rows).toEqualTypeOf<Row[]>();
    }
    expectTypeOf(useTile).toBeFunction();
  });
});
