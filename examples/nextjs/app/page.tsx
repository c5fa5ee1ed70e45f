import { HydrationBoundary, dehydrate } from '@tanstack/react-query';
import { headers } from 'next/headers';
import { omniQueryOptions } from 'omni-query-hooks';
import { createServerOmniClient } from 'omni-query-hooks/server';
import { getQueryClient } from '../lib/getQueryClient';
import { proxy } from '../lib/omniProxy';
import { salesQuery } from '../lib/salesQuery';
import { SalesTile } from './SalesTile';

export default async function PrefetchedPage() {
  const queryClient = getQueryClient();
  // The proxy in-process, with this request's cookies for `authorize`; keyed like the browser's client.
  const omni = createServerOmniClient(proxy, { headers: await headers() });
  await queryClient.prefetchQuery(omniQueryOptions(omni, salesQuery('all')));
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <h1>Sales (prefetched on the server)</h1>
      <SalesTile />
    </HydrationBoundary>
  );
}
