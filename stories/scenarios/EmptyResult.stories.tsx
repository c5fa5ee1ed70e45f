import type { Meta, StoryObj } from '@storybook/react-vite';
import { Float64, Table, Utf8, vectorFromArray } from 'apache-arrow';
import { expect, within } from 'storybook/test';
import { createFakeOmni } from '../../test/fakeOmni.js';
import { QueryTile } from '../components/QueryTile.js';
import { ResultTable } from '../components/ResultTable.js';
import { ScenarioPage } from '../components/ScenarioPage.js';
import { summaryOf } from '../support/demoData.js';
import { FAKE_OMNI_ORIGIN } from '../support/fakeOrigin.js';
import { fakeOmniScenario } from '../support/fakeOmniScenario.js';
import { withFakeOmni } from '../support/withFakeOmni.js';

const JOB = 'job-returns-in-antarctica';

const scenario = fakeOmniScenario(() => {
  const omni = createFakeOmni({ baseUrl: FAKE_OMNI_ORIGIN });
  // A real schema with zero rows: what Omni sends when the filters match nothing.
  const empty = new Table({
    'users.country': vectorFromArray([] as string[], new Utf8()),
    'order_items.total_revenue': vectorFromArray([] as number[], new Float64()),
  });
  omni.addJob({
    id: JOB,
    table: empty,
    summary: summaryOf(
      [
        ['users.country', 'Country', 'STRING'],
        ['order_items.total_revenue', 'Revenue', 'NUMBER', 'USD'],
      ],
      "SELECT country, SUM(sale_price) FROM order_items WHERE country = 'Antarctica' GROUP BY 1",
    ),
  });
  return omni;
});

function EmptyResult({ jobId }: { jobId: string }) {
  return (
    <ScenarioPage title="Empty result" subtitle="The job completed and matched nothing: an empty state, not an error">
      <QueryTile title="Revenue by country" jobId={jobId} span={6} view="table" bodyHeight={240}>
        {(job) => <ResultTable caption="Revenue by country" fields={job.fields} rows={job.rows} />}
      </QueryTile>
    </ScenarioPage>
  );
}

const meta = {
  title: 'Scenarios/Empty result',
  component: EmptyResult,
  decorators: [withFakeOmni],
  args: { jobId: JOB },
} satisfies Meta<typeof EmptyResult>;
export default meta;

/** Zero rows: the tile says so in words and shows no table, no spinner and no error. */
export const EmptyResultStory: StoryObj<typeof meta> = {
  name: 'Empty result',
  parameters: { ...scenario.parameters },
  beforeEach: scenario.beforeEach,
  play: async ({ canvas }) => {
    const tile = within(canvas.getByRole('region', { name: 'Revenue by country' }));
    const empty = await tile.findByRole('note', { name: 'Empty result' }, { timeout: 5000 });
    await expect(empty).toHaveTextContent('No rows');
    await expect(canvas.getByRole('region', { name: 'Revenue by country' })).toHaveTextContent('0 rows');
    await expect(tile.queryByRole('table')).toBeNull();
    await expect(tile.queryByRole('status')).toBeNull();
    await expect(tile.queryByRole('alert')).toBeNull();
  },
};
