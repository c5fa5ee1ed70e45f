/**
 * Rows are built only when read, on both paths of the row builder: results up to 4,096 rows go
 * through `buildRows`, larger ones block by block through `buildRowsByBlock`. A component that reads
 * only `columns` (a chart) must cause neither.
 */
import { render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import * as blockModule from '../../src/decode/rows/buildRowsByBlock.js';
import * as rowsModule from '../../src/decode/rows/buildRows.js';
import { useQueryResults } from '../../src/react/useQueryResults.js';
import { setupOmni } from '../support/omniTest.js';

vi.mock(import('../../src/decode/rows/buildRows.js'), async (importOriginal) => {
  const original = await importOriginal();
  return { ...original, buildRows: vi.fn(original.buildRows) };
});
vi.mock(import('../../src/decode/rows/buildRowsByBlock.js'), async (importOriginal) => {
  const original = await importOriginal();
  return { ...original, buildRowsByBlock: vi.fn(original.buildRowsByBlock) };
});

const buildRows = vi.mocked(rowsModule.buildRows);
const buildRowsByBlock = vi.mocked(blockModule.buildRowsByBlock);

const tableOf = (numRows: number) => ({
  'orders.id': Int32Array.from({ length: numRows }, (_, index) => index),
  'orders.amount': Float64Array.from({ length: numRows }, (_, index) => index / 4),
});

/** A chart: reads `columns` and `fields` only. */
function Chart({ jobId }: { jobId: string }) {
  const job = useQueryResults([jobId]).jobs[0];
  if (job?.status !== 'complete') return <p>loading</p>;
  const ids = job.columns['orders.id']!;
  return (
    <p data-testid="chart">
      {job.fields.map((field) => field.name).join(',')} {ids.length} {String(ids[ids.length - 1])}
    </p>
  );
}

/** A table: reads `rows`. */
function LastRow({ jobId }: { jobId: string }) {
  const job = useQueryResults([jobId]).jobs[0];
  if (job?.status !== 'complete') return <p>loading</p>;
  return <p data-testid="last-row">{JSON.stringify(job.rows.at(-1))}</p>;
}

describe('useQueryResults builds rows only when they are read', () => {
  it.each([
    ['a small result (buildRows)', 1_000],
    ['a result above 4,096 rows (block by block)', 10_000],
  ])('builds no rows for a component that reads only columns: %s', async (_name, numRows) => {
    buildRows.mockClear();
    buildRowsByBlock.mockClear();
    const { omni, wrapper: Wrapper } = setupOmni();
    omni.addJob({ id: 'big', table: tableOf(numRows) });
    render(
      <Wrapper>
        <Chart jobId="big" />
      </Wrapper>,
    );
    await waitFor(() =>
      expect(screen.getByTestId('chart').textContent).toBe(`orders.id,orders.amount ${numRows} ${numRows - 1}`),
    );
    expect(buildRows).not.toHaveBeenCalled();
    expect(buildRowsByBlock).not.toHaveBeenCalled();
  });

  it('builds the rows of a result above 4,096 rows block by block, once, when a component reads them', async () => {
    buildRows.mockClear();
    buildRowsByBlock.mockClear();
    const { omni, wrapper: Wrapper } = setupOmni();
    omni.addJob({ id: 'big', table: tableOf(10_000) });
    render(
      <Wrapper>
        <LastRow jobId="big" />
        <LastRow jobId="big" />
      </Wrapper>,
    );
    await waitFor(() =>
      expect(screen.getAllByTestId('last-row').map((row) => row.textContent)).toEqual(
        Array(2).fill('{"orders.id":9999,"orders.amount":2499.75}'),
      ),
    );
    expect(buildRowsByBlock).toHaveBeenCalledTimes(1);
    expect(buildRowsByBlock.mock.results[0]?.value).toHaveLength(10_000);
    // The block builder fills each block with the plain builder: never more than a block at a time.
    expect(buildRows.mock.calls.map((call) => call[2])).toEqual([4_096, 4_096, 1_808]);
  });
});
