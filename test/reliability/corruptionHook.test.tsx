/**
 * Random byte corruption of a whole answer never escapes `useQueryResults`: whatever the first
 * answer's bytes, the component renders, every error it sees is an OmniError, and each job ends
 * with its exact rows (from a later, intact answer) or with its own typed error.
 */
import { cleanup, waitFor } from '@testing-library/react';
import fc from 'fast-check';
import './support/fastCheck.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OmniError } from '../../src/errors/OmniError.js';
import { applyEdits, byteEditArb, cutPoints } from './support/arbitraries.js';
import { newClient, providers, recordUnhandledRejections, renderResults, server } from '../support/omniTest.js';
import { scriptedOmni } from '../support/scriptedOmni.js';
import { complete, footer, lines, resultOf } from '../support/wire.js';

const RUNS = 30;
const unhandled = recordUnhandledRejections();

const ROWS = {
  a: [{ 'orders.id': 1 }, { 'orders.id': 2 }],
  b: [{ 'users.name': 'Zoë' }],
};
const intact = lines([
  complete('a', resultOf({ 'orders.id': Int32Array.from([1, 2]) })),
  complete('b', resultOf({ 'users.name': ['Zoë'] })),
  footer([]),
]);

describe('corrupted answers through the hook', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it(`never throws out of the hook, and ends every job with its rows or a typed error (${RUNS} runs)`, async () => {
    // Backoff jitter draws 0, so a retried failure waits the 100 ms floor rather than up to seconds.
    vi.spyOn(Math, 'random').mockReturnValue(0);
    await fc.assert(
      fc.asyncProperty(
        fc.array(byteEditArb, { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        async (edits, draws) => {
          server.resetHandlers();
          const bytes = applyEdits(new TextEncoder().encode(intact), edits);
          const omni = scriptedOmni({
            answers: [{ body: bytes, splitAt: cutPoints(draws, bytes.length) }],
            then: { body: intact },
          });
          server.use(...omni.handlers);
          const { wrapper, queryClient } = providers(newClient(omni.baseUrl));
          const { result, history, unmount } = renderResults(['a', 'b'], wrapper);
          try {
            await waitFor(() => expect(['success', 'error']).toContain(result.current.status), { timeout: 4_000 });
            for (const results of history) {
              if (results.error !== null) expect(results.error).toBeInstanceOf(OmniError);
              for (const job of results.jobs) if (job.error !== undefined) expect(job.error).toBeInstanceOf(OmniError);
            }
            for (const job of result.current.jobs) {
              if (job.status !== 'complete') {
                expect(job.error).toBeInstanceOf(OmniError);
                continue;
              }
              // Arrow carries no checksum: an edit inside a value buffer is another valid value, so
              // exact rows are only owed when the edits missed this job's line. Readable rows always are.
              expect(job.rows).toHaveLength(job.numRows);
              expect(() => JSON.stringify(job.rows)).not.toThrow();
              if (editsMissJob(bytes, job.jobId)) expect(job.rows).toEqual(ROWS[job.jobId as keyof typeof ROWS]);
            }
          } finally {
            unmount();
            queryClient.clear();
            cleanup();
          }
        },
      ),
      { numRuns: RUNS },
    );
    expect(unhandled).toEqual([]);
  }, 60_000);
});

const encoder = new TextEncoder();
const intactBytes = encoder.encode(intact);

/** True when every byte up to the end of this job's line is as in the intact body: no edit can have reached it. */
function editsMissJob(bytes: Uint8Array, jobId: string): boolean {
  const line = intact.split('\n').find((text) => text.includes(`"job_id":"${jobId}"`));
  if (line === undefined) return false;
  const end = encoder.encode(intact.slice(0, intact.indexOf(line) + line.length)).length;
  for (let i = 0; i < end; i++) if (bytes[i] !== intactBytes[i]) return false;
  return true;
}
