import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { brandFields, brandTable, summaryOf } from '../support/demoData.js';
import { singleTileStory } from '../support/singleTileStory.js';

const TIMED_OUT_POLLS = 4;

const {
  scenario,
  meta: base,
  story,
} = singleTileStory({
  page: {
    title: 'Long wait',
    subtitle: 'A query the warehouse takes its time with: the tile says what it waits for, and for how long',
  },
  tile: { title: 'Inventory by brand', bodyHeight: 240 },
  jobId: 'job-slow-warehouse-query',
  job: () => ({ table: brandTable(), after: TIMED_OUT_POLLS, summary: summaryOf(brandFields, 'SELECT …') }),
  // Omni holds each wait ~30 s; here 400 ms, so the story shows four timed-out polls in under two seconds.
  omni: { holdMs: 400 },
});

const meta = { ...base, title: 'Scenarios/Long wait' } satisfies Meta<typeof base.component>;
export default meta;

/**
 * Four waits time out (footer `timed_out: "true"`, no job line) before the fifth returns the rows. The
 * tile says what the user waits for and counts the seconds; it never speaks of polls.
 */
export const LongWaitStory: StoryObj<typeof meta> = {
  ...story,
  name: 'Long wait',
  play: async ({ canvas, step }) => {
    const tile = within(canvas.getByRole('region', { name: 'Inventory by brand' }));

    await step('while Omni keeps the query, the tile says so in seconds', async () => {
      await expect(tile.getByRole('status')).toHaveTextContent(/^Waiting for Omni… \d+ s$/);
      await waitFor(
        () => {
          // Three long polls have timed out and the job is still running: the tile still waits, in words.
          expect(scenario.fake.waitRequests().length).toBeGreaterThanOrEqual(3);
          expect(tile.queryByRole('table')).toBeNull();
          expect(tile.getByRole('status')).toHaveTextContent(/^Waiting for Omni… \d+ s$/);
        },
        { timeout: 5000 },
      );
      await expect(canvas.getByRole('main')).not.toHaveTextContent(/poll/i);
    });

    await step('then the data replaces the skeleton', async () => {
      const table = await tile.findByRole('table', { name: 'Inventory by brand' }, { timeout: 5000 });
      await expect(table).toHaveTextContent('Calvin Klein');
      await expect(tile.queryByRole('status')).toBeNull();
      // One request per poll, none in parallel: four timed out, the fifth returned the job.
      await expect(scenario.fake.waitRequests()).toHaveLength(TIMED_OUT_POLLS + 1);
      await expect(scenario.fake.maxInFlight).toBe(1);
    });
  },
};
