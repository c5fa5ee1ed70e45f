/**
 * Soak: a 30-tile dashboard against the fake Omni, with seeded random finish times (so every long
 * poll is held a different, random time), 5% 5xx answers, one 429 burst and a job that never
 * finishes. It shows that every finishing tile gets exactly its rows, that there is never more
 * than one wait request in flight, that the number of requests stays within a bound derived below,
 * that no promise rejection goes unhandled, and that nothing is sent after unmount.
 * No timing is asserted: time only enters the bound as the time the fake itself held polls.
 */
import { render, waitFor } from '@testing-library/react';
import { http } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import type { QueryResults } from '../../src/results/OmniJobsResult.js';
import { useQueryResults } from '../../src/react/useQueryResults.js';
import { createFakeOmni, type FakeFault } from '../fakeOmni.js';
import {
  expectNoMoreRequests,
  newClient,
  providers,
  recordUnhandledRejections,
  server,
  useFakeClock,
} from '../support/omniTest.js';
import { randomInt, seededRandom } from './support/prng.js';

const unhandled = recordUnhandledRejections();

/** Everything random in the scenario comes from this seed. */
const SEED = 20_261_128;
/** How long the fake holds a long poll in which not every asked job finishes. */
const HOLD_MS = 60;
const FINISHING_JOBS = 20;
const TILES = 30;
/** Wait requests (by arrival index) answered 429 with Retry-After. */
const RATE_LIMIT_BURST = [3, 4, 5];
const FAULT_RATE = 0.05;

const random = seededRandom(SEED);
const jobIds = Array.from({ length: FINISHING_JOBS }, (_, index) => `job-${String(index).padStart(2, '0')}`);
const rowsOf = (index: number) => [{ 'tile.value': index }, { 'tile.value': index * 10 }];
const jobs = jobIds.map((id, index) => ({
  id,
  table: { 'tile.value': Int32Array.from([index, index * 10]) },
  finishAfterPolls: randomInt(random, 0, 12),
  finishAfterMs: randomInt(random, 0, 2_000),
}));
/** Tiles 0–19 show one job each; 20–28 share two or three of those jobs; 29 waits on a job that never finishes. */
const tiles: string[][] = [
  ...jobIds.map((id) => [id]),
  ...Array.from({ length: TILES - FINISHING_JOBS - 1 }, () => {
    const count = randomInt(random, 2, 3);
    const picked = new Set<string>();
    while (picked.size < count) picked.add(jobIds[randomInt(random, 0, FINISHING_JOBS - 1)]!);
    return [...picked];
  }),
  ['never-finishes'],
];

/** The fault of each wait request by arrival index: 5% 503 (seeded), and the 429 burst. */
const faultPlan: (FakeFault | undefined)[] = Array.from({ length: 400 }, (_, index): FakeFault | undefined => {
  if (RATE_LIMIT_BURST.includes(index))
    return { status: 429, headers: { 'Retry-After': '0.1' }, body: { error: 'Too many requests', success: false } };
  // Slow 503s: in flight for 20 ms like any answer, so a second wait sent meanwhile would be counted.
  if (random() < FAULT_RATE)
    return {
      status: 503,
      delayMs: 20,
      headers: { 'Retry-After': '0.05', 'content-type': 'text/html' },
      body: '<h1>503 Service Unavailable</h1>',
    };
  return undefined;
});

/**
 * True when react-query's retry budget survives the plan: in a run of consecutive failed requests,
 * a 5xx may be at most the 3rd failure in a row (RETRY_LIMITS.transient) and a 429 the 6th. Every
 * pending job rides every request, so a job sees at most the run's failures.
 */
function survivable(plan: readonly (FakeFault | undefined)[]): boolean {
  let run = 0;
  for (const fault of plan) {
    if (fault === undefined || fault === 'network') {
      run = 0;
      continue;
    }
    if ('status' in fault) {
      if (fault.status >= 500 ? run >= 3 : run >= 6) return false;
      run += 1;
    }
  }
  return true;
}

function Tile({ name, ids, seen }: { name: string; ids: string[]; seen: Map<string, QueryResults[]> }) {
  const results = useQueryResults(ids);
  const history = seen.get(name) ?? [];
  history.push(results);
  seen.set(name, history);
  return <div data-testid={name}>{results.status}</div>;
}

describe('soak: a 30-tile dashboard under faults', () => {
  afterEach(() => {
    server.resetHandlers();
  });

  it('shows every finishing tile its rows, keeps one poll in flight, stays within the request bound and stops at unmount', async ({
    annotate,
  }) => {
    useFakeClock();
    expect(survivable(faultPlan)).toBe(true);
    expect(
      faultPlan.slice(0, 60).filter((fault) => typeof fault === 'object' && 'status' in fault && fault.status === 503).length,
    ).toBeGreaterThan(0);

    const omni = createFakeOmni({ holdMs: HOLD_MS, holdOpen: true });
    omni.addJob(...jobs, { id: 'never-finishes', table: { 'tile.value': Int32Array.from([99]) }, finishAfterPolls: Infinity });
    // Runs before the fake's own handler: scripts the planned fault for this request, then falls through.
    let waitIndex = 0;
    const injectFaults = http.get(`${omni.baseUrl}/api/v1/query/wait`, () => {
      const fault = faultPlan[waitIndex];
      waitIndex += 1;
      if (fault !== undefined) omni.failNext(fault);
    });
    server.use(injectFaults, ...omni.handlers);

    const { wrapper: Providers } = providers(newClient(omni.baseUrl));
    const seen = new Map<string, QueryResults[]>();
    const view = render(
      <Providers>
        {tiles.map((ids, index) => (
          <Tile key={index} name={`tile-${index}`} ids={ids} seen={seen} />
        ))}
      </Providers>,
    );
    const last = (index: number) => seen.get(`tile-${index}`)!.at(-1)!;
    const finishing = tiles.map((_, index) => index).filter((index) => index !== TILES - 1);

    await waitFor(() => expect(finishing.filter((index) => last(index).status !== 'success')).toEqual([]), { timeout: 20_000 });
    // A few more rounds for the job that never finishes, then the user leaves the page.
    const rounds = omni.waitRequests().length;
    await waitFor(() => expect(omni.waitRequests().length).toBeGreaterThanOrEqual(rounds + 3), { timeout: 5_000 });
    expect(last(TILES - 1)).toMatchObject({ status: 'pending', error: null, remainingJobIds: ['never-finishes'] });
    const openAtUnmount = omni.requests.filter((request) => request.endedAt === undefined);
    view.unmount();
    const sentAtUnmount = omni.requests.length;
    await expectNoMoreRequests(omni.requests);

    // Every finishing tile shows exactly its rows, and no render of any tile ever showed wrong rows.
    for (const index of finishing) {
      expect(last(index).jobs.map((job) => [job.jobId, job.status, job.rows])).toEqual(
        tiles[index]!.map((id) => [id, 'complete', rowsOf(jobIds.indexOf(id))]),
      );
    }
    for (const [name, history] of seen) {
      for (const results of history) {
        for (const job of results.jobs) {
          if (job.status === 'complete') expect(job.rows, `${name} ${job.jobId}`).toEqual(rowsOf(jobIds.indexOf(job.jobId)));
          expect(job.error, `${name} ${job.jobId}`).toBeUndefined();
        }
      }
    }

    // Never more than one wait request in flight, counted on every request (faulted ones stay in
    // flight until their body is read).
    expect(omni.maxInFlight).toBe(1);

    // The request bound. Every wait request is one of:
    // - faulted (a planned 503 after 20 ms, or a 429 at once): F of them, fixed by the plan;
    // - aborted by the client (A): only the long poll in flight at unmount here;
    // - answered 200. With `holdOpen` the fake keeps such a poll open until every job it asks for
    //   has finished, or HOLD_MS has passed. An answer that ended early finished every job it asked
    //   for, so it delivered at least one job for the first time, and a delivered job is never asked
    //   for again: at most J = 20 such answers. Every other answer was held at least HOLD_MS, and
    //   answers never overlap (one in flight), so there are at most ⌊window / HOLD_MS⌋ of them, where
    //   window is the time from the first request's start to the last one's end.
    // So: requests ≤ F + A + J + ⌊window / HOLD_MS⌋. The never-finishing job is asked in every round
    // until unmount, so the window is what polling lasted; polling per tile instead of per client
    // would send about 30 requests per HOLD_MS of that window, thirty times the bound.
    const waits = omni.waitRequests();
    const faulted = waits.filter((request) => request.fault !== undefined).length;
    const aborted = waits.filter((request) => request.aborted).length;
    const window = Math.max(...waits.map((request) => request.endedAt ?? Date.now())) - waits[0]!.startedAt;
    const bound = faulted + aborted + FINISHING_JOBS + Math.floor(window / HOLD_MS);
    expect(waits.length).toBeLessThanOrEqual(bound);
    expect(omni.requests.length).toBe(waits.length);
    // The plan was played: both kinds of fault happened, and their retries were absorbed.
    expect(waits.filter((request) => request.status === 503).length).toBeGreaterThan(0);
    expect(waits.filter((request) => request.status === 429)).toHaveLength(RATE_LIMIT_BURST.length);
    expect(aborted).toBeLessThanOrEqual(1);
    // No request asks for an id twice.
    for (const request of waits) expect(new Set(request.jobIds).size).toBe(request.jobIds.length);

    // Nothing is sent after unmount, and a long poll in flight then (if any: unmount may fall between
    // two rounds) was aborted.
    expect(omni.requests.length).toBe(sentAtUnmount);
    expect(omni.inFlight).toBe(0);
    for (const request of openAtUnmount) expect(request).toMatchObject({ aborted: true, jobIds: ['never-finishes'] });

    // No promise rejection went unhandled on the way.
    expect(unhandled).toEqual([]);

    await annotate(
      `soak: ${waits.length} wait requests (bound ${bound} = F ${faulted} + A ${aborted} + J ${FINISHING_JOBS} + ⌊${window} ms / ${HOLD_MS} ms⌋), max in flight ${omni.maxInFlight}`,
    );
  }, 30_000);
});
