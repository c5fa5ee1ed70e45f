import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { RETRY_LIMITS } from '../../src/client/retryPolicy.js';
import { createFakeOmni } from '../../src/testing/index.js';
import { FAKE_OMNI_ORIGIN } from '../support/fakeOrigin.js';
import { fakeOmniScenario } from '../support/fakeOmniScenario.js';
import { salesDashboardMeta, salesJobs } from './SalesDashboard.js';

/** The first request and each retry the hook makes on its own. */
const FAILED_ATTEMPTS = RETRY_LIMITS.transient + 1;

const scenario = fakeOmniScenario(() => {
  const omni = createFakeOmni({ baseUrl: FAKE_OMNI_ORIGIN });
  omni.addJob(...salesJobs());
  // The connection drops for as long as the hook keeps retrying by itself; the user's retry gets through.
  omni.failNext('network', FAILED_ATTEMPTS);
  return omni;
});

const meta = { ...salesDashboardMeta, title: 'Scenarios/Omni unreachable' } satisfies Meta<typeof salesDashboardMeta.component>;
export default meta;

/**
 * The network fails: the hook retries with backoff, then gives up. The page shows one banner with
 * "Try again"; the user's retry gets through and every tile fills in.
 */
export const OmniUnreachable: StoryObj<typeof meta> = {
  name: 'Omni unreachable',
  parameters: { ...scenario.parameters },
  beforeEach: scenario.beforeEach,
  play: async ({ canvas, userEvent, step }) => {
    await step('after the automatic retries, one banner and six quiet tiles', async () => {
      // The retries back off (jittered, up to 1 + 2 + 4 s): the banner comes when they are spent.
      const banner = await canvas.findByRole('alert', {}, { timeout: 15_000 });
      await expect(within(banner).getByText('Omni could not be reached')).toBeVisible();
      await expect(within(banner).getByText('Check your connection, then try again.')).toBeVisible();
      await expect(banner.innerText).not.toMatch(/network|kind|fetch/i);
      await expect(canvas.getAllByRole('alert')).toHaveLength(1);
      await expect(canvas.getAllByText('Not loaded')).toHaveLength(6);
      await expect(scenario.fake.requests.map((request) => request.status)).toEqual(Array(FAILED_ATTEMPTS).fill(0));
    });

    await step('"Try again" gets through: the banner goes and every tile shows its data', async () => {
      await userEvent.click(canvas.getByRole('button', { name: 'Try again' }));
      const table = await canvas.findByRole('table', { name: 'Top products' }, { timeout: 5000 });
      await expect(table).toHaveTextContent('Alpine Down Parka');
      await expect(within(canvas.getByRole('region', { name: 'Revenue' })).getByTestId('kpi-value')).toHaveTextContent('$4.8M');
      await waitFor(() => expect(canvas.queryByRole('alert')).toBeNull());
      await expect(canvas.queryByText('Not loaded')).toBeNull();
      await expect(scenario.fake.requests.at(-1)?.status).toBe(200);
    });
  },
};
