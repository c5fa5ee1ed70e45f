import { OmniError, type FieldInfo, type Row } from '../../src/index.js';
import { BarChart } from '../components/BarChart.js';
import { KpiValue } from '../components/KpiValue.js';
import { ResultTable } from '../components/ResultTable.js';
import type { TileViewKind } from '../components/Skeleton.js';
import { categoryRevenue, topProducts } from './demoData.js';

/** A `FieldInfo` as the hook would give it, for stories without a server. */
export const sampleField = (name: string, label: string, arrowType: string, format?: string, dataType?: string): FieldInfo => ({
  name,
  arrowName: name,
  columnIndex: 0,
  label,
  arrowType,
  internal: false,
  ...(format ? { format } : {}),
  ...(dataType ? { dataType } : {}),
});

const revenue = sampleField('order_items.total_revenue', 'Revenue', 'Float64', 'USD', 'NUMBER');
const productFields = [
  sampleField('products.name', 'Product', 'Utf8'),
  sampleField('products.brand', 'Brand', 'Utf8'),
  sampleField('order_items.count', 'Orders', 'Int64', 'NUMBER_0', 'NUMBER'),
  revenue,
];
const productRows: Row[] = topProducts.map((p) => ({
  'products.name': p.name,
  'products.brand': p.brand,
  'order_items.count': p.orders,
  'order_items.total_revenue': p.revenue,
}));

/** The data view of each tile kind, filled with the demo data. */
export function sampleData(view: TileViewKind, title: string) {
  if (view === 'kpi') return <KpiValue value={4_823_517.42} field={revenue} caption="Gross, last 30 days" />;
  if (view === 'chart') {
    return <BarChart title={title} valueField={revenue} data={categoryRevenue.map(([label, value]) => ({ label, value }))} />;
  }
  return <ResultTable caption={title} fields={productFields} rows={productRows} />;
}

/** The row count each sample shows in the tile's meta line. */
export const sampleMeta: Record<TileViewKind, string | undefined> = {
  kpi: undefined,
  chart: `${categoryRevenue.length} rows · fresh`,
  table: `${topProducts.length} rows · from cache`,
};

/** Omni's message for a query that cannot run, as an `ERROR` job line carries it. */
export const sampleJobError = (omniMessage = 'Field "order_items.margin" does not exist in view "order_items"') =>
  new OmniError('job', `Job job-42 failed: ${omniMessage}`, { jobId: 'job-42', omniMessage, omniErrorType: 'PLAN' });

/** A `result` that is not base64, as the hook reports it. */
export const sampleDecodeError = () =>
  new OmniError('decode', 'The result of job job-43 is not valid base64', { jobId: 'job-43' });
