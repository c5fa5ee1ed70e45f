import { useContext } from 'react';
import type { OmniClient } from '../client/OmniClient.js';
import { OmniContext } from './OmniContext.js';

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
