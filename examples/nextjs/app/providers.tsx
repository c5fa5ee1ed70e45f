'use client';

import { QueryClientProvider } from '@tanstack/react-query';
import { createOmniClient, OmniProvider } from 'omni-query-hooks';
import { useState, type ReactNode } from 'react';
import { getQueryClient } from '../lib/getQueryClient';

export function Providers({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  // The browser talks to the route handler; its key is the proxy's basePath, as the server client's.
  const [omni] = useState(() => createOmniClient({ baseUrl: '/api/omni', rateLimit: false }));
  return (
    <QueryClientProvider client={queryClient}>
      <OmniProvider client={omni}>{children}</OmniProvider>
    </QueryClientProvider>
  );
}
