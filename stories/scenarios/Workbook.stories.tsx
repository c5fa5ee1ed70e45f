import type { Meta, StoryObj } from '@storybook/react-vite';
import { http, HttpResponse } from 'msw';
import { useState } from 'react';
import { expect, waitFor, within } from 'storybook/test';
import { useOmniDocument } from '../../src/react/useOmniDocument.js';
import { ScenarioPage } from '../components/ScenarioPage.js';
import { WorkbookTile } from '../components/WorkbookTile.js';
import { categoryRevenue, summaryOf, type FieldSpec } from '../support/demoData.js';
import { FAKE_OMNI_ORIGIN } from '../support/fakeOrigin.js';
import { fakeOmniScenario } from '../support/fakeOmniScenario.js';
import { factorOf, RANGES, REVENUE, tableColumns, tableQueryFields, type RangeKey } from '../support/filteredData.js';
import { createRunFake } from '../support/runFake.js';
import { withFakeOmni } from '../support/withFakeOmni.js';

const DOCUMENT = 'sales-review-2025';
const MODEL = 'b2f5c0de-demo-model';
const MONTH = 'order_items.created_at_month';
const MARGIN_ERROR = 'Field "order_items.margin" does not exist in view "order_items"';
const MONTHS = Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2025, i, 1)));

const monthFields: FieldSpec[] = [
  [MONTH, 'Month', 'TIMESTAMP'],
  [REVENUE, 'Revenue', 'NUMBER', 'USD'],
];
const categoryFields: FieldSpec[] = [
  ['products.category', 'Category', 'STRING'],
  [REVENUE, 'Revenue', 'NUMBER', 'USD'],
];
const query = (fields: FieldSpec[] | string[]) => ({
  modelId: MODEL,
  table: 'order_items',
  fields: fields.map((field) => (typeof field === 'string' ? field : field[0])),
  limit: 1000,
});

/** The document as `GET /api/v1/documents/{id}/queries` lists it: six tiles, one without a query. */
const documentQueries = [
  { id: 'q1', name: 'Total revenue', query: query([REVENUE]) },
  { id: 'q2', name: 'Revenue by month', query: query(monthFields) },
  { id: 'q3', name: 'Revenue by category', query: query(categoryFields) },
  { id: 'q4', name: 'Top products', query: query(tableQueryFields) },
  { id: 'q5', name: 'How to read this page', query: null },
  { id: 'q6', name: 'Margin by brand', query: query(['products.brand', 'order_items.margin']) },
].map((entry, index) => ({
  ...entry,
  queryIdentifierMapKey: String(index + 1),
  url: `${FAKE_OMNI_ORIGIN}/w/${DOCUMENT}?key=${index + 1}`,
}));

const scenario = fakeOmniScenario(() => {
  let documentRequests = 0;
  const fake = createRunFake({
    jobFor: (run) => {
      const factor = factorOf(run.filters);
      const round = (n: number) => Math.round(n * factor * 100) / 100;
      if (run.fields.includes('order_items.margin')) return { status: 'ERROR', errorMessage: MARGIN_ERROR, errorType: 'PLAN' };
      if (run.fields.includes(MONTH)) {
        return {
          table: { [MONTH]: MONTHS, [REVENUE]: MONTHS.map((_, i) => round(320_000 + i * 21_000)) },
          summary: summaryOf(monthFields, 'SELECT DATE_TRUNC(month, created_at), SUM(sale_price) …'),
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
  });
  // The fake Omni has no documents endpoint: this story serves the document's query list itself.
  const documents = http.get(`${FAKE_OMNI_ORIGIN}/api/v1/documents/:identifier/queries`, ({ params }) => {
    documentRequests += 1;
    if (params['identifier'] !== DOCUMENT)
      return HttpResponse.json({ detail: 'Document not found', status: 404 }, { status: 404 });
    return HttpResponse.json({ queries: documentQueries });
  });
  return {
    ...fake,
    handlers: [documents, ...fake.handlers],
    get documentRequests() {
      return documentRequests;
    },
  };
});

function Workbook() {
  const [range, setRange] = useState<RangeKey>('30d');
  const document = useOmniDocument(DOCUMENT, { filters: { 'order_items.created_at': RANGES[range].filter } });
  const toolbar = (
    <div className="oq-toolbar">
      <label className="oq-field">
        Date range
        <select value={range} onChange={(event) => setRange(event.target.value as RangeKey)}>
          {Object.entries(RANGES).map(([key, { label }]) => (
            <option key={key} value={key}>
              {label}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
  return (
    <ScenarioPage
      title="Sales review 2025"
      subtitle="An Omni workbook brought into the page: its tiles, names and queries come from the document"
      toolbar={toolbar}
    >
      {document.queries.map((entry) => (
        <WorkbookTile key={entry.id} name={entry.name} result={entry.result} />
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

/**
 * `useOmniDocument`: six tiles from one workbook. Each picks its view from its result's shape; the tile
 * without a query says so; the query Omni cannot run fails alone. The page's date filter re-runs every
 * query once, keeping the numbers on screen until the new ones arrive.
 */
export const WorkbookStory: StoryObj<typeof meta> = {
  name: 'Workbook',
  parameters: { ...scenario.parameters },
  beforeEach: scenario.beforeEach,
  play: async ({ canvas, userEvent, step }) => {
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
      await expect(await tile('Revenue by month').findByRole('img', { name: 'Revenue by month' })).toBeVisible();
      await expect(tile('Revenue by month').queryAllByTestId('bar')).toHaveLength(0);
      await expect(await tile('Revenue by category').findByRole('img', { name: 'Revenue by category' })).toBeVisible();
      await expect(tile('Revenue by category').getAllByTestId('bar')).toHaveLength(8);
      await expect(await tile('Top products').findByRole('table', { name: 'Top products' })).toHaveTextContent(
        'Alpine Down Parka',
      );
      await expect(tile('How to read this page').getByRole('note')).toHaveTextContent('Text, not a query');
    });

    await step('the failing query fails alone', async () => {
      const alert = await tile('Margin by brand').findByRole('alert');
      await expect(within(alert).getByText('Omni could not run this query')).toBeVisible();
      await expect(canvas.getAllByRole('alert')).toHaveLength(1);
    });

    await step('one document read, one run per query with a definition', async () => {
      await expect(scenario.fake.documentRequests).toBe(1);
      await expect(runs()).toBe(5);
      await expect(new Set(scenario.fake.runs.map((run) => JSON.stringify(run.query))).size).toBe(5);
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
      await expect(scenario.fake.documentRequests).toBe(1);
    });
  },
};
