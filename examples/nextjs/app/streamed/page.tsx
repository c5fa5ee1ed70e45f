import { HydrationBoundary, dehydrate } from '@tanstack/react-query';
import { headers } from 'next/headers';
import { omniQueryOptions } from 'omni-query-hooks';
import { createServerOmniClient } from 'omni-query-hooks/server';
import { Suspense } from 'react';
import { getQueryClient } from '../../lib/getQueryClient';
import { proxy } from '../../lib/omniProxy';
import { monthlyQuery } from '../../lib/salesQuery';
import { MonthlyTile } from './MonthlyTile';

export default async function StreamedPage() {
  const queryClient = getQueryClient();
  const omni = createServerOmniClient(proxy, { headers: await headers() });
  // Not awaited: the shell goes out now, and the result streams in when Omni has it.
  void queryClient.prefetchQuery(omniQueryOptions(omni, monthlyQuery));
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <h1>Revenue by month (streamed)</h1>
      <Suspense fallback={<p data-testid="monthly-fallback">Loading…</p>}>
        <MonthlyTile />
      </Suspense>
    </HydrationBoundary>
  );
}
