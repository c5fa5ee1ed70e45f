import { QueryClient, defaultShouldDehydrateQuery, isServer } from '@tanstack/react-query';
import { deserializeOmniData, serializeOmniData } from 'omni-query-hooks';

function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      dehydrate: {
        // Finished results cross as JSON: the job line with its base64 Arrow, decoded once in the browser.
        serializeData: serializeOmniData,
        // Pending queries too, so a prefetch that is not awaited streams to its Suspense boundary.
        shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) || query.state.status === 'pending',
      },
      hydrate: { deserializeData: deserializeOmniData },
    },
  });
}

let browserQueryClient: QueryClient | undefined;

/** A new QueryClient per server render; one for the whole page in the browser. */
export function getQueryClient(): QueryClient {
  if (isServer) return makeQueryClient();
  return (browserQueryClient ??= makeQueryClient());
}
