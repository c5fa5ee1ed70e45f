import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import docsResult from '../../test/fixtures/omni-docs-result.b64?raw';
import { ResultTable } from '../components/ResultTable.js';
import { summaryOf, type FieldSpec } from '../support/demoData.js';
import { singleTileStory } from '../support/singleTileStory.js';

const userFields: FieldSpec[] = [
  ['inventory_items.product_department', 'Product Department', 'STRING'],
  ['inventory_items.product_category', 'Product Category', 'STRING'],
  ['inventory_items.product_brand', 'Product Brand', 'STRING'],
  ['inventory_items.count', 'Inventory Items Count', 'NUMBER', 'NUMBER_0'],
];

const { meta: base, story } = singleTileStory({
  page: {
    title: 'Real Omni payload',
    subtitle: "The result printed in Omni's API documentation, with Omni's sort keys and grouping columns",
  },
  tile: { title: 'Inventory by brand', bodyHeight: 440 },
  jobId: 'job-omni-docs-example',
  job: () => ({
    // The `result` of the job line in Omni's API docs, byte for byte: Arrow stream with internal columns.
    result: docsResult.trim(),
    fields: userFields.map(([name]) => name),
    summary: summaryOf(userFields, 'SELECT product_department, product_category, product_brand, COUNT(*) … LIMIT 10'),
  }),
  internalColumnsToggle: true,
  render: (job) => <ResultTable caption="Inventory by brand" fields={job.fields} rows={job.rows} showFieldNames />,
});

const meta = { ...base, title: 'Scenarios/Real Omni payload' } satisfies Meta<typeof base.component>;
export default meta;

/** The docs fixture: four user columns by default; the toggle reveals `ssort_*` and `$omni_*` as well. */
export const RealOmniPayloadStory: StoryObj<typeof meta> = {
  ...story,
  name: 'Real Omni payload',
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
