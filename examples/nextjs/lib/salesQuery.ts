import type { OmniQuery } from 'omni-query-hooks';

/** The regions of the filter; `all` sends no filter. */
export const REGIONS = ['all', 'EU', 'US'] as const;
export type Region = (typeof REGIONS)[number];

/** Revenue and orders by region, as the tile and the server prefetch ask for it. */
export function salesQuery(region: Region): OmniQuery {
  return {
    modelId: 'example-model',
    table: 'orders',
    fields: ['orders.region', 'orders.revenue', 'orders.count'],
    ...(region === 'all' ? {} : { filters: { 'orders.region': { kind: 'EQUALS', values: [region] } } }),
  };
}

/** A slower query (the fake takes a second for it), for the streamed page. */
export const monthlyQuery: OmniQuery = {
  modelId: 'example-model',
  table: 'orders',
  fields: ['orders.month', 'orders.revenue'],
};
