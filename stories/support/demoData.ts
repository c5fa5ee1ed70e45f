import {
  Dictionary,
  Float64,
  Int32,
  Int64,
  makeVector,
  Table,
  TimestampMillisecond,
  Utf8,
  vectorFromArray,
  type Vector,
} from 'apache-arrow';

/** One entry of a wire `summary.fields` object (snake_case, as Omni sends it). */
export interface WireSummaryField {
  field_name: string;
  view_name: string;
  fully_qualified_name: string;
  data_type: string;
  is_dimension: boolean;
  label: string;
  format?: string;
}

/** [fully qualified name, label, Omni data_type, Omni format?] */
export type FieldSpec = readonly [name: string, label: string, dataType: string, format?: string];

/** Builds a wire `summary` whose `fields` carry Omni's labels and formats, as a real job line does. */
export function summaryOf(
  specs: readonly FieldSpec[],
  sql: string,
): { display_sql: string; cache_type: string; fields: Record<string, WireSummaryField> } {
  const fields: Record<string, WireSummaryField> = {};
  for (const [name, label, dataType, format] of specs) {
    const [view = '', field = name] = name.split('.');
    fields[name] = {
      field_name: field,
      view_name: view,
      fully_qualified_name: name,
      data_type: dataType,
      is_dimension: dataType !== 'NUMBER',
      label,
      ...(format ? { format } : {}),
    };
  }
  return { display_sql: sql, cache_type: 'MISS', fields };
}

// Omni sends counts as Int64; the hook turns them into numbers when they are safe.
const int64 = (values: readonly number[]): Vector => vectorFromArray(values.map(BigInt), new Int64());
const float = (values: readonly number[]): Vector => vectorFromArray(values, new Float64());
const utf8 = (values: readonly (string | null)[]): Vector => vectorFromArray(values, new Utf8());

/** Dashboard KPIs: one row. */
export const kpiFields: FieldSpec[] = [
  ['order_items.total_revenue', 'Revenue', 'NUMBER', 'USD'],
  ['order_items.count', 'Orders', 'NUMBER', 'NUMBER_0'],
  ['users.count', 'Customers', 'NUMBER', 'NUMBER_0'],
  ['order_items.average_sale_price', 'Average order', 'NUMBER', 'USD'],
];
export function kpiTable(): Table {
  return new Table({
    'order_items.total_revenue': float([4_823_517.42]),
    'order_items.count': int64([81_204]),
    'users.count': int64([37_918]),
    'order_items.average_sale_price': float([59.4]),
  });
}

/** Dashboard chart: revenue per category. */
export const categoryFields: FieldSpec[] = [
  ['products.category', 'Category', 'STRING'],
  ['order_items.total_revenue', 'Revenue', 'NUMBER', 'USD'],
];
export const categoryRevenue: readonly (readonly [string, number])[] = [
  ['Outerwear & Coats', 912_340.5],
  ['Jeans', 804_118.2],
  ['Sweaters', 611_902.75],
  ['Suits & Sport Coats', 540_227.1],
  ['Swim', 402_871.0],
  ['Sleep & Lounge', 318_450.6],
  ['Active', 287_009.9],
  ['Accessories', 196_733.4],
];
export function categoryTable(): Table {
  return new Table({
    'products.category': utf8(categoryRevenue.map(([c]) => c)),
    'order_items.total_revenue': float(categoryRevenue.map(([, v]) => v)),
  });
}

/** Dashboard table: top products, with a timestamp column. */
export const topProductFields: FieldSpec[] = [
  ['products.name', 'Product', 'STRING'],
  ['products.brand', 'Brand', 'STRING'],
  ['order_items.count', 'Orders', 'NUMBER', 'NUMBER_0'],
  ['order_items.total_revenue', 'Revenue', 'NUMBER', 'USD'],
  ['order_items.last_ordered_at', 'Last order', 'TIMESTAMP'],
];
export const topProducts = [
  { name: 'Alpine Down Parka', brand: 'Northline', orders: 2_841, revenue: 568_200.0, last: '2025-07-14T16:42:00Z' },
  { name: 'Selvedge Slim Jean', brand: 'Indigo Mill', orders: 4_106, revenue: 451_660.0, last: '2025-07-14T15:03:00Z' },
  { name: 'Merino Crew Sweater', brand: 'Fieldhouse', orders: 3_377, revenue: 303_930.0, last: '2025-07-14T11:27:00Z' },
  { name: 'Linen Travel Blazer', brand: 'Cortina', orders: 1_204, revenue: 288_960.0, last: '2025-07-13T19:55:00Z' },
  { name: 'Retro Board Short', brand: 'Tidewater', orders: 3_912, revenue: 175_040.0, last: '2025-07-14T09:12:00Z' },
  { name: 'Flannel Lounge Set', brand: 'Hearth & Co', orders: 2_230, revenue: 156_100.0, last: '2025-07-12T22:40:00Z' },
] as const;
export function topProductsTable(): Table {
  return new Table({
    'products.name': utf8(topProducts.map((p) => p.name)),
    'products.brand': utf8(topProducts.map((p) => p.brand)),
    'order_items.count': int64(topProducts.map((p) => p.orders)),
    'order_items.total_revenue': float(topProducts.map((p) => p.revenue)),
    'order_items.last_ordered_at': vectorFromArray(
      topProducts.map((p) => new Date(p.last)),
      new TimestampMillisecond(),
    ),
  });
}

/** Single-job table: order counts per brand (the shape of Omni's docs example). */
export const brandFields: FieldSpec[] = [
  ['inventory_items.product_brand', 'Brand', 'STRING'],
  ['inventory_items.product_department', 'Department', 'STRING'],
  ['inventory_items.count', 'Inventory Items Count', 'NUMBER', 'NUMBER_0'],
];
export const brands = [
  ['Calvin Klein', 'Men', 1_212],
  ['Carhartt', 'Men', 1_087],
  ['Levi’s', 'Women', 964],
  ['Columbia', 'Women', 911],
  ['Patagonia', 'Men', 802],
] as const;
export function brandTable(): Table {
  return new Table({
    'inventory_items.product_brand': utf8(brands.map((b) => b[0])),
    'inventory_items.product_department': utf8(brands.map((b) => b[1])),
    'inventory_items.count': int64(brands.map((b) => b[2])),
  });
}

/** Large result: `rows` orders with deterministic values. */
export const orderFields: FieldSpec[] = [
  ['orders.id', 'Order ID', 'NUMBER', 'ID'],
  ['orders.created_at', 'Created', 'TIMESTAMP'],
  ['users.email', 'Customer', 'STRING'],
  ['orders.status', 'Status', 'STRING'],
  ['orders.amount', 'Amount', 'NUMBER', 'USD'],
];
const STATUSES = ['Complete', 'Shipped', 'Processing', 'Returned', 'Cancelled'];
/** The values of order row `i` (0-based), so a test can compute what the last row must show. */
export function orderAt(i: number): { id: number; createdAt: Date; email: string; status: string; amount: number } {
  return {
    id: 100_001 + i,
    createdAt: new Date(Date.UTC(2024, 0, 1) + i * 150_000),
    email: `customer${(i * 7919) % 50_000}@example.com`,
    status: STATUSES[(i * 31) % STATUSES.length] ?? 'Complete',
    amount: Math.round(((i * 2654435761) % 100_000) + 500) / 100,
  };
}
export function ordersTable(rows: number): Table {
  const ids = new Int32Array(rows);
  const amounts = new Float64Array(rows);
  const created: Date[] = new Array<Date>(rows);
  const emails: string[] = new Array<string>(rows);
  const statuses: string[] = new Array<string>(rows);
  for (let i = 0; i < rows; i++) {
    const order = orderAt(i);
    ids[i] = order.id;
    amounts[i] = order.amount;
    created[i] = order.createdAt;
    emails[i] = order.email;
    statuses[i] = order.status;
  }
  return new Table({
    'orders.id': makeVector(ids),
    'orders.created_at': vectorFromArray(created, new TimestampMillisecond()),
    'users.email': vectorFromArray(emails, new Utf8()),
    'orders.status': vectorFromArray(statuses, new Dictionary(new Utf8(), new Int32())),
    'orders.amount': makeVector(amounts),
  });
}
