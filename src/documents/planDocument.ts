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
 * @param filters the page's filters; `undefined` for none.
 */
export function planDocument(
  client: OmniClient,
  queries: readonly DocumentQuery[],
  filters: Readonly<Record<string, unknown>> | undefined,
  select: ((query: DocumentQuery) => boolean) | undefined,
  input: OmniQueryOptionsInput,
): OmniQuerySetup[] {
  return queries.map((entry) => {
    const selected = entry.query !== undefined && (select === undefined || select(entry));
    if (!selected) return planOmniQuery(client, undefined, input);
    const query = filters === undefined ? entry.query : { ...entry.query, filters: { ...entry.query?.filters, ...filters } };
    return planOmniQuery(client, query, input);
  });
}
