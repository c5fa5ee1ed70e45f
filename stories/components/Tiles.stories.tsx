import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect } from 'storybook/test';
import { OmniError, type FieldInfo } from '../../src/index.js';
import { BarChart } from './BarChart.js';
import { Card } from './Card.js';
import { EmptyState } from './EmptyState.js';
import { ErrorTile } from './ErrorTile.js';
import { KpiValue } from './KpiValue.js';
import { ProgressTile } from './ProgressTile.js';
import { ResultTable } from './ResultTable.js';

const field = (name: string, label: string, arrowType: string, format?: string): FieldInfo => ({
  name,
  arrowName: name,
  columnIndex: 0,
  label,
  arrowType,
  internal: false,
  ...(format ? { format } : {}),
});

const revenue = field('order_items.total_revenue', 'Revenue', 'Float64', 'USD');

function TileGallery() {
  return (
    <div className="oq-page">
      <div className="oq-grid">
        <Card title="KPI" span={4}>
          <KpiValue value={4_823_517.42} field={revenue} caption="Revenue, last 30 days" />
        </Card>
        <Card title="Still running" span={4}>
          <ProgressTile progress={{ done: 1, total: 3, startedAt: 0, elapsedMs: 12_400, polls: 3 }} omniStatus="EXECUTING" />
        </Card>
        <Card title="Failed" span={4}>
          <ErrorTile
            error={new OmniError('job', 'Job failed', {
              jobId: 'job-42',
              omniMessage: 'Field "order_items.margin" does not exist',
              omniErrorType: 'PLAN',
            })}
          />
        </Card>
        <Card title="Revenue by category" span={7}>
          <BarChart
            title="Revenue by category"
            valueField={revenue}
            data={[
              { label: 'Outerwear', value: 912_340 },
              { label: 'Jeans', value: 804_118 },
              { label: 'Swim', value: 402_871 },
            ]}
          />
        </Card>
        <Card title="Nothing matched" span={5}>
          <EmptyState />
        </Card>
        <Card title="Every value type">
          <ResultTable
            caption="Every value type"
            fields={[
              field('t.number', 'Number', 'Float64'),
              field('t.big', 'Int64 beyond 2^53', 'Int64'),
              field('t.date', 'Date', 'Timestamp<MILLISECOND>'),
              field('t.text', 'Text', 'Utf8'),
              field('t.flag', 'Bool', 'Bool'),
              field('t.bytes', 'Binary', 'Binary'),
              field('t.missing', 'Null', 'Null'),
            ]}
            rows={[
              {
                't.number': 1234.5,
                't.big': 9_007_199_254_740_993n,
                't.date': new Date('2025-07-14T16:42:00Z'),
                't.text': 'Men',
                't.flag': true,
                't.bytes': new Uint8Array(12),
                't.missing': null,
              },
            ]}
          />
        </Card>
      </div>
    </div>
  );
}

const meta = {
  title: 'Components/Tiles',
  component: TileGallery,
} satisfies Meta<typeof TileGallery>;
export default meta;

/** The building blocks of the dashboard, without a server: each state a tile can be in. */
export const Gallery: StoryObj<typeof meta> = {
  play: async ({ canvas }) => {
    // Compact KPI with the exact value on hover.
    const kpi = canvas.getByTestId('kpi-value');
    await expect(kpi).toHaveTextContent('$4.8M');
    await expect(kpi).toHaveAttribute('title', '$4,823,517.42');
    await expect(canvas.getByRole('status')).toHaveTextContent('1 of 3 jobs done · 3 polls · 12.4 s');
    await expect(canvas.getByRole('alert')).toHaveTextContent('Field "order_items.margin" does not exist');
    await expect(canvas.getByRole('img', { name: 'Revenue by category' })).toBeVisible();
    // An Int64 beyond 2^53 keeps every digit.
    const table = canvas.getByRole('table', { name: 'Every value type' });
    await expect(table).toHaveTextContent('9,007,199,254,740,993');
    await expect(table).toHaveTextContent('Jul 14, 2025, 4:42 PM');
    await expect(table).toHaveTextContent('12 bytes');
  },
};
