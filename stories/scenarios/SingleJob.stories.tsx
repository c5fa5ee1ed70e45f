import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { ResultTable } from '../components/ResultTable.js';
import { brandFields, brandTable, summaryOf } from '../support/demoData.js';
import { singleTileStory } from '../support/singleTileStory.js';

const SQL = 'SELECT product_brand, product_department, COUNT(*) FROM inventory_items GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 5';

const {
  scenario,
  meta: base,
  story,
} = singleTileStory({
  page: { title: 'Inventory by brand', subtitle: "One job, one table: column headers are Omni's labels from summary.fields" },
  tile: { title: 'Top brands', bodyHeight: 340 },
  jobId: 'job-inventory-by-brand',
  job: () => ({ table: brandTable(), after: 1, summary: summaryOf(brandFields, SQL) }),
  omni: { holdMs: 300 },
  render: (job) => (
    <>
      <ResultTable caption="Top brands" fields={job.fields} rows={job.rows} showFieldNames />
      {job.summary?.displaySql ? <pre className="oq-sql">{job.summary.displaySql}</pre> : null}
    </>
  ),
});

const meta = { ...base, title: 'Scenarios/Single job' } satisfies Meta<typeof base.component>;
export default meta;

/** One job that times out once, then completes: a spinner, then a table labelled from `summary.fields`. */
export const SingleJobStory: StoryObj<typeof meta> = {
  ...story,
  name: 'Single job',
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
