import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { createOmniClient, OmniProvider, type OmniClientOptions } from '../../src/index.js';

/** Props of {@link OmniStoryProviders}. */
export interface OmniStoryProvidersProps {
  baseUrl: string;
  /** Bearer token; leave empty when a proxy adds it. */
  token?: string | undefined;
  /** The client's request budget. Default: the client's own (Omni's 60 a minute). */
  rateLimit?: OmniClientOptions['rateLimit'] | undefined;
  children: ReactNode;
}

/**
 * A fresh QueryClient and Omni client per mounted story, so stories never share cached jobs: revisiting a
 * story replays its whole server scenario instead of showing the last run's data.
 */
export function OmniStoryProviders({ baseUrl, token, rateLimit, children }: OmniStoryProvidersProps) {
  const [queryClient] = useState(() => new QueryClient());
  const client = useMemo(
    () => createOmniClient({ baseUrl, ...(token ? { token } : {}), ...(rateLimit === undefined ? {} : { rateLimit }) }),
    // The budget is configuration: read once per mount, like the client it belongs to.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [baseUrl, token],
  );
  // Cancel polling the moment the story goes away, so a story's requests never reach the next one's handlers.
  useEffect(() => () => queryClient.clear(), [queryClient]);
  return (
    <QueryClientProvider client={queryClient}>
      <OmniProvider client={client}>{children}</OmniProvider>
    </QueryClientProvider>
  );
}
