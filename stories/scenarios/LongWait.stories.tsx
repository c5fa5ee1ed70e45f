import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { createFakeOmni } from '../../test/fakeOmni.js';
import { QueryTile } from '../components/QueryTile.js';
import { ResultTable } from '../components/ResultTable.js';
import { ScenarioPage } from '../components/ScenarioPage.js';
import { brandFields, brandTable, summaryOf } from '../support/demoData.js';
import { FAKE_OMNI_ORIGIN } from '../support/fakeOrigin.js';
import { fakeOmniScenario } from '../support/fakeOmniScenario.js';
import { withFakeOmni } from '../support/withFakeOmni.js';

const JOB = 'job-slow-warehouse-query';
const HOLD_MS = 400;
const TIMED_OUT_POLLS = 4;

const scenario = fakeOmniScenario(() => {
  // Omni holds each wait ~30 s; here 400 ms, so the story shows four timed-out polls in under two seconds.
  const omni = createFakeOmni({ baseUrl: FAKE_OMNI_ORIGIN, holdMs: HOLD_MS });
  omni.addJob({ id: JOB, table: brandTable(), finishAfterPolls: TIMED_OUT_POLLS, summary: summaryOf(brandFields, 'SELECT …') });
  return omni;
});

function LongWait({ jobId }: { jobId: string }) {
  return (
    <ScenarioPage
      title="Long wait"
      subtitle="A query the warehouse takes its time with: the tile says what it waits for, and for how long"
    >
      <QueryTile title="Inventory by brand" jobId={jobId} view="table" bodyHeight={240}>
        {(job) => <ResultTable caption="Inventory by brand" fields={job.fields} rows={job.rows} />}
      </QueryTile>
    </ScenarioPage>
  );
}

const meta = {
  title: 'Scenarios/Long wait',
  component: LongWait,
  decorators: [withFakeOmni],
  args: { jobId: JOB },
} satisfies Meta<typeof LongWait>;
export default meta;

/**
 * Four waits time out (footer `timed_out: "true"`, no job line) before the fifth returns the rows. The
 * tile says what the user waits for and counts the seconds; it never speaks of polls.
 */
export const LongWaitStory: StoryObj<typeof meta> = {
  name: 'Long wait',
  parameters: { ...scenario.parameters },
  beforeEach: scenario.beforeEach,
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
