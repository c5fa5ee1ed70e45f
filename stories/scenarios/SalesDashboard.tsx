import { BarChart } from '../components/BarChart.js';
import { KpiValue } from '../components/KpiValue.js';
import { QueryTile } from '../components/QueryTile.js';
import { ResultTable } from '../components/ResultTable.js';
import { ScenarioPage } from '../components/ScenarioPage.js';
import type { JobResult } from '../../src/index.js';

/** Job ids of the sales dashboard's three queries. */
export interface SalesDashboardJobs {
  kpis: string;
  categories: string;
  products: string;
}

const KPIS = [
  { title: 'Revenue', field: 'order_items.total_revenue', caption: 'Gross, last 30 days' },
  { title: 'Orders', field: 'order_items.count', caption: 'Placed, last 30 days' },
  { title: 'Customers', field: 'users.count', caption: 'With at least one order' },
  { title: 'Average order', field: 'order_items.average_sale_price', caption: 'Revenue per order' },
] as const;

function kpi(job: JobResult, name: string, caption: string) {
  return <KpiValue value={job.rows[0]?.[name]} field={job.fields.find((f) => f.name === name)} caption={caption} />;
}

function categoryChart(job: JobResult) {
  const data = job.rows.map((row) => ({
    label: String(row['products.category']),
    value: Number(row['order_items.total_revenue']),
  }));
  const valueField = job.fields.find((f) => f.name === 'order_items.total_revenue');
  return <BarChart title="Revenue by category" data={data} valueField={valueField} />;
}

/**
 * A sales dashboard: four KPI cards (one job), a chart (a second job) and a table (a third job). Every
 * tile calls `useQueryResults` for its own job; the hook turns them into one wait request per poll.
 */
export function SalesDashboard({ jobs }: { jobs: SalesDashboardJobs }) {
  return (
    <ScenarioPage
      title="Acme Outfitters · Sales overview"
      subtitle="Last 30 days · three Omni queries, each tile shows its own state"
    >
      {KPIS.map(({ title, field, caption }) => (
        <QueryTile key={title} title={title} jobId={jobs.kpis} span={3} view="kpi" showMeta={false}>
          {(job) => kpi(job, field, caption)}
        </QueryTile>
      ))}
      <QueryTile title="Revenue by category" jobId={jobs.categories} span={5} view="chart">
        {categoryChart}
      </QueryTile>
      <QueryTile title="Top products" jobId={jobs.products} span={7} view="table">
        {(job) => <ResultTable caption="Top products" fields={job.fields} rows={job.rows} />}
      </QueryTile>
    </ScenarioPage>
  );
}
