// Node, no `location`: what a server render of a tile that was not prefetched meets.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { PassThrough } from 'node:stream';
import { createElement, Suspense } from 'react';
import { renderToPipeableStream } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createOmniClient, isOmniError, OmniProvider, useSuspenseOmniQuery } from '../../src/index.js';

const query = { modelId: 'm-1', table: 'orders', fields: ['orders.count'] };
const fixNamed = /Prefetch this query on the server.*createServerOmniClient.*or render this component on the client only/;

describe('a relative baseUrl on the server', () => {
  it('rejects with an OmniError naming the fix instead of "Failed to parse URL"', async () => {
    const client = createOmniClient({ baseUrl: '/api/omni' });

    const error = await client.run({ query }).catch((caught: unknown) => caught);

    expect(isOmniError(error, 'network')).toBe(true);
    expect((error as Error).message).toMatch(/POST \/api\/omni\/api\/v1\/query\/run/);
    expect((error as Error).message).toMatch(fixNamed);
    expect((error as Error).message).not.toMatch(/parse URL/);
  });

  it('is not in the way of a client given its own fetch (the server client’s, a test’s)', async () => {
    const seen: string[] = [];
    const client = createOmniClient({
      baseUrl: '/api/omni',
      rateLimit: false,
      fetch: async (input) => {
        seen.push(String(input));
        return new Response(JSON.stringify({ remaining_job_ids: [], timed_out: 'false' }), { status: 200 });
      },
    });

    await client.wait(['j1']);

    expect(seen).toEqual([`/api/omni/api/v1/query/wait?job_ids=${encodeURIComponent('["j1"]')}`]);
  });

  it('reaches the server render of a Suspense tile that was not prefetched', async () => {
    const client = createOmniClient({ baseUrl: '/api/omni' });
    const queryClient = new QueryClient();
    function Tile() {
      const result = useSuspenseOmniQuery(query);
      return createElement('p', null, String(result.numRows));
    }
    const errors: unknown[] = [];

    await new Promise<void>((resolve) => {
      const stream = renderToPipeableStream(
        createElement(
          QueryClientProvider,
          { client: queryClient },
          createElement(OmniProvider, { client }, createElement(Suspense, { fallback: 'Loading' }, createElement(Tile))),
        ),
        {
          onError: (error) => void errors.push(error),
          onAllReady: () => {
            stream.pipe(new PassThrough());
            resolve();
          },
        },
      );
    });

    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((error) => isOmniError(error, 'network') && fixNamed.test(error.message))).toBe(true);
    queryClient.clear();
  });
});
