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
const SQL = 'SELECT product_brand, product_department, COUNT(*) FROM inventory_items GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 5';

const scenario = fakeOmniScenario(() => {
  const omni = createFakeOmni({ baseUrl: FAKE_OMNI_ORIGIN, holdMs: 300 });
  omni.addJob({ id: JOB, table: brandTable(), finishAfterPolls: 1, summary: summaryOf(brandFields, SQL) });
  return omni;
});

function SingleJob({ jobId }: { jobId: string }) {
  return (
    <ScenarioPage title="Inventory by brand" subtitle="One job, one table: column headers are Omni's labels from summary.fields">
      <QueryTile title="Top brands" jobId={jobId} view="table" bodyHeight={340}>
        {(job) => (
          <>
            <ResultTable caption="Top brands" fields={job.fields} rows={job.rows} showFieldNames />
            {job.summary?.displaySql ? <pre className="oq-sql">{job.summary.displaySql}</pre> : null}
          </>
        )}
      </QueryTile>
    </ScenarioPage>
  );
}

const meta = {
  title: 'Scenarios/Single job',
  component: SingleJob,
  decorators: [withFakeOmni],
  args: { jobId: JOB },
} satisfies Meta<typeof SingleJob>;
export default meta;

/** One job that times out once, then completes: a spinner, then a table labelled from `summary.fields`. */
export const SingleJobStory: StoryObj<typeof meta> = {
  name: 'Single job',
  parameters: { ...scenario.parameters },
  beforeEach: scenario.beforeEach,
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('status')).toBeVisible();
    const table = await canvas.findByRole('table', { name: 'Top brands' }, { timeout: 5000 });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((th) => th.firstChild?.textContent);
    await expect(headers).toEqual(['Brand', 'Department', 'Inventory Items Count']);
    const rows = within(table).getAllByRole('row');
    await expect(rows).toHaveLength(6);
    await expect(
      within(rows[1]!)
        .getAllByRole('cell')
        .map((td) => td.textContent),
    ).toEqual(['Calvin Klein', 'Men', '1,212']);
    await expect(canvas.getByText(SQL)).toBeVisible();
    await expect(canvas.getByRole('region', { name: 'Top brands' })).toHaveTextContent('5 rows');
    await expect(scenario.fake.waitRequests()).toHaveLength(2);
  },
};
