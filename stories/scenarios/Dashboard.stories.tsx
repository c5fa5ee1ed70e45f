import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { createFakeOmni } from '../../test/fakeOmni.js';
import {
  categoryFields,
  categoryTable,
  kpiFields,
  kpiTable,
  summaryOf,
  topProductFields,
  topProductsTable,
} from '../support/demoData.js';
import { FAKE_OMNI_ORIGIN } from '../support/fakeOrigin.js';
import { fakeOmniScenario } from '../support/fakeOmniScenario.js';
import { withFakeOmni } from '../support/withFakeOmni.js';
import { SalesDashboard } from './SalesDashboard.js';

const jobs = { kpis: 'job-kpis', categories: 'job-categories', products: 'job-top-products' };

const scenario = fakeOmniScenario(() => {
  const omni = createFakeOmni({ baseUrl: FAKE_OMNI_ORIGIN, holdMs: 400 });
  omni.addJob(
    // Done at the first wait.
    { id: jobs.kpis, table: kpiTable(), summary: summaryOf(kpiFields, 'SELECT SUM(sale_price) …') },
    // The first wait returns the KPIs, the second times out, the third returns the chart's rows.
    { id: jobs.categories, table: categoryTable(), finishAfterPolls: 2, summary: summaryOf(categoryFields, 'SELECT category, SUM(sale_price) … GROUP BY 1') },
    // Runs until the play function releases it, so the partial state is checked without a race.
    { id: jobs.products, table: topProductsTable(), finishAfterPolls: Infinity, summary: summaryOf(topProductFields, 'SELECT name, brand, COUNT(*) … LIMIT 6') },
  );
  return omni;
});

const meta = {
  title: 'Scenarios/Dashboard',
  component: SalesDashboard,
  decorators: [withFakeOmni],
  args: { jobs },
} satisfies Meta<typeof SalesDashboard>;
export default meta;

/**
 * Three jobs that finish at different polls. The KPI cards fill in first, then the chart; the table keeps
 * its spinner until its job ends. All tiles wait through one request at a time.
 */
export const Dashboard: StoryObj<typeof meta> = {
  parameters: { ...scenario.parameters },
  beforeEach: scenario.beforeEach,
  play: async ({ canvas, step }) => {
    const tile = (name: string) => within(canvas.getByRole('region', { name }));

    await step('the KPI job finishes first: its cards show data while the others still wait', async () => {
      await expect(await tile('Revenue').findByText('$4.8M', {}, { timeout: 5000 })).toBeVisible();
      // Exact on hover, compact on the card; whole counts stay whole (Int64 from Omni, a number here).
      await expect(tile('Revenue').getByTestId('kpi-value')).toHaveAttribute('title', '$4,823,517.42');
      await expect(tile('Orders').getByTestId('kpi-value')).toHaveTextContent('81,204');
      await expect(tile('Top products').getByRole('status')).toBeVisible();
      await expect(tile('Top products').queryByRole('table')).toBeNull();
    });

    await step('the chart job finishes at its third poll; the table job still runs', async () => {
      const chart = await tile('Revenue by category').findByRole('img', { name: 'Revenue by category' }, { timeout: 5000 });
      await expect(within(chart).getAllByTestId('bar')).toHaveLength(8);
      await expect(chart).toHaveTextContent('Outerwear & Coats');
      await expect(tile('Top products').getByRole('status')).toHaveTextContent(/polls/);
    });

    await step('the last job is released and the table renders', async () => {
      scenario.fake.release(jobs.products);
      const table = await tile('Top products').findByRole('table', { name: 'Top products' }, { timeout: 5000 });
      await expect(within(table).getAllByRole('row')).toHaveLength(7);
      await expect(table).toHaveTextContent('Alpine Down Parka');
      await expect(table).toHaveTextContent('$568,200.00');
      await expect(canvas.queryByRole('status')).toBeNull();
    });

    await step('the six tiles shared their wait requests: never two in flight, no job asked for twice at once', async () => {
      await expect(scenario.fake.maxInFlight).toBe(1);
      for (const request of scenario.fake.waitRequests()) {
        await expect(new Set(request.jobIds).size).toBe(request.jobIds.length);
      }
      await expect(scenario.fake.waitRequests()[0]?.jobIds).toEqual(expect.arrayContaining(Object.values(jobs)));
    });
  },
};
