import { createContext, useContext, type ReactNode } from 'react';
import type { OmniClient } from '../client/OmniClient.js';

/** The client that {@link OmniProvider} hands down. `undefined` outside a provider. */
const OmniContext = createContext<OmniClient | undefined>(undefined);

/** Props of {@link OmniProvider}. */
export interface OmniProviderProps {
  /** The client every hook below uses, unless it passes its own `client`. */
  client: OmniClient;
  children?: ReactNode;
}

/**
 * Makes an {@link OmniClient} available to the hooks below it. Place it inside your app's
 * `QueryClientProvider`. Create the client once (outside components, or in a `useState`
 * initialiser): each client has its own request batcher and request budget, so a new client per
 * render would stop requests from being shared and the budget from being kept.
 */
export function OmniProvider({ client, children }: OmniProviderProps) {
  return <OmniContext.Provider value={client}>{children}</OmniContext.Provider>;
}

/**
 * The {@link OmniClient} to use: `client` when given, else the nearest `OmniProvider`'s.
 * @throws Error at render when there is neither: a set-up mistake, reported like react-query's
 *   missing `QueryClientProvider`.
 */
export function useOmniClient(client?: OmniClient): OmniClient {
  const fromContext = useContext(OmniContext);
  const resolved = client ?? fromContext;
  if (resolved === undefined) {
    throw new Error(
      'omni-query-hooks: no OmniClient. Wrap your components in <OmniProvider client={createOmniClient(…)}> or pass `client` in the options.',
    );
  }
  return resolved;
}
