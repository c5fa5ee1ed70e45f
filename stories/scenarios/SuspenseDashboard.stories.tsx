import type { Meta, StoryObj } from '@storybook/react-vite';
import { QueryErrorResetBoundary } from '@tanstack/react-query';
import { Suspense, type ReactNode } from 'react';
import { expect, waitFor, within } from 'storybook/test';
import { isOmniError, OmniError, useSuspenseOmniQuery, type OmniQuery } from '../../src/index.js';
import { BarChart } from '../components/BarChart.js';
import type { CardProps } from '../components/Card.js';
import { KpiValue } from '../components/KpiValue.js';
import { OmniTile, type ShownResult } from '../components/OmniTile.js';
import { ResultTable } from '../components/ResultTable.js';
import { ScenarioPage } from '../components/ScenarioPage.js';
import type { TileViewKind } from '../components/Skeleton.js';
import { TileErrorBoundary } from '../components/TileErrorBoundary.js';
import { TileView } from '../components/TileView.js';
import { contrastFailures } from '../support/layoutChecks.js';
import { summaryOf, type FieldSpec } from '../support/demoData.js';
import { fakeOmniScenario } from '../support/fakeOmniScenario.js';
import {
  chartColumns,
  chartQueryFields,
  kpiColumns,
  kpiQueryFields,
  REVENUE,
  tableColumns,
  tableQueryFields,
} from '../support/filteredData.js';
import { createRunFake } from '../support/runFake.js';
import { withFakeOmni } from '../support/withFakeOmni.js';

const MODEL = 'b2f5c0de-demo-model';
const queryOf = (fields: FieldSpec[]): OmniQuery => ({
  modelId: MODEL,
  table: 'order_items',
  fields: fields.map(([name]) => name),
  limit: 1000,
});
const KILLED = 'The warehouse cancelled the query: statement timeout (120 s)';

/**
 * The dashboard's fake Omni, in which the warehouse kills the chart's first `killedRuns` runs (every
 * run with `Infinity`); the KPI and table queries always go through.
 */
function suspenseFake(killedRuns: number) {
  let chartRuns = 0;
  return createRunFake({
    jobFor: (query) => {
      if (query.fields.includes('products.category')) {
        chartRuns += 1;
        if (chartRuns <= killedRuns) return { status: 'ERROR', errorMessage: KILLED, errorType: 'KILL' };
        return { table: chartColumns(1), summary: summaryOf(chartQueryFields, 'SELECT category, SUM(sale_price) …') };
      }
      if (query.fields.includes('products.name'))
        return { table: tableColumns(1), summary: summaryOf(tableQueryFields, 'SELECT name, brand, …') };
      return { table: kpiColumns(1), summary: summaryOf(kpiQueryFields, 'SELECT SUM(sale_price), COUNT(*) …') };
    },
  });
}

/** The chart's first run is killed, the retry goes through; every first run is held until the play has seen the fallbacks. */
const recovers = fakeOmniScenario(() => {
  const fake = suspenseFake(1);
  fake.hold(true);
  return fake;
});

/** The warehouse kills every run of the chart: its error boundary is what a visitor sees. */
const keepsFailing = fakeOmniScenario(() => suspenseFake(Infinity));

interface SuspenseTileProps {
  title: string;
  query: OmniQuery;
  span: CardProps['span'];
  view: TileViewKind;
  children: (result: ShownResult) => ReactNode;
}

function SuspenseTileBody({ title, query, span, view, children }: SuspenseTileProps) {
  return (
    <OmniTile title={title} span={span} view={view} result={useSuspenseOmniQuery(query)}>
      {children}
    </OmniTile>
  );
}

/**
 * A tile in Suspense style: its own Suspense boundary (the skeleton is the fallback), and its own error
 * boundary, reset through react-query's `QueryErrorResetBoundary` so that "Try again" runs the query anew.
 */
function SuspenseTile(props: SuspenseTileProps) {
  const { title, span, view } = props;
  return (
    <QueryErrorResetBoundary>
      {({ reset }) => (
        <TileErrorBoundary
          onReset={reset}
          fallback={(error, retry) => (
            <TileView
              title={title}
              span={span}
              view={view}
              state={{ kind: 'error', error: isOmniError(error) ? error : new OmniError('schema', String(error)) }}
              onRetry={retry}
            />
          )}
        >
          <Suspense fallback={<TileView title={title} span={span} view={view} state={{ kind: 'loading', elapsedMs: 0 }} />}>
            <SuspenseTileBody {...props} />
          </Suspense>
        </TileErrorBoundary>
      )}
    </QueryErrorResetBoundary>
  );
}

function SuspenseDashboard() {
  return (
    <ScenarioPage title="Acme Outfitters · Sales" subtitle="Each tile suspends on its own query and catches its own failure">
      <SuspenseTile title="Revenue" query={queryOf(kpiQueryFields)} span={4} view="kpi">
        {(result) => (
          <KpiValue
            value={result.rows[0]?.[REVENUE]}
            field={result.fields.find((f) => f.name === REVENUE)}
            caption="Gross, last 30 days"
          />
        )}
      </SuspenseTile>
      <SuspenseTile title="Revenue by category" query={queryOf(chartQueryFields)} span={8} view="chart">
        {(result) => (
          <BarChart
            title="Revenue by category"
            valueField={result.fields.find((f) => f.name === REVENUE)}
            data={result.rows.map((row) => ({ label: String(row['products.category']), value: Number(row[REVENUE]) }))}
          />
        )}
      </SuspenseTile>
      <SuspenseTile title="Top products" query={queryOf(tableQueryFields)} span={12} view="table">
        {(result) => <ResultTable caption="Top products" fields={result.fields} rows={result.rows} />}
      </SuspenseTile>
    </ScenarioPage>
  );
}

/**
 * Resolves with what `find` returns once it is not `null`, checking every 50 ms. Testing Library's
 * `waitFor` runs its checks inside React's `act()` in this runner, which holds back the re-render of a
 * Suspense boundary whose retry comes from an error boundary's reset; a plain timer does not.
 */
async function poll<T>(find: () => T | null, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== null) return found;
    if (Date.now() > deadline) throw new Error(`Nothing found within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const meta = {
  title: 'Scenarios/Suspense dashboard',
  component: SuspenseDashboard,
  decorators: [withFakeOmni],
} satisfies Meta<typeof SuspenseDashboard>;
export default meta;

/**
 * `useSuspenseOmniQuery`: skeletons as Suspense fallbacks, one tile per boundary. The chart's first run
 * is killed by the warehouse: its error boundary shows it with "Try again", the other tiles are not
 * touched, and the retry is one new run that fills the chart. (The play ends on the recovered page; the
 * next story stays on the error.)
 */
export const SuspenseDashboardStory: StoryObj<typeof meta> = {
  name: 'Suspense dashboard',
  parameters: { ...recovers.parameters },
  beforeEach: recovers.beforeEach,
  play: async ({ canvas, userEvent, step }) => {
    const tile = (name: string) => within(canvas.getByRole('region', { name }));
    const runs = () => recovers.fake.runRequests().length;

    await step('every tile suspends with its skeleton', async () => {
      await waitFor(() => expect(runs()).toBe(3));
      await expect(canvas.getAllByTestId('skeleton')).toHaveLength(3);
      await expect(canvas.getAllByRole('status')).toHaveLength(3);
    });

    await step('the runs end: two tiles show data, the chart its own error with "Try again"', async () => {
      recovers.fake.releaseHeld();
      recovers.fake.hold(false);
      await expect(await poll(() => tile('Revenue').queryByTestId('kpi-value'), 10_000)).toHaveTextContent('$4.8M');
      await expect(await poll(() => tile('Top products').queryByRole('table'), 10_000)).toHaveTextContent('Alpine Down Parka');
      const alert = await tile('Revenue by category').findByRole('alert', {}, { timeout: 5000 });
      await expect(within(alert).getByText('Omni could not run this query')).toBeVisible();
      await expect(within(alert).getByText(KILLED)).not.toBeVisible();
      await expect(canvas.getAllByRole('alert')).toHaveLength(1);
    });

    await step('"Try again" runs the chart once more; the other tiles are not asked again', async () => {
      await userEvent.click(tile('Revenue by category').getByRole('button', { name: 'Try again' }));
      const chart = await poll(() => tile('Revenue by category').queryByRole('img', { name: 'Revenue by category' }), 10_000);
      await expect(within(chart).getAllByTestId('bar')).toHaveLength(8);
      await expect(canvas.queryByRole('alert')).toBeNull();
      await expect(runs()).toBe(4);
      await expect(recovers.fake.runs.filter((run) => run.query.fields.includes('products.category'))).toHaveLength(2);
      await expect(tile('Revenue').getByTestId('kpi-value')).toHaveTextContent('$4.8M');
    });
  },
};

/**
 * The same page while the warehouse kills every run of the chart: what a visitor sees when a tile's
 * query fails. That tile's error boundary shows the failure in plain words with "Try again"; the other
 * tiles show their data. "Try again" is one new run of the chart alone, which fails again, so the page
 * stays as a visitor would find it.
 */
export const SuspenseTileFails: StoryObj<typeof meta> = {
  name: 'Suspense: a tile fails',
  parameters: { ...keepsFailing.parameters },
  beforeEach: keepsFailing.beforeEach,
  play: async ({ canvas, canvasElement, userEvent, step }) => {
    const tile = (name: string) => within(canvas.getByRole('region', { name }));
    const chartRuns = () => keepsFailing.fake.runs.filter((run) => run.query.fields.includes('products.category')).length;

    await step('on load: data in two tiles, the chart tile’s error with "Try again", nothing else', async () => {
      // Not `findByRole`: its checks run inside `act()`, which holds back the error boundary's render (see `poll`).
      const alert = await poll(() => tile('Revenue by category').queryByRole('alert'), 10_000);
      await expect(within(alert).getByText('Omni could not run this query')).toBeVisible();
      await expect(within(alert).getByRole('button', { name: 'Try again' })).toBeVisible();
      await expect(within(alert).getByText(KILLED)).not.toBeVisible();
      await expect(await poll(() => tile('Revenue').queryByTestId('kpi-value'), 10_000)).toHaveTextContent('$4.8M');
      await expect(await poll(() => tile('Top products').queryByRole('table'), 10_000)).toHaveTextContent('Alpine Down Parka');
      await expect(canvas.getAllByRole('alert')).toHaveLength(1);
      await expect(contrastFailures(canvasElement)).toEqual([]);
    });

    await step('"Try again" is one new run of the chart alone; it fails again and the error is back', async () => {
      await expect(chartRuns()).toBe(1);
      await userEvent.click(tile('Revenue by category').getByRole('button', { name: 'Try again' }));
      // A new run (the boundary was reset), then its failure: the tile's error again.
      const alert = await poll(() => (chartRuns() === 2 ? tile('Revenue by category').queryByRole('alert') : null), 10_000);
      await expect(within(alert).getByRole('button', { name: 'Try again' })).toBeVisible();
      await expect(chartRuns()).toBe(2);
      await expect(keepsFailing.fake.runRequests()).toHaveLength(4);
      await expect(canvas.getAllByRole('alert')).toHaveLength(1);
    });
  },
};
