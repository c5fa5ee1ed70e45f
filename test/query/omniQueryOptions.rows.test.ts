import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createOmniClient } from '../../src/client/createOmniClient.js';
import { OmniError } from '../../src/errors/OmniError.js';
import { omniQueryOptions } from '../../src/query/omniQueryOptions.js';
import type { OmniQuery } from '../../src/query/omniQuerySchema.js';
import { createFakeOmni } from '../../src/testing/createFakeOmni.js';

const QUERY: OmniQuery = { modelId: 'm-1', table: 'order_items', fields: ['products.brand', 'order_items.count'] };
const rowsOf = (counts: (number | bigint)[]) => ({
  rows: counts.map((count, i) => ({ 'products.brand': `b${i}`, 'order_items.count': count })),
  fields: ['products.brand', { name: 'order_items.count', type: 'integer' as const }],
});

const queryClients: QueryClient[] = [];
afterEach(() => queryClients.splice(0).forEach((queryClient) => queryClient.clear()));

function setup(counts: (number | bigint)[]) {
  const omni = createFakeOmni({ runs: () => rowsOf(counts) });
  const client = createOmniClient({ baseUrl: omni.baseUrl, fetch: omni.fetch });
  const queryClient = new QueryClient();
  queryClients.push(queryClient);
  return { omni, client, queryClient };
}

describe('omniQueryOptions(client, query, { rows })', () => {
  it('resolves with the schema output as rows, and shares the run with the untyped result', async () => {
    const { omni, client, queryClient } = setup([3, 5]);
    const schema = z.object({ 'products.brand': z.string(), 'order_items.count': z.bigint() });
    const typed = await queryClient.fetchQuery(omniQueryOptions(client, QUERY, { rows: schema }));
    expect(typed.rows).toEqual([
      { 'products.brand': 'b0', 'order_items.count': 3n },
      { 'products.brand': 'b1', 'order_items.count': 5n },
    ]);
    expect(typed.numRows).toBe(2);
    expect(typed.columns['order_items.count']).toEqual([3, 5]);
    const plain = await queryClient.fetchQuery(omniQueryOptions(client, QUERY));
    expect(plain.rows[0]).toEqual({ 'products.brand': 'b0', 'order_items.count': 3 });
    expect(plain.jobId).toBe(typed.jobId);
    expect(omni.stats.runs).toBe(1);
  });

  it('rejects with a schema OmniError naming the field and the row', async () => {
    const { client, queryClient } = setup([3, 2n ** 60n]);
    const error = await queryClient
      .fetchQuery(omniQueryOptions(client, QUERY, { rows: z.object({ 'order_items.count': z.number() }) }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OmniError);
    expect((error as OmniError).kind).toBe('schema');
    expect((error as OmniError).message).toMatch(
      /^Row 1 of the result of job run-1 does not match the rows schema: field "order_items.count" expected number, got bigint 1152921504606846976n\. It is an int64 beyond 2\^53/,
    );
  });

  it('checks once: fetching again, or with a schema re-created the same way, runs no schema', async () => {
    const { client, queryClient } = setup([1, 2, 3]);
    // The check on the count takes the per-row path (one safeParse per row), which this test counts.
    const make = () => z.object({ 'order_items.count': z.number().int() });
    const first = make();
    const parse = vi.spyOn(first, 'safeParse');
    await queryClient.fetchQuery(omniQueryOptions(client, QUERY, { rows: first }));
    expect(parse).toHaveBeenCalledTimes(3);
    const again = make();
    const parseAgain = vi.spyOn(again, 'safeParse');
    expect(omniQueryOptions(client, QUERY, { rows: again }).queryKey).toEqual(
      omniQueryOptions(client, QUERY, { rows: first }).queryKey,
    );
    await queryClient.fetchQuery(omniQueryOptions(client, QUERY, { rows: again }));
    await queryClient.fetchQuery(omniQueryOptions(client, QUERY, { rows: first }));
    expect(parse).toHaveBeenCalledTimes(3);
    expect(parseAgain).not.toHaveBeenCalled();
  });

  it('keys a different schema apart, and never puts the token in the key', () => {
    const client = createOmniClient({ baseUrl: 'https://acme.omniapp.co', token: 'omni_osk_secret' });
    const numbers = omniQueryOptions(client, QUERY, { rows: z.object({ 'order_items.count': z.number() }) });
    const bigints = omniQueryOptions(client, QUERY, { rows: z.object({ 'order_items.count': z.bigint().nullable() }) });
    expect(numbers.queryKey.at(-1)).toEqual({ rows: { 'order_items.count': 'number' } });
    expect(bigints.queryKey.at(-1)).toEqual({ rows: { 'order_items.count': 'nullable(bigint)' } });
    expect(JSON.stringify([numbers.queryKey, bigints.queryKey])).not.toContain('omni_osk_secret');
  });
});
