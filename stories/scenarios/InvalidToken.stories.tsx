import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { createFakeOmni } from '../../test/fakeOmni.js';
import { kpiFields, kpiTable, summaryOf, topProductFields, topProductsTable, categoryTable, categoryFields } from '../support/demoData.js';
import { FAKE_OMNI_ORIGIN } from '../support/fakeOrigin.js';
import { fakeOmniScenario } from '../support/fakeOmniScenario.js';
import { withFakeOmni, type OmniStoryParameters } from '../support/withFakeOmni.js';
import { SalesDashboard } from './SalesDashboard.js';

const jobs = { kpis: 'job-kpis', categories: 'job-categories', products: 'job-top-products' };
const WRONG_TOKEN = 'omni_osk_revoked_7f3a9c2e1b';

const scenario = fakeOmniScenario(() => {
  // Only this token is accepted; the story's client sends another one, so every request gets Omni's 403.
  const omni = createFakeOmni({ baseUrl: FAKE_OMNI_ORIGIN, token: 'omni_osk_the_right_one' });
  omni.addJob(
    { id: jobs.kpis, table: kpiTable(), summary: summaryOf(kpiFields, 'SELECT …') },
    { id: jobs.categories, table: categoryTable(), summary: summaryOf(categoryFields, 'SELECT …') },
    { id: jobs.products, table: topProductsTable(), summary: summaryOf(topProductFields, 'SELECT …') },
  );
  return omni;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const meta = {
  title: 'Scenarios/Invalid token',
  component: SalesDashboard,
  decorators: [withFakeOmni],
  args: { jobs },
} satisfies Meta<typeof SalesDashboard>;
export default meta;

/**
 * Omni answers 403 `{"error":{"code":403,"message":"Invalid bearer token"}}`. Every tile says so in plain
 * words, the token never shows, and the hook does not retry: asking again gives the same answer.
 */
export const InvalidToken: StoryObj<typeof meta> = {
  parameters: { ...scenario.parameters, omni: { token: WRONG_TOKEN } satisfies OmniStoryParameters },
  beforeEach: scenario.beforeEach,
  play: async ({ canvas }) => {
    await waitFor(() => expect(canvas.getAllByRole('alert')).toHaveLength(6), { timeout: 5000 });
    for (const alert of canvas.getAllByRole('alert')) {
      await expect(alert).toHaveTextContent('Omni refused the request (HTTP 403)');
      await expect(alert).toHaveTextContent('Invalid bearer token');
    }
    await expect(canvas.queryByRole('status')).toBeNull();
    await expect(within(canvas.getByRole('main')).queryByText(new RegExp(WRONG_TOKEN))).toBeNull();
    await expect(document.body.innerHTML).not.toContain(WRONG_TOKEN);

    // Longer than any retry backoff would wait: a 403 is final, so nothing more is sent.
    await sleep(1500);
    await expect(scenario.fake.requests).toHaveLength(1);
    await expect(scenario.fake.requests[0]?.status).toBe(403);
  },
};
