import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { createFakeOmni } from '../../src/testing/index.js';
import { FAKE_OMNI_ORIGIN } from '../support/fakeOrigin.js';
import { fakeOmniScenario } from '../support/fakeOmniScenario.js';
import { contrastFailures } from '../support/layoutChecks.js';
import type { OmniStoryParameters } from '../support/withFakeOmni.js';
import { salesDashboardMeta, salesJobs } from './SalesDashboard.js';

const WRONG_TOKEN = 'omni_osk_revoked_7f3a9c2e1b';

const scenario = fakeOmniScenario(() => {
  // Only this token is accepted; the story's client sends another one, so every request gets Omni's 403.
  const omni = createFakeOmni({ baseUrl: FAKE_OMNI_ORIGIN, token: 'omni_osk_the_right_one' });
  omni.addJob(...salesJobs());
  return omni;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const meta = { ...salesDashboardMeta, title: 'Scenarios/Invalid token' } satisfies Meta<typeof salesDashboardMeta.component>;
export default meta;

/**
 * Omni answers 403 `{"error":{"code":403,"message":"Invalid bearer token"}}` to the one wait request all
 * tiles share. The page says so once, in plain words, with a way to try again; the tiles keep their place
 * and stay quiet; the token never shows; and nothing is retried behind the user's back.
 */
export const InvalidToken: StoryObj<typeof meta> = {
  name: 'Invalid token',
  parameters: { ...scenario.parameters, omni: { token: WRONG_TOKEN } satisfies OmniStoryParameters },
  beforeEach: scenario.beforeEach,
  play: async ({ canvas, canvasElement, userEvent, step }) => {
    await step('one banner for the page, in plain words; the technical details are folded away', async () => {
      const banner = await canvas.findByRole('alert', {}, { timeout: 5000 });
      await expect(canvas.getAllByRole('alert')).toHaveLength(1);
      await expect(within(banner).getByText('Omni refused access to this dashboard')).toBeVisible();
      await expect(within(banner).getByText(/Sign in again/)).toBeVisible();
      // What is on screen (innerText skips the closed disclosure) has no debug words.
      await expect(banner.innerText).not.toMatch(/kind|http|403|bearer/i);
      const details = banner.querySelector('details')!;
      await expect(details.open).toBe(false);
      await expect(within(details).getByText('http')).not.toBeVisible();
      await expect(within(details).getByText('403')).not.toBeVisible();
    });

    await step('the six tiles keep their place and say only "Not loaded"', async () => {
      await waitFor(() => expect(canvas.getAllByText('Not loaded')).toHaveLength(6));
      await expect(canvas.queryByRole('status')).toBeNull();
      await expect(canvas.getAllByRole('button')).toHaveLength(1);
      await expect(contrastFailures(canvasElement)).toEqual([]);
    });

    await step('the token shows nowhere', async () => {
      await expect(within(canvas.getByRole('main')).queryByText(new RegExp(WRONG_TOKEN))).toBeNull();
      await expect(document.body.innerHTML).not.toContain(WRONG_TOKEN);
    });

    await step('a 403 is final: nothing more is sent until the user asks', async () => {
      // Longer than any retry backoff would wait.
      await sleep(1500);
      await expect(scenario.fake.requests).toHaveLength(1);
      await expect(scenario.fake.requests[0]?.status).toBe(403);
    });

    await step('"Try again" asks once more, for every tile at once, and the banner stays', async () => {
      await userEvent.click(canvas.getByRole('button', { name: 'Try again' }));
      await waitFor(() => expect(scenario.fake.requests).toHaveLength(2));
      await waitFor(() => expect(canvas.getByRole('button', { name: 'Try again' })).toBeEnabled());
      await expect(scenario.fake.requests[1]?.status).toBe(403);
      await expect(canvas.getAllByRole('alert')).toHaveLength(1);
    });
  },
};
