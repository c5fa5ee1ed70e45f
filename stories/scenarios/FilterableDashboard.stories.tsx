import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, waitFor, within } from 'storybook/test';
import type { OmniQuery } from '../../src/index.js';
import { BarChart } from '../components/BarChart.js';
import { FilterSelect } from '../components/FilterSelect.js';
import { KpiValue } from '../components/KpiValue.js';
import { OmniTile } from '../components/OmniTile.js';
import { ResultTable } from '../components/ResultTable.js';
import { ScenarioPage } from '../components/ScenarioPage.js';
import { summaryOf } from '../support/demoData.js';
import { fakeOmniScenario } from '../support/fakeOmniScenario.js';
import {
  chartColumns,
  chartQueryFields,
  factorOf,
  filtersOf,
  kpiColumns,
  kpiQueryFields,
  ORDERS,
  RANGES,
  REGIONS,
  REVENUE,
  tableColumns,
  tableQueryFields,
  type RangeKey,
  type RegionKey,
} from '../support/filteredData.js';
import { changedHeights, clippedHeaders, contrastFailures, horizontalOverflow, tileHeights } from '../support/layoutChecks.js';
import { createRunFake } from '../support/runFake.js';
import { withFakeOmni } from '../support/withFakeOmni.js';

const MODEL = 'b2f5c0de-demo-model';
const queryOf = (fields: readonly (readonly [string, ...unknown[]])[], filters: Record<string, string>): OmniQuery => ({
  modelId: MODEL,
  table: 'order_items',
  fields: fields.map(([name]) => name),
  filters,
  limit: 1000,
});

const scenario = fakeOmniScenario(() =>
  createRunFake({
    jobFor: (query) => {
      const factor = factorOf(query.filters);
      if (query.fields.includes('products.category'))
        return { table: chartColumns(factor), summary: summaryOf(chartQueryFields, 'SELECT category, SUM(sale_price) …') };
      if (query.fields.includes('products.name'))
        return {
          table: tableColumns(factor),
          summary: summaryOf(tableQueryFields, 'SELECT name, brand, COUNT(*), SUM(sale_price) …'),
        };
      return { table: kpiColumns(factor), summary: summaryOf(kpiQueryFields, 'SELECT SUM(sale_price), COUNT(*) …') };
    },
  }),
);

function FilterableDashboard() {
  const [range, setRange] = useState<RangeKey>('30d');
  const [region, setRegion] = useState<RegionKey>('all');
  const filters = filtersOf(range, region);
  const scope = `${REGIONS[region].label} · ${RANGES[range].label.toLowerCase()}`;
  const toolbar = (
    <div className="oq-toolbar">
      <FilterSelect label="Date range" options={RANGES} value={range} onChange={setRange} />
      <FilterSelect label="Region" options={REGIONS} value={region} onChange={setRegion} />
    </div>
  );
  // Built during render on purpose: the hook keys a query by its content, so a new object is not a new run.
  const kpis = queryOf(kpiQueryFields, filters);
  return (
    <ScenarioPage
      title="Acme Outfitters · Sales"
      subtitle="Pick a date range or a region: every tile runs again, and keeps its numbers until the new ones arrive"
      toolbar={toolbar}
    >
      <OmniTile title="Revenue" query={kpis} span={6} view="kpi" meta={scope}>
        {(result) => (
          <KpiValue
            value={result.rows[0]?.[REVENUE]}
            field={result.fields.find((f) => f.name === REVENUE)}
            caption="Gross revenue"
          />
        )}
      </OmniTile>
      <OmniTile title="Orders" query={kpis} span={6} view="kpi" meta={scope}>
        {(result) => (
          <KpiValue
            value={result.rows[0]?.[ORDERS]}
            field={result.fields.find((f) => f.name === ORDERS)}
            caption="Orders placed"
          />
        )}
      </OmniTile>
      <OmniTile title="Revenue by category" query={queryOf(chartQueryFields, filters)} span={5} view="chart">
        {(result) => (
          <BarChart
            title="Revenue by category"
            valueField={result.fields.find((f) => f.name === REVENUE)}
            data={result.rows.map((row) => ({ label: String(row['products.category']), value: Number(row[REVENUE]) }))}
          />
        )}
      </OmniTile>
      <OmniTile title="Top products" query={queryOf(tableQueryFields, filters)} span={7} view="table">
        {(result) => <ResultTable caption="Top products" fields={result.fields} rows={result.rows} />}
      </OmniTile>
    </ScenarioPage>
  );
}

const meta = {
  title: 'Scenarios/Filterable dashboard',
  component: FilterableDashboard,
  decorators: [withFakeOmni],
} satisfies Meta<typeof FilterableDashboard>;
export default meta;

/** The distinct queries the fake was asked to run, as JSON. */
const distinctQueries = () => new Set(scenario.fake.runs.map((run) => JSON.stringify(run.query))).size;

/**
 * `useOmniQuery` with filters: four tiles, three queries (the two KPI cards share one). A filter change is
 * one new run per query; the old numbers stay, dimmed under "Updating…", until the new ones arrive; going
 * back to filters already seen sends nothing. At 390 px the table is one card per product, nothing cut.
 */
export const FilterableDashboardStory: StoryObj<typeof meta> = {
  name: 'Filterable dashboard',
  parameters: { ...scenario.parameters },
  beforeEach: scenario.beforeEach,
  play: async ({ canvas, canvasElement, userEvent, step }) => {
    const tile = (name: string) => canvas.getByRole('region', { name });
    const kpi = (name: string) => within(tile(name)).getByTestId('kpi-value');
    const runs = () => scenario.fake.runRequests().length;

    await step('first load: three runs for four tiles', async () => {
      await waitFor(() => expect(kpi('Revenue')).toHaveTextContent('$4.8M'), { timeout: 5000 });
      await expect(kpi('Orders')).toHaveTextContent('81,204');
      await expect(await within(tile('Top products')).findByRole('table')).toHaveTextContent('$568,200.00');
      await expect(runs()).toBe(3);
      await expect(distinctQueries()).toBe(3);
    });

    const heights = tileHeights(canvasElement);

    await step('a new region: the old numbers stay, dimmed, while the new runs are pending', async () => {
      scenario.fake.hold(true);
      await userEvent.selectOptions(canvas.getByRole('combobox', { name: 'Region' }), 'Europe');
      await waitFor(() => expect(runs()).toBe(6));
      for (const name of ['Revenue', 'Orders', 'Revenue by category', 'Top products']) {
        await waitFor(() => expect(tile(name)).toHaveAttribute('aria-busy', 'true'));
        await expect(within(tile(name)).getByText('Updating…')).toBeVisible();
        await expect(tile(name)).toHaveClass('oq-card-updating');
      }
      await expect(kpi('Revenue')).toHaveTextContent('$4.8M');
      await expect(within(tile('Top products')).getByRole('table')).toHaveTextContent('$568,200.00');
      await expect(canvas.queryAllByTestId('skeleton')).toHaveLength(0);
      // Dimmed, not faded out: still 4.5:1.
      await expect(contrastFailures(canvasElement)).toEqual([]);
    });

    await step('the new numbers arrive; no tile moved', async () => {
      scenario.fake.releaseHeld();
      scenario.fake.hold(false);
      await waitFor(() => expect(kpi('Revenue')).toHaveTextContent('$1.5M'), { timeout: 5000 });
      await expect(kpi('Orders')).toHaveTextContent('25,173');
      await waitFor(() => expect(canvas.queryByText('Updating…')).toBeNull());
      await expect(tile('Revenue')).not.toHaveAttribute('aria-busy');
      await expect(within(tile('Revenue')).getByText('Europe · last 30 days')).toBeVisible();
      await expect(changedHeights(heights, tileHeights(canvasElement))).toEqual([]);
    });

    await step('a new date range: three more runs', async () => {
      await userEvent.selectOptions(canvas.getByRole('combobox', { name: 'Date range' }), '7d');
      await waitFor(() => expect(kpi('Revenue')).toHaveTextContent('$358.9K'), { timeout: 5000 });
      await expect(runs()).toBe(9);
    });

    await step('back to filters already seen: shown at once, nothing sent', async () => {
      await userEvent.selectOptions(canvas.getByRole('combobox', { name: 'Date range' }), '30d');
      await waitFor(() => expect(kpi('Revenue')).toHaveTextContent('$1.5M'));
      await expect(runs()).toBe(9);
      // Exactly one run per distinct query the page asked for.
      await expect(distinctQueries()).toBe(9);
      await expect(scenario.fake.omni.requests.filter((request) => request.status !== 200)).toEqual([]);
    });

    await step('at 390 px no column label is cut: each product is a card, with its Revenue in view', async () => {
      const page = canvas.getByRole('main');
      const table = within(tile('Top products')).getByRole('table', { name: 'Top products' });
      const scroller = within(tile('Top products')).getByRole('region', { name: 'Top products, scrollable' });
      page.style.width = '390px';
      await waitFor(() => expect(table).toHaveAttribute('data-layout', 'cards'));
      await expect(clippedHeaders(scroller)).toEqual([]);
      await expect(horizontalOverflow(scroller)).toBe(0);
      await expect(horizontalOverflow(page)).toBe(0);
      const first = within(table).getAllByRole('row')[1]!;
      await expect([...first.querySelectorAll<HTMLElement>('td[data-label]')].map((cell) => cell.dataset['label'])).toEqual([
        'Brand',
        'Orders',
        'Revenue',
      ]);
      await expect(within(first).getByText('$176,142.00')).toBeVisible();

      page.style.width = '1280px';
      await waitFor(() => expect(table).toHaveAttribute('data-layout', 'columns'));
      await expect(clippedHeaders(scroller)).toEqual([]);
      page.style.width = '';
    });
  },
};
