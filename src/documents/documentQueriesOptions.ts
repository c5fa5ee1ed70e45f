import type { DataTag, UseQueryOptions } from '@tanstack/react-query';
import type { OmniClient } from '../client/OmniClient.js';
import { retryDelayMs, shouldRetry } from '../client/retryPolicy.js';
import type { OmniError } from '../errors/OmniError.js';
import type { DocumentQuery } from './documentQueriesSchema.js';
import { QUERY_KEY_ROOT } from '../wait/jobQueryKey.js';

/** The key of a document's query list: `['omni-query-hooks', 'document', client.key, identifier]`. */
export type DocumentQueriesKey = readonly [typeof QUERY_KEY_ROOT, 'document', string, string];

/** The react-query options of a document's query list. */
export type DocumentQueriesOptions = UseQueryOptions<DocumentQuery[], OmniError, DocumentQuery[], DocumentQueriesKey> & {
  queryKey: DataTag<DocumentQueriesKey, DocumentQuery[], OmniError>;
};

/** Options of {@link documentQueriesOptions}. */
export interface DocumentQueriesOptionsInput {
  /** react-query `gcTime` of the list. Default: the QueryClient's. */
  gcTime?: number | undefined;
}

/**
 * The react-query options of the queries behind an Omni document (workbook or dashboard), read once
 * per identifier and kept (`staleTime: Infinity`). Retried like a wait (429, 5xx, network); a 404
 * (no such document) or another 4xx is final. Usable with `fetchQuery` in a router loader.
 */
export function documentQueriesOptions(
  client: OmniClient,
  identifier: string,
  input: DocumentQueriesOptionsInput = {},
): DocumentQueriesOptions {
  const key: DocumentQueriesKey = [QUERY_KEY_ROOT, 'document', client.key, identifier];
  return {
    queryKey: key as DataTag<DocumentQueriesKey, DocumentQuery[], OmniError>,
    queryFn: (context) => client.documentQueries(identifier, { signal: context.signal }),
    staleTime: Infinity,
    ...(input.gcTime === undefined ? {} : { gcTime: input.gcTime }),
    retry: shouldRetry,
    retryDelay: (failures, error) => retryDelayMs(failures, error),
  };
}
