import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { contrastFailures } from '../support/layoutChecks.js';
import { sampleData, sampleField, sampleJobError, sampleMeta } from '../support/tileSamples.js';
import { ResultTable } from './ResultTable.js';
import { TileView } from './TileView.js';

function TileGallery() {
  return (
    <main className="oq-page">
      <div className="oq-page-inner">
        <div className="oq-grid">
          <TileView title="Revenue" span={4} view="kpi" state={{ kind: 'data' }} showMeta={false}>
            {sampleData('kpi', 'Revenue')}
          </TileView>
          <TileView
            title="Still running"
            span={4}
            view="kpi"
            state={{ kind: 'loading', elapsedMs: 12_400, omniStatus: 'EXECUTING' }}
            showMeta={false}
          />
          <TileView title="Failed" span={4} view="kpi" state={{ kind: 'error', error: sampleJobError() }} showMeta={false} />
          <TileView title="Revenue by category" span={7} view="chart" state={{ kind: 'data' }} meta={sampleMeta.chart}>
            {sampleData('chart', 'Revenue by category')}
          </TileView>
          <TileView title="Nothing matched" span={5} view="chart" state={{ kind: 'empty' }} />
          <TileView title="Every value type" view="table" bodyHeight={120} state={{ kind: 'data' }} meta="1 row">
            <ResultTable
              caption="Every value type"
              fields={[
                sampleField('t.number', 'Number', 'Float64'),
                sampleField('t.big', 'Int64 beyond 2^53', 'Int64'),
                sampleField('t.date', 'Date', 'Timestamp<MILLISECOND>'),
                sampleField('t.text', 'Text', 'Utf8'),
                sampleField('t.flag', 'Bool', 'Bool'),
                sampleField('t.bytes', 'Binary', 'Binary'),
                sampleField('t.missing', 'Null', 'Null'),
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
          </TileView>
        </div>
      </div>
    </main>
  );
}

const meta = {
  title: 'Components/Tile gallery',
  component: TileGallery,
} satisfies Meta<typeof TileGallery>;
export default meta;

/** The building blocks of the dashboard side by side, without a server. */
export const TileGalleryStory: StoryObj<typeof meta> = {
  name: 'Tile gallery',
  play: async ({ canvas, canvasElement }) => {
    // Compact KPI with the exact value on hover.
    const kpi = canvas.getByTestId('kpi-value');
    await expect(kpi).toHaveTextContent('$4.8M');
    await expect(kpi).toHaveAttribute('title', '$4,823,517.42');
    await expect(canvas.getByRole('status')).toHaveTextContent('Running your query… 12 s');
    await expect(within(canvas.getByRole('alert')).getByText('Omni could not run this query')).toBeVisible();
    await expect(canvas.getByRole('img', { name: 'Revenue by category' })).toBeVisible();
    // An Int64 beyond 2^53 keeps every digit; a null is a dash that still reads at 4.5:1.
    const table = canvas.getByRole('table', { name: 'Every value type' });
    await expect(table).toHaveTextContent('9,007,199,254,740,993');
    await expect(table).toHaveTextContent('Jul 14, 2025, 4:42 PM');
    await expect(table).toHaveTextContent('12 bytes');
    await expect(within(table).getByText('—')).toHaveClass('oq-null');
    await expect(contrastFailures(canvasElement)).toEqual([]);
  },
};
