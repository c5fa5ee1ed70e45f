import type { ReactNode } from 'react';
import type { OmniClient } from '../client/OmniClient.js';
import { OmniContext } from './OmniContext.js';

/** Props of {@link OmniProvider}. */
export interface OmniProviderProps {
  /** The client every `useQueryResults` below uses, unless it passes its own `client`. */
  client: OmniClient;
  children?: ReactNode;
}

/**
 * Makes an {@link OmniClient} available to `useQueryResults` below it. Place it inside your app's
 * `QueryClientProvider`. Create the client once (outside components, or in a `useState`
 * initialiser): each client has its own request batcher, so a new client per render would stop
 * requests from being shared.
 */
export function OmniProvider({ client, children }: OmniProviderProps) {
  return <OmniContext.Provider value={client}>{children}</OmniContext.Provider>;
}
