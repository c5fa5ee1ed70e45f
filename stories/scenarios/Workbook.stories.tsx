import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, waitFor, within } from 'storybook/test';
import { useOmniDocument, type OmniQuery } from '../../src/index.js';
import { FilterSelect } from '../components/FilterSelect.js';
import { ScenarioPage } from '../components/ScenarioPage.js';
import { frameOf, WorkbookTile, workbookSpans } from '../components/WorkbookTile.js';
import { categoryRevenue, summaryOf, type FieldSpec } from '../support/demoData.js';
import { FAKE_OMNI_ORIGIN } from '../support/fakeOrigin.js';
import { fakeOmniScenario } from '../support/fakeOmniScenario.js';
import {
  dailyColumns,
  factorOf,
  RANGES,
  REVENUE,
  tableColumns,
  tableQueryFields,
  type RangeKey,
} from '../support/filteredData.js';
import { clippedHeaders, contrastFailures, horizontalOverflow } from '../support/layoutChecks.js';
import { createRunFake } from '../support/runFake.js';
import { withFakeOmni } from '../support/withFakeOmni.js';

const DOCUMENT = 'sales-review-2025';
const MODEL = 'b2f5c0de-demo-model';
const DAY = 'order_items.created_at_date';
const MARGIN_ERROR = 'Field "order_items.margin" does not exist in view "order_items"';

const dayFields: FieldSpec[] = [
  [DAY, 'Day', 'DATE'],
  [REVENUE, 'Revenue', 'NUMBER', 'USD'],
];
const categoryFields: FieldSpec[] = [
  ['products.category', 'Category', 'STRING'],
  [REVENUE, 'Revenue', 'NUMBER', 'USD'],
];
const query = (fields: FieldSpec[] | string[]): OmniQuery => ({
  modelId: MODEL,
  table: 'order_items',
  fields: fields.map((field) => (typeof field === 'string' ? field : field[0])),
  limit: 1000,
});

/** The document as `GET /api/v1/documents/{id}/queries` lists it: six tiles, one without a query. */
const documentQueries = [
  { id: 'q1', name: 'Total revenue', query: query([REVENUE]) },
  { id: 'q2', name: 'Revenue by day', query: query(dayFields) },
  { id: 'q3', name: 'Revenue by category', query: query(categoryFields) },
  { id: 'q4', name: 'Top products', query: query(tableQueryFields) },
  { id: 'q5', name: 'How to read this page' },
  { id: 'q6', name: 'Margin by brand', query: query(['products.brand', 'order_items.margin']) },
].map((entry, index) => ({
  ...entry,
  queryIdentifierMapKey: String(index + 1),
  url: `${FAKE_OMNI_ORIGIN}/w/${DOCUMENT}?key=${index + 1}`,
}));

const scenario = fakeOmniScenario(() =>
  createRunFake({
    documents: { [DOCUMENT]: documentQueries },
    // Every answer follows the run's filters: the totals shrink with the range, and the line has one point per day of it.
    jobFor: (run) => {
      const factor = factorOf(run.filters);
      const round = (n: number) => Math.round(n * factor * 100) / 100;
      if (run.fields.includes('order_items.margin')) return { status: 'ERROR', errorMessage: MARGIN_ERROR, errorType: 'PLAN' };
      if (run.fields.includes(DAY)) {
        return {
          table: dailyColumns(run.filters, DAY),
          summary: summaryOf(dayFields, 'SELECT DATE(created_at), SUM(sale_price) …'),
        };
      }
      if (run.fields.includes('products.category')) {
        return {
          table: { 'products.category': categoryRevenue.map(([c]) => c), [REVENUE]: categoryRevenue.map(([, v]) => round(v)) },
          summary: summaryOf(categoryFields, 'SELECT category, SUM(sale_price) …'),
        };
      }
      if (run.fields.includes('products.name'))
        return { table: tableColumns(factor), summary: summaryOf(tableQueryFields, 'SELECT …') };
      return {
        table: { [REVENUE]: [round(4_823_517.42)] },
        summary: summaryOf([[REVENUE, 'Revenue', 'NUMBER', 'USD']], 'SELECT SUM(sale_price) …'),
      };
    },
  }),
);

function Workbook() {
  const [range, setRange] = useState<RangeKey>('30d');
  const document = useOmniDocument(DOCUMENT, { filters: { 'order_items.created_at': RANGES[range].filter } });
  const spans = workbookSpans(document.queries.map((entry) => frameOf(entry.query)));
  return (
    <ScenarioPage
      title="Sales review 2025"
      subtitle="An Omni workbook brought into the page: its tiles, names and queries come from the document"
      toolbar={
        <div className="oq-toolbar">
          <FilterSelect label="Date range" options={RANGES} value={range} onChange={setRange} />
        </div>
      }
    >
      {document.queries.map((entry, i) => (
        <WorkbookTile key={entry.id} entry={entry} span={spans[i]} />
      ))}
    </ScenarioPage>
  );
}

const meta = {
  title: 'Scenarios/Workbook',
  component: Workbook,
  decorators: [withFakeOmni],
} satisfies Meta<typeof Workbook>;
export default meta;

/** The number of points the line of the "Revenue by day" tile plots, and its first and last dates. */
function plotted(tile: ReturnType<typeof within>) {
  const points = tile.getByTestId('line').getAttribute('points')?.trim().split(/\s+/) ?? [];
  return { points: points.length, dates: tile.getAllByTestId('date-label').map((label: Element) => label.textContent) };
}

/**
 * `useOmniDocument`: six tiles from one workbook. Each picks its frame from its query (a KPI card is as
 * small as its number) and its view from its result's shape; the tile without a query says so; the query
 * Omni cannot run fails alone. The page's date filter re-runs every query once, keeping the numbers on
 * screen until the new ones arrive, and every tile follows it: the line plots the days of the range.
 */
export const WorkbookStory: StoryObj<typeof meta> = {
  name: 'Workbook',
  parameters: { ...scenario.parameters },
  beforeEach: scenario.beforeEach,
  play: async ({ canvas, canvasElement, userEvent, step }) => {
    const tile = (name: string) => within(canvas.getByRole('region', { name }));
    const runs = () => scenario.fake.runRequests().length;

    await step('the titles come from the document, in its order', async () => {
      await waitFor(() =>
        expect(canvas.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual(
          documentQueries.map((q) => q.name),
        ),
      );
    });

    await step('each tile picks its view from the shape of its result', async () => {
      await waitFor(() => expect(tile('Total revenue').getByTestId('kpi-value')).toHaveTextContent('$4.8M'), { timeout: 5000 });
      await expect(await tile('Revenue by day').findByRole('img', { name: 'Revenue by day' })).toBeVisible();
      await expect(tile('Revenue by day').queryAllByTestId('bar')).toHaveLength(0);
      await expect(await tile('Revenue by category').findByRole('img', { name: 'Revenue by category' })).toBeVisible();
      await expect(tile('Revenue by category').getAllByTestId('bar')).toHaveLength(8);
      await expect(await tile('Top products').findByRole('table', { name: 'Top products' })).toHaveTextContent(
        'Alpine Down Parka',
      );
      await expect(tile('How to read this page').getByRole('note')).toHaveTextContent('Text, not a query');
    });

    await step('the line plots the last 30 days, one point a day', async () => {
      await expect(plotted(tile('Revenue by day'))).toEqual({ points: 30, dates: ['Jun 15', 'Jul 14'] });
    });

    await step('the failing query fails alone', async () => {
      const alert = await tile('Margin by brand').findByRole('alert');
      await expect(within(alert).getByText('Omni could not run this query')).toBeVisible();
      await expect(canvas.getAllByRole('alert')).toHaveLength(1);
    });

    await step('one document read, one run per query with a definition', async () => {
      await expect(scenario.fake.omni.stats.documents).toBe(1);
      await expect(runs()).toBe(5);
      await expect(new Set(scenario.fake.runs.map((run) => JSON.stringify(run.query))).size).toBe(5);
    });

    const page = canvas.getByRole('main');
    await step(
      'at 1280 px the KPI card is as small as its number: 3 columns wide, far shorter than the chart beside it',
      async () => {
        page.style.width = '1280px';
        const box = (name: string) => canvas.getByRole('region', { name }).getBoundingClientRect();
        await waitFor(() => expect(box('Total revenue').top).toBe(box('Revenue by day').top));
        await expect(box('Total revenue').width).toBeLessThan(box('Revenue by day').width / 2);
        await expect(box('Total revenue').height).toBeLessThan(box('Revenue by day').height / 1.5);
        await expect(clippedHeaders(canvasElement)).toEqual([]);
      },
    );

    await step('at 390 px nothing is wider than the page and no column label is cut', async () => {
      page.style.width = '390px';
      await waitFor(() => expect(tile('Top products').getByRole('table')).toHaveAttribute('data-layout', 'cards'));
      await expect(horizontalOverflow(page)).toBe(0);
      await expect(clippedHeaders(canvasElement)).toEqual([]);
      await expect(contrastFailures(canvasElement)).toEqual([]);
      page.style.width = '';
    });

    await step('the page filter re-runs every query; the old numbers stay until the new ones arrive', async () => {
      scenario.fake.hold(true);
      await userEvent.selectOptions(canvas.getByRole('combobox', { name: 'Date range' }), '7d');
      await waitFor(() => expect(runs()).toBe(10));
      await expect(tile('Total revenue').getByTestId('kpi-value')).toHaveTextContent('$4.8M');
      await expect(tile('Total revenue').getByText('Updating…')).toBeVisible();
      scenario.fake.releaseHeld();
      scenario.fake.hold(false);
      await waitFor(() => expect(tile('Total revenue').getByTestId('kpi-value')).toHaveTextContent('$1.2M'), { timeout: 5000 });
      await waitFor(() => expect(canvas.queryByText('Updating…')).toBeNull());
      await expect(await tile('Margin by brand').findByRole('alert')).toBeVisible();
      await expect(
        scenario.fake.runs.slice(5).every((run) => run.query.filters?.['order_items.created_at'] === 'last 7 days'),
      ).toBe(true);
      await expect(scenario.fake.omni.stats.documents).toBe(1);
    });

    await step('every tile follows the filter: the line plots the last 7 days, the bars shrink', async () => {
      await expect(plotted(tile('Revenue by day'))).toEqual({ points: 7, dates: ['Jul 8', 'Jul 14'] });
      await expect(tile('Revenue by category').getByRole('img')).toHaveTextContent('$219K');
      await expect(tile('Top products').getByRole('table')).toHaveTextContent('$136,368.00');
    });
  },
};
