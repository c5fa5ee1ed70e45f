import type { JobResult } from '../../src/index.js';
import type { FakeJob, FakeJobSpec } from '../../src/testing/index.js';
import { BarChart } from '../components/BarChart.js';
import { KpiValue } from '../components/KpiValue.js';
import { OmniTile } from '../components/OmniTile.js';
import { ResultTable } from '../components/ResultTable.js';
import { ScenarioPage } from '../components/ScenarioPage.js';
import {
  categoryFields,
  categoryTable,
  kpiFields,
  kpiTable,
  summaryOf,
  topProductFields,
  topProductsTable,
} from '../support/demoData.js';
import { withFakeOmni } from '../support/withFakeOmni.js';

/** Job ids of the sales dashboard's three queries. */
export interface SalesDashboardJobs {
  kpis: string;
  categories: string;
  products: string;
}

/** The ids every sales dashboard story's fake knows. */
export const salesJobIds: SalesDashboardJobs = { kpis: 'job-kpis', categories: 'job-categories', products: 'job-top-products' };

/**
 * The three jobs of the sales dashboard with their demo rows and Omni's labels, each done at its first
 * wait unless `overrides` says otherwise (`{ products: { held: true } }`, `{ categories: { error: … } }`).
 */
export function salesJobs(overrides: Partial<Record<keyof SalesDashboardJobs, FakeJob>> = {}): FakeJobSpec[] {
  return [
    { id: salesJobIds.kpis, table: kpiTable(), summary: summaryOf(kpiFields, 'SELECT SUM(sale_price) …'), ...overrides.kpis },
    {
      id: salesJobIds.categories,
      table: categoryTable(),
      summary: summaryOf(categoryFields, 'SELECT category, SUM(sale_price) … GROUP BY 1'),
      ...overrides.categories,
    },
    {
      id: salesJobIds.products,
      table: topProductsTable(),
      summary: summaryOf(topProductFields, 'SELECT name, brand, COUNT(*) … LIMIT 6'),
      ...overrides.products,
    },
  ];
}

const KPIS = [
  { title: 'Revenue', field: 'order_items.total_revenue', caption: 'Gross, last 30 days' },
  { title: 'Orders', field: 'order_items.count', caption: 'Placed, last 30 days' },
  { title: 'Customers', field: 'users.count', caption: 'With at least one order' },
  { title: 'Average order', field: 'order_items.average_sale_price', caption: 'Revenue per order' },
] as const;

function kpi(job: Pick<JobResult, 'rows' | 'fields'>, name: string, caption: string) {
  return <KpiValue value={job.rows[0]?.[name]} field={job.fields.find((f) => f.name === name)} caption={caption} />;
}

function categoryChart(job: Pick<JobResult, 'rows' | 'fields'>) {
  const data = job.rows.map((row) => ({
    label: String(row['products.category']),
    value: Number(row['order_items.total_revenue']),
  }));
  const valueField = job.fields.find((f) => f.name === 'order_items.total_revenue');
  return <BarChart title="Revenue by category" data={data} valueField={valueField} />;
}

/**
 * A sales dashboard: four KPI cards (one job), a chart (a second job) and a table (a third job). Every
 * tile follows its own job (`useQueryResults`); the hook turns them into one wait request per poll.
 */
export function SalesDashboard({ jobs }: { jobs: SalesDashboardJobs }) {
  return (
    <ScenarioPage
      title="Acme Outfitters · Sales overview"
      subtitle="Last 30 days · three Omni queries, each tile shows its own state"
    >
      {KPIS.map(({ title, field, caption }) => (
        <OmniTile key={title} title={title} jobId={jobs.kpis} span={3} view="kpi" meta={false}>
          {(job) => kpi(job, field, caption)}
        </OmniTile>
      ))}
      <OmniTile title="Revenue by category" jobId={jobs.categories} span={5} view="chart">
        {categoryChart}
      </OmniTile>
      <OmniTile title="Top products" jobId={jobs.products} span={7} view="table">
        {(job) => <ResultTable caption="Top products" fields={job.fields} rows={job.rows} />}
      </OmniTile>
    </ScenarioPage>
  );
}

/**
 * What every sales dashboard story shares: the page, pointed at the fake Omni of the story's own
 * handlers. Each story file adds its `title`: `{ ...salesDashboardMeta, title: 'Scenarios/…' }`.
 */
export const salesDashboardMeta = {
  component: SalesDashboard,
  decorators: [withFakeOmni],
  args: { jobs: salesJobIds },
};
