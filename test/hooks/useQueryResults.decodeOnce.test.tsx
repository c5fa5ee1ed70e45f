import { render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type * as DecodeTableModule from '../../src/decode/decodeTable.js';
import type { QueryResults } from '../../src/results/OmniJobsResult.js';
import { setupOmni, Tile } from '../support/omniTest.js';

const decodeCalls = vi.hoisted(() => ({ jobIds: [] as Array<string | undefined> }));
vi.mock('../../src/decode/decodeTable.js', async (importOriginal) => {
  const original = await importOriginal<typeof DecodeTableModule>();
  return {
    ...original,
    decodeTable: (...args: Parameters<typeof original.decodeTable>) => {
      decodeCalls.jobIds.push(args[1]?.jobId);
      return original.decodeTable(...args);
    },
  };
});

describe('useQueryResults decodes each job once', () => {
  it('decodes once for many renders, two components and a remount, and keeps the same table', async () => {
    decodeCalls.jobIds.length = 0;
    const { omni, wrapper: Wrapper } = setupOmni();
    omni.addJob(
      { id: 'once', table: { 'orders.id': Int32Array.from([1, 2, 3]) } },
      { id: 'other', table: { 'orders.n': Int32Array.from([1]) }, finishAfterPolls: 3 },
    );
    const seen = new Map<string, QueryResults[]>();
    const tiles = (withSecond: boolean) => (
      <Wrapper>
        <Tile name="one" jobIds={['once', 'other']} seen={seen} />
        {withSecond ? <Tile name="two" jobIds={['once']} seen={seen} options={{ includeInternalColumns: true }} /> : null}
      </Wrapper>
    );
    const { rerender } = render(tiles(true));
    await waitFor(() => expect(screen.getByTestId('one').dataset.status).toBe('success'));
    rerender(tiles(false));
    rerender(tiles(true));
    await waitFor(() => expect(screen.getByTestId('two').dataset.status).toBe('success'));

    expect(decodeCalls.jobIds.filter((id) => id === 'once')).toHaveLength(1);
    expect(decodeCalls.jobIds.filter((id) => id === 'other')).toHaveLength(1);
    // Every render after the job finished saw the same decoded table: no structural sharing, no re-decode.
    const tables = [...seen.values()]
      .flat()
      .map((results) => results.jobs.find((job) => job.jobId === 'once')?.table)
      .filter((table) => table !== undefined);
    expect(tables.length).toBeGreaterThan(3);
    expect(new Set(tables).size).toBe(1);
  });

  it('decodes once per Int64 policy, still in one shared wait request', async () => {
    decodeCalls.jobIds.length = 0;
    const { omni, queryClient, wrapper: Wrapper } = setupOmni();
    omni.addJob({ id: 'counts', table: { 'orders.count': BigInt64Array.from([1n, 9007199254740993n]) } });
    const seen = new Map<string, QueryResults[]>();
    render(
      <Wrapper>
        <Tile name="exact" jobIds={['counts']} seen={seen} />
        <Tile name="text" jobIds={['counts']} seen={seen} options={{ int64: 'string' }} />
      </Wrapper>,
    );
    await waitFor(() => expect(screen.getAllByText(/^success/)).toHaveLength(2));
    expect(omni.waitRequests().map((request) => request.jobIds)).toEqual([['counts']]);
    expect(queryClient.getQueryCache().getAll()).toHaveLength(2);
    expect(decodeCalls.jobIds).toEqual(['counts', 'counts']);
    expect(seen.get('exact')!.at(-1)!.jobs[0]!.rows[1]!['orders.count']).toBe(9007199254740993n);
    expect(seen.get('text')!.at(-1)!.jobs[0]!.rows[1]!['orders.count']).toBe('9007199254740993');
  });
});
