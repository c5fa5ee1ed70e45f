import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { createFakeOmni } from '../../test/fakeOmni.js';
import { QueryTile } from '../components/QueryTile.js';
import { ResultTable } from '../components/ResultTable.js';
import { ScenarioPage } from '../components/ScenarioPage.js';
import { brandFields, brandTable, summaryOf } from '../support/demoData.js';
import { FAKE_OMNI_ORIGIN } from '../support/fakeOrigin.js';
import { fakeOmniScenario } from '../support/fakeOmniScenario.js';
import { withFakeOmni } from '../support/withFakeOmni.js';

const JOB = 'job-inventory-by-brand';
const RETRY_AFTER_S = 1;

const scenario = fakeOmniScenario(() => {
  const omni = createFakeOmni({ baseUrl: FAKE_OMNI_ORIGIN });
  omni.addJob({ id: JOB, table: brandTable(), summary: summaryOf(brandFields, 'SELECT …') });
  // The first wait is over Omni's 60-per-minute limit.
  omni.failNext({
    status: 429,
    headers: { 'Retry-After': String(RETRY_AFTER_S) },
    body: { error: { code: 429, message: 'Rate limit exceeded' } },
  });
  return omni;
});

function RateLimited({ jobId }: { jobId: string }) {
  return (
    <ScenarioPage
      title="Rate limited"
      subtitle={`Omni answers 429 with Retry-After: ${RETRY_AFTER_S}; the hook waits that long, then asks again`}
    >
      <QueryTile title="Inventory by brand" jobId={jobId} view="table" bodyHeight={240}>
        {(job) => <ResultTable caption="Inventory by brand" fields={job.fields} rows={job.rows} />}
      </QueryTile>
    </ScenarioPage>
  );
}

const meta = {
  title: 'Scenarios/Rate limited',
  component: RateLimited,
  decorators: [withFakeOmni],
  args: { jobId: JOB },
} satisfies Meta<typeof RateLimited>;
export default meta;

/** A 429 with `Retry-After` is not an error for the user: the tile keeps its spinner, then shows the rows. */
export const RateLimitedStory: StoryObj<typeof meta> = {
  name: 'Rate limited',
  parameters: { ...scenario.parameters },
  beforeEach: scenario.beforeEach,
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
