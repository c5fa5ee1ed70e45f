import { categoryRevenue, topProducts, type FieldSpec } from './demoData.js';

/** The date ranges of the demo pages: their days, and how much of the 30-day numbers each holds. */
export const RANGES = {
  '7d': { label: 'Last 7 days', filter: 'last 7 days', days: 7, factor: 0.24 },
  '30d': { label: 'Last 30 days', filter: 'last 30 days', days: 30, factor: 1 },
  '90d': { label: 'Last 90 days', filter: 'last 90 days', days: 90, factor: 2.9 },
} as const;
export type RangeKey = keyof typeof RANGES;

/** The regions, with their share of the total. `all` sends no region filter. */
export const REGIONS = {
  all: { label: 'All regions', factor: 1 },
  'North America': { label: 'North America', factor: 0.46 },
  Europe: { label: 'Europe', factor: 0.31 },
  'Asia Pacific': { label: 'Asia Pacific', factor: 0.23 },
} as const;
export type RegionKey = keyof typeof REGIONS;

/** Omni filters for a range and a region, as the tiles send them. */
export function filtersOf(range: RangeKey, region: RegionKey): Record<string, string> {
  return { 'order_items.created_at': RANGES[range].filter, ...(region === 'all' ? {} : { 'users.region': region }) };
}

/** The date range a run's filters name (`order_items.created_at`); the last 30 days when they name none. */
export function rangeOf(filters: Record<string, unknown> | undefined): (typeof RANGES)[RangeKey] {
  return Object.values(RANGES).find((r) => r.filter === filters?.['order_items.created_at']) ?? RANGES['30d'];
}

/** How much of the unfiltered 30-day numbers a run's filters keep, read back from its body. */
export function factorOf(filters: Record<string, unknown> | undefined): number {
  const range = rangeOf(filters);
  const region = REGIONS[(filters?.['users.region'] as RegionKey | undefined) ?? 'all'] ?? REGIONS.all;
  return range.factor * region.factor;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export const REVENUE = 'order_items.total_revenue';
export const ORDERS = 'order_items.count';

/** Two KPIs from one query. */
export const kpiQueryFields: FieldSpec[] = [
  [REVENUE, 'Revenue', 'NUMBER', 'USD'],
  [ORDERS, 'Orders', 'NUMBER', 'NUMBER_0'],
];
export const kpiColumns = (factor: number) => ({
  [REVENUE]: [round2(4_823_517.42 * factor)],
  [ORDERS]: [Math.round(81_204 * factor)],
});

/** Revenue by category. */
export const chartQueryFields: FieldSpec[] = [
  ['products.category', 'Category', 'STRING'],
  [REVENUE, 'Revenue', 'NUMBER', 'USD'],
];
export const chartColumns = (factor: number) => ({
  'products.category': categoryRevenue.map(([category]) => category),
  [REVENUE]: categoryRevenue.map(([, value]) => round2(value * factor)),
});

/** Top products. */
export const tableQueryFields: FieldSpec[] = [
  ['products.name', 'Product', 'STRING'],
  ['products.brand', 'Brand', 'STRING'],
  [ORDERS, 'Orders', 'NUMBER', 'NUMBER_0'],
  [REVENUE, 'Revenue', 'NUMBER', 'USD'],
];
export const tableColumns = (factor: number) => ({
  'products.name': topProducts.map((p) => p.name),
  'products.brand': topProducts.map((p) => p.brand),
  [ORDERS]: topProducts.map((p) => Math.round(p.orders * factor)),
  [REVENUE]: topProducts.map((p) => round2(p.revenue * factor)),
});

/** The newest day of the demo data (the last orders in `topProducts` are from that day), UTC midnight. */
export const LAST_DAY = new Date(Date.UTC(2025, 6, 14));
const DAY_MS = 86_400_000;

/**
 * Revenue per day over the range a run's filters name, ending on {@link LAST_DAY}: one point per day of
 * the range (7, 30 or 90), adding up to the range's revenue, with a weekly rhythm (weekends sell more).
 */
export function dailyColumns(filters: Record<string, unknown> | undefined, dayField: string) {
  const { days } = rangeOf(filters);
  const dates = Array.from({ length: days }, (_, i) => new Date(LAST_DAY.getTime() - (days - 1 - i) * DAY_MS));
  const weights = dates.map((date, i) => {
    const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6 ? 1.25 : 1;
    return weekend * (0.9 + ((i * 37) % 11) / 50);
  });
  const sum = weights.reduce((a, b) => a + b, 0);
  const total = 4_823_517.42 * factorOf(filters);
  return { [dayField]: dates, [REVENUE]: weights.map((w) => round2((total * w) / sum)) };
}
