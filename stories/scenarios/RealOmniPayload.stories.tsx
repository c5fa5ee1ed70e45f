import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, within } from 'storybook/test';
import { createFakeOmni } from '../../test/fakeOmni.js';
import docsResult from '../../test/fixtures/omni-docs-result.b64?raw';
import { QueryTile } from '../components/QueryTile.js';
import { ResultTable } from '../components/ResultTable.js';
import { ScenarioPage } from '../components/ScenarioPage.js';
import { summaryOf, type FieldSpec } from '../support/demoData.js';
import { FAKE_OMNI_ORIGIN } from '../support/fakeOrigin.js';
import { fakeOmniScenario } from '../support/fakeOmniScenario.js';
import { withFakeOmni } from '../support/withFakeOmni.js';

const JOB = 'job-omni-docs-example';
const userFields: FieldSpec[] = [
  ['inventory_items.product_department', 'Product Department', 'STRING'],
  ['inventory_items.product_category', 'Product Category', 'STRING'],
  ['inventory_items.product_brand', 'Product Brand', 'STRING'],
  ['inventory_items.count', 'Inventory Items Count', 'NUMBER', 'NUMBER_0'],
];

const scenario = fakeOmniScenario(() => {
  const omni = createFakeOmni({ baseUrl: FAKE_OMNI_ORIGIN });
  omni.addJob({
    id: JOB,
    // The `result` of the job line in Omni's API docs, byte for byte: Arrow stream with internal columns.
    result: docsResult.trim(),
    fields: userFields.map(([name]) => name),
    summary: summaryOf(userFields, 'SELECT product_department, product_category, product_brand, COUNT(*) … LIMIT 10'),
  });
  return omni;
});

function RealOmniPayload({ jobId }: { jobId: string }) {
  const [showInternal, setShowInternal] = useState(false);
  return (
    <ScenarioPage
      title="Real Omni payload"
      subtitle="The result printed in Omni's API documentation, with Omni's sort keys and grouping columns"
      aside={
        <label className="oq-toggle">
          <input type="checkbox" checked={showInternal} onChange={(event) => setShowInternal(event.target.checked)} />
          Show Omni-internal columns
        </label>
      }
    >
      <QueryTile title="Inventory by brand" jobId={jobId} view="table" bodyHeight={440} includeInternalColumns={showInternal}>
        {(job) => <ResultTable caption="Inventory by brand" fields={job.fields} rows={job.rows} showFieldNames />}
      </QueryTile>
    </ScenarioPage>
  );
}

const meta = {
  title: 'Scenarios/Real Omni payload',
  component: RealOmniPayload,
  decorators: [withFakeOmni],
  args: { jobId: JOB },
} satisfies Meta<typeof RealOmniPayload>;
export default meta;

/** The docs fixture: four user columns by default; the toggle reveals `ssort_*` and `$omni_*` as well. */
export const RealOmniPayloadStory: StoryObj<typeof meta> = {
  name: 'Real Omni payload',
  parameters: { ...scenario.parameters },
  beforeEach: scenario.beforeEach,
  play: async ({ canvas, userEvent, step }) => {
    const headerNames = (table: HTMLElement) =>
      within(table)
        .getAllByRole('columnheader')
        .map((th) => th.dataset['field']);

    const table = await canvas.findByRole('table', { name: 'Inventory by brand' }, { timeout: 5000 });
    await step('only the fields the query asked for, labelled by Omni', async () => {
      await expect(headerNames(table)).toEqual(userFields.map(([name]) => name));
      const firstRow = within(within(table).getAllByRole('row')[1]!).getAllByRole('cell');
      await expect(firstRow.map((cell) => cell.textContent)).toEqual(['Men', 'Accessories', '180s', '284']);
      await expect(within(table).getAllByRole('row')).toHaveLength(11);
    });

    await step('the toggle shows the internal columns too', async () => {
      await userEvent.click(canvas.getByRole('checkbox', { name: 'Show Omni-internal columns' }));
      const all = await canvas.findByRole('table', { name: 'Inventory by brand' });
      await expect(headerNames(all)).toEqual(
        expect.arrayContaining([
          'ssort_0',
          'ssort_1',
          '$omni_group_grouping',
          '$omni_column_total_indicator',
          '$omni_total_sort',
        ]),
      );
      await expect(within(all).getAllByRole('columnheader')).toHaveLength(9);
    });

    await step('and hides them again', async () => {
      await userEvent.click(canvas.getByRole('checkbox', { name: 'Show Omni-internal columns' }));
      await expect(within(canvas.getByRole('table', { name: 'Inventory by brand' })).getAllByRole('columnheader')).toHaveLength(
        4,
      );
    });
  },
};
