import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { createFakeOmni } from '../../src/testing/index.js';
import { FAKE_OMNI_ORIGIN } from '../support/fakeOrigin.js';
import { fakeOmniScenario } from '../support/fakeOmniScenario.js';
import { salesDashboardMeta, salesJobIds as jobs, salesJobs } from './SalesDashboard.js';

const OMNI_MESSAGE = 'Field "products.category_v2" does not exist in view "products"';

const scenario = fakeOmniScenario(() => {
  const omni = createFakeOmni({ baseUrl: FAKE_OMNI_ORIGIN, holdMs: 300 });
  omni.addJob(
    ...salesJobs({
      // Omni's ERROR line: `error_message` and `error_type`, `client_result_id: "null"`, no result.
      categories: { status: 'ERROR', errorMessage: OMNI_MESSAGE, errorType: 'PLAN', after: 1 },
      products: { after: 1 },
    }),
  );
  return omni;
});

const meta = { ...salesDashboardMeta, title: 'Scenarios/Job error' } satisfies Meta<typeof salesDashboardMeta.component>;
export default meta;

/**
 * One of three jobs ends with `status: "ERROR"`: that tile says so in plain words, with Omni's own message
 * for the dashboard's owner under "Details for developers"; the other tiles show their data.
 */
export const JobError: StoryObj<typeof meta> = {
  name: 'Job error',
  parameters: { ...scenario.parameters },
  beforeEach: scenario.beforeEach,
  play: async ({ canvas, userEvent }) => {
    const chartTile = within(canvas.getByRole('region', { name: 'Revenue by category' }));
    const alert = await chartTile.findByRole('alert', {}, { timeout: 5000 });
    await expect(within(alert).getByText('Omni could not run this query')).toBeVisible();
    await expect(alert.innerText).not.toMatch(/kind|PLAN|job-|does not exist/);

    // A developer opens the details and finds Omni's message, its error type and the job.
    await userEvent.click(within(alert).getByText('Details for developers'));
    await expect(within(alert).getByText(OMNI_MESSAGE)).toBeVisible();
    await expect(within(alert).getByText('PLAN')).toBeVisible();
    await expect(within(alert).getByText(jobs.categories)).toBeVisible();

    const productsTile = within(canvas.getByRole('region', { name: 'Top products' }));
    await expect(await productsTile.findByRole('table', {}, { timeout: 5000 })).toHaveTextContent('Alpine Down Parka');
    await expect(within(canvas.getByRole('region', { name: 'Revenue' })).getByTestId('kpi-value')).toHaveTextContent('$4.8M');
    // The failure belongs to its tile only: no page banner.
    await expect(canvas.getAllByRole('alert')).toHaveLength(1);
  },
};
