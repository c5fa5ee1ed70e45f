import type { OmniClient } from '../client/OmniClient.js';
import type { DocumentQuery } from './documentQueriesSchema.js';
import type { OmniQueryOptionsInput } from '../query/omniQueryOptions.js';
import { planOmniQuery, type OmniQuerySetup } from '../query/planOmniQuery.js';

/**
 * The run plan of every query of a document, in document order: each selected query with a
 * definition gets the page's `filters` merged over its own, key by key (`{ ...query.filters,
 * ...filters }`), and goes through the same plan, keys and checks as `useOmniQuery`, so a tile
 * elsewhere on the page with the same query shares its run. The others are idle.
 *
 * @param filtersJson the page's filters as JSON text (so callers can memoise on content); `undefined` for none.
 */
export function planDocument(
  client: OmniClient,
  queries: readonly DocumentQuery[],
  filtersJson: string | undefined,
  select: ((query: DocumentQuery) => boolean) | undefined,
  input: OmniQueryOptionsInput,
): OmniQuerySetup[] {
  const filters = filtersJson === undefined ? undefined : (JSON.parse(filtersJson) as Record<string, unknown>);
  return queries.map((entry) => {
    const selected = entry.query !== undefined && (select === undefined || select(entry));
    if (!selected) return planOmniQuery(client, undefined, input);
    const query = filters === undefined ? entry.query : { ...entry.query, filters: { ...entry.query?.filters, ...filters } };
    return planOmniQuery(client, JSON.stringify(query), input);
  });
}
