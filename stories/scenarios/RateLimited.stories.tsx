import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { brandFields, brandTable, summaryOf } from '../support/demoData.js';
import { singleTileStory } from '../support/singleTileStory.js';

const RETRY_AFTER_S = 1;

const {
  scenario,
  meta: base,
  story,
} = singleTileStory({
  page: {
    title: 'Rate limited',
    subtitle: `Omni answers 429 with Retry-After: ${RETRY_AFTER_S}; the hook waits that long, then asks again`,
  },
  tile: { title: 'Inventory by brand', bodyHeight: 240 },
  jobId: 'job-inventory-by-brand',
  job: () => ({ table: brandTable(), summary: summaryOf(brandFields, 'SELECT …') }),
  // The first wait is over Omni's 60-per-minute limit.
  setup: (omni) =>
    omni.failNext({
      status: 429,
      headers: { 'Retry-After': String(RETRY_AFTER_S) },
      body: { error: { code: 429, message: 'Rate limit exceeded' } },
    }),
});

const meta = { ...base, title: 'Scenarios/Rate limited' } satisfies Meta<typeof base.component>;
export default meta;

/** A 429 with `Retry-After` is not an error for the user: the tile keeps its spinner, then shows the rows. */
export const RateLimitedStory: StoryObj<typeof meta> = {
  ...story,
  name: 'Rate limited',
  play: async ({ canvas }) => {
    const tile = within(canvas.getByRole('region', { name: 'Inventory by brand' }));
    await expect(tile.getByRole('status')).toBeVisible();
    const table = await tile.findByRole('table', {}, { timeout: 5000 });
    await expect(table).toHaveTextContent('Calvin Klein');
    await expect(canvas.queryByRole('alert')).toBeNull();

    const [limited, retried, ...more] = scenario.fake.requests;
    await expect(limited?.status).toBe(429);
    await expect(retried?.status).toBe(200);
    await expect(more).toHaveLength(0);
    // How long the retry waited is asserted with the batcher's pause in the hook tests, not here: no timing in tests.
  },
};
