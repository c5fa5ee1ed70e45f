import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { formatValue } from '../components/formatValue.js';
import { VirtualTable } from '../components/VirtualTable.js';
import { orderAt, orderFields, ordersTable, summaryOf } from '../support/demoData.js';
import { singleTileStory } from '../support/singleTileStory.js';

const ROWS = 200_000;

const { meta: base, story } = singleTileStory({
  page: {
    title: 'Large result',
    subtitle: '200,000 rows, decoded once; the table reads only the cells in view from the column arrays',
  },
  tile: { title: 'All orders', bodyHeight: 480 },
  jobId: 'job-all-orders',
  job: () => ({
    table: ordersTable(ROWS),
    summary: summaryOf(orderFields, 'SELECT id, created_at, email, status, amount FROM orders'),
  }),
  render: (job) => (
    <VirtualTable caption="All orders" fields={job.fields} columns={job.columns} numRows={job.numRows} height={480} />
  ),
});

const meta = { ...base, title: 'Scenarios/Large result' } satisfies Meta<typeof base.component>;
export default meta;

const rowAt = (table: HTMLElement, ariaIndex: number) =>
  table.querySelector<HTMLElement>(`[role="row"][aria-rowindex="${ariaIndex}"]`);

/** 200k rows in a virtualized table: a few dozen rows in the DOM at any time, wherever you scroll. */
export const LargeResultStory: StoryObj<typeof meta> = {
  ...story,
  name: 'Large result',
  play: async ({ canvas, step }) => {
    const table = await canvas.findByRole('table', { name: 'All orders' }, { timeout: 20_000 });
    const fields = within(table)
      .getAllByRole('columnheader')
      .map((header) => header.textContent);
    await expect(fields).toEqual(['Order ID', 'Created', 'Customer', 'Status', 'Amount']);
    await expect(table).toHaveAttribute('aria-rowcount', String(ROWS + 1));
    await expect(canvas.getByRole('region', { name: 'All orders' })).toHaveTextContent('200,000 rows');

    const renderedRows = () => within(table).getAllByRole('row').length - 1;
    await expect(renderedRows()).toBeLessThan(60);

    await step('scroll to the middle', async () => {
      table.scrollTop = table.scrollHeight / 2;
      await waitFor(() => expect(rowAt(table, ROWS / 2 + 1)).not.toBeNull());
      await expect(renderedRows()).toBeLessThan(60);
    });

    await step('scroll to the end and read the last row', async () => {
      table.scrollTop = table.scrollHeight;
      const last = await waitFor(() => {
        const row = rowAt(table, ROWS + 1);
        if (!row) throw new Error('the last row is not rendered yet');
        return row;
      });
      const order = orderAt(ROWS - 1);
      const expected = [order.id, order.createdAt, order.email, order.status, order.amount].map(
        (value, i) => formatValue(value, { format: orderFields[i]?.[3] }).text,
      );
      await expect(
        within(last)
          .getAllByRole('cell')
          .map((cell) => cell.textContent),
      ).toEqual(expected);
      await expect(expected[0]).toBe('300000');
      await expect(renderedRows()).toBeLessThan(60);
    });
  },
};
