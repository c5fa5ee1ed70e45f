import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import type { OmniQuery } from '../../src/index.js';
import { KpiValue } from '../components/KpiValue.js';
import { OmniTile } from '../components/OmniTile.js';
import { ScenarioPage } from '../components/ScenarioPage.js';
import { createBudgetGate } from '../support/budgetGate.js';
import { summaryOf } from '../support/demoData.js';
import { fakeOmniScenario } from '../support/fakeOmniScenario.js';
import { createRunFake } from '../support/runFake.js';
import type { OmniStoryParameters } from '../support/withFakeOmni.js';
import { withFakeOmni } from '../support/withFakeOmni.js';

const TILES = 40;
/** The budget, for the client and the fake server alike: far fewer requests than the page has tiles. */
const BUDGET = { requests: 10, intervalMs: 1000 };
const STORES = Array.from({ length: TILES }, (_, i) => `Store ${String(i + 1).padStart(2, '0')}`);
const REVENUE = 'order_items.total_revenue';

const storeQuery = (store: string): OmniQuery => ({
  modelId: 'b2f5c0de-demo-model',
  table: 'order_items',
  fields: [REVENUE],
  filters: { 'stores.name': store },
});

const scenario = fakeOmniScenario(() => {
  const gate = createBudgetGate(BUDGET.requests, BUDGET.intervalMs);
  const fake = createRunFake({
    jobFor: (query) => {
      const store = String(query.filters?.['stores.name'] ?? '');
      const n = Number(store.slice(-2));
      return {
        table: { [REVENUE]: [n * 1000 + 0.5] },
        summary: summaryOf([[REVENUE, 'Revenue', 'NUMBER', 'USD']], 'SELECT SUM(sale_price) …'),
      };
    },
  });
  // The gate answers first: beyond the budget a 429, otherwise the fake Omni.
  return { ...fake, gate, handle: async (request: Request) => gate.refuse() ?? fake.handle(request) };
});

function RequestBudget() {
  return (
    <ScenarioPage
      title="Forty stores"
      subtitle={`40 tiles, each its own query, against an Omni that allows ${BUDGET.requests} requests a second: the client spaces its requests to fit`}
    >
      {STORES.map((store) => (
        <OmniTile key={store} title={store} query={storeQuery(store)} span={3} view="kpi" meta="Revenue, 30 days">
          {(result) => <KpiValue value={result.rows[0]?.[REVENUE]} field={result.fields[0]} />}
        </OmniTile>
      ))}
    </ScenarioPage>
  );
}

const meta = {
  title: 'Scenarios/Request budget',
  component: RequestBudget,
  decorators: [withFakeOmni],
} satisfies Meta<typeof RequestBudget>;
export default meta;

/** Most requests in any `intervalMs` window, by arrival at the server. */
function busiestWindow(arrivals: readonly number[], intervalMs: number): number {
  return Math.max(0, ...arrivals.map((start) => arrivals.filter((at) => at >= start && at < start + intervalMs).length));
}

/**
 * `createOmniClient({ rateLimit })`: the client holds each request until the budget has room, so 40 runs
 * fit a server that answers 429 beyond 10 a second. Every tile completes and the server refuses nothing.
 */
export const RequestBudgetStory: StoryObj<typeof meta> = {
  name: 'Request budget',
  parameters: { ...scenario.parameters, omni: { rateLimit: BUDGET } satisfies OmniStoryParameters },
  beforeEach: scenario.beforeEach,
  play: async ({ canvas, step }) => {
    await step('every one of the 40 tiles gets its number', async () => {
      await waitFor(() => expect(canvas.getAllByTestId('kpi-value')).toHaveLength(TILES), { timeout: 12_000 });
      await expect(within(canvas.getByRole('region', { name: 'Store 40' })).getByTestId('kpi-value')).toHaveAttribute(
        'title',
        '$40,000.50',
      );
      await expect(canvas.queryByRole('alert')).toBeNull();
    });

    await step('one run per tile, none refused: zero 429 in the fake’s log', async () => {
      await expect(scenario.fake.runRequests()).toHaveLength(TILES);
      await expect(scenario.fake.gate.refused).toBe(0);
      await expect(scenario.fake.omni.requests.filter((request) => request.status === 429)).toEqual([]);
      await expect(busiestWindow(scenario.fake.gate.admitted, BUDGET.intervalMs - 300)).toBeLessThanOrEqual(BUDGET.requests);
    });
  },
};
