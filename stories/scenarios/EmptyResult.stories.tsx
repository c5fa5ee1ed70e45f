import type { Meta, StoryObj } from '@storybook/react-vite';
import { Float64, Table, Utf8, vectorFromArray } from 'apache-arrow';
import { expect, within } from 'storybook/test';
import { summaryOf } from '../support/demoData.js';
import { singleTileStory } from '../support/singleTileStory.js';

const { meta: base, story } = singleTileStory({
  page: { title: 'Empty result', subtitle: 'The job completed and matched nothing: an empty state, not an error' },
  tile: { title: 'Revenue by country', bodyHeight: 240, span: 6 },
  jobId: 'job-returns-in-antarctica',
  job: () => ({
    // A real schema with zero rows: what Omni sends when the filters match nothing.
    table: new Table({
      'users.country': vectorFromArray([] as string[], new Utf8()),
      'order_items.total_revenue': vectorFromArray([] as number[], new Float64()),
    }),
    summary: summaryOf(
      [
        ['users.country', 'Country', 'STRING'],
        ['order_items.total_revenue', 'Revenue', 'NUMBER', 'USD'],
      ],
      "SELECT country, SUM(sale_price) FROM order_items WHERE country = 'Antarctica' GROUP BY 1",
    ),
  }),
});

const meta = { ...base, title: 'Scenarios/Empty result' } satisfies Meta<typeof base.component>;
export default meta;

/** Zero rows: the tile says so in words and shows no table, no spinner and no error. */
export const EmptyResultStory: StoryObj<typeof meta> = {
  ...story,
  name: 'Empty result',
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
