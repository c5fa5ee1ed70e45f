/**
 * Lifecycles the hook tests (test/hooks) do not cover yet: StrictMode on a whole dashboard, a storm
 * of job-id changes, unmounting while an answer streams, two QueryClients on one page (sharing an
 * Omni, and on two Omnis), and token functions that reject or rotate mid-poll.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen, waitFor } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { OmniError } from '../../src/errors/OmniError.js';
import type { QueryResults } from '../../src/results/OmniJobsResult.js';
import { OmniProvider } from '../../src/react/OmniProvider.js';
import { useQueryResults } from '../../src/react/useQueryResults.js';
import { createFakeOmni } from '../fakeOmni.js';
import {
  expectNoMoreRequests,
  newClient,
  newQueryClient,
  providers,
  recordUnhandledRejections,
  renderResults,
  server,
  TOKEN,
  useFakeClock,
} from '../support/omniTest.js';

const unhandled = recordUnhandledRejections();
const table = (value: number) => ({ 'kpi.value': Int32Array.from([value]) });
const rows = (value: number) => [{ 'kpi.value': value }];

function Tile({ name, ids, seen }: { name: string; ids: readonly string[]; seen?: Map<string, QueryResults[]> }) {
  const results = useQueryResults(ids);
  if (seen !== undefined) seen.set(name, [...(seen.get(name) ?? []), results]);
  const shown = results.jobs.map((job) => `${job.jobId}:${job.status}:${JSON.stringify(job.rows)}`).join(' ');
  return (
    <div data-testid={name} data-status={results.status}>
      {shown}
    </div>
  );
}

let consoleErrors: MockInstance;
let consoleWarns: MockInstance;
beforeEach(() => {
  consoleErrors = vi.spyOn(console, 'error');
  consoleWarns = vi.spyOn(console, 'warn');
});
afterEach(() => {
  // React warns through console.error (state updates after unmount, act, keys): none is expected here.
  expect(consoleErrors).not.toHaveBeenCalled();
  expect(consoleWarns).not.toHaveBeenCalled();
  vi.restoreAllMocks();
  expect(unhandled).toEqual([]);
});

describe('StrictMode', () => {
  it('runs a 10-tile dashboard with shared jobs under double mounting: right rows, one poll at a time, nothing wasted, nothing after unmount', async () => {
    useFakeClock();
    const omni = createFakeOmni({ holdMs: 40, token: TOKEN });
    server.use(...omni.handlers);
    for (let index = 0; index < 6; index += 1)
      omni.addJob({ id: `job-${index}`, table: table(index), finishAfterPolls: index % 3 });
    const { wrapper: Providers } = providers(newClient(omni.baseUrl));
    const tiles = [
      ['job-0'],
      ['job-1'],
      ['job-2'],
      ['job-3'],
      ['job-4'],
      ['job-5'],
      ['job-0', 'job-1'],
      ['job-2', 'job-5'],
      ['job-5'],
      ['job-3', 'job-4', 'job-0'],
    ];
    const view = render(
      <StrictMode>
        <Providers>
          {tiles.map((ids, index) => (
            <Tile key={index} name={`tile-${index}`} ids={ids} />
          ))}
        </Providers>
      </StrictMode>,
    );
    await waitFor(() =>
      expect(screen.getAllByText((_, element) => element?.getAttribute('data-status') === 'success')).toHaveLength(tiles.length),
    );
    tiles.forEach((ids, index) => {
      const text = screen.getByTestId(`tile-${index}`).textContent ?? '';
      for (const id of ids) expect(text).toContain(`${id}:complete:${JSON.stringify(rows(Number(id.slice(4))))}`);
    });
    expect(omni.maxInFlight).toBe(1);
    // Three rounds (jobs finish after 0, 1 or 2 timed-out polls); the double mount costs no request.
    expect(omni.waitRequests().map((request) => request.jobIds.length)).toEqual([6, 4, 2]);
    expect(omni.requests.every((request) => !request.aborted)).toBe(true);
    view.unmount();
    expect(omni.requests).toHaveLength(3);
    await expectNoMoreRequests(omni.requests);
  });

  it('aborts the long poll of a StrictMode tile on unmount, and sends nothing more', async () => {
    useFakeClock();
    const omni = createFakeOmni({ holdMs: 10_000, token: TOKEN });
    server.use(...omni.handlers);
    omni.addJob({ id: 'forever', table: table(1), finishAfterPolls: Infinity });
    const { wrapper: Providers } = providers(newClient(omni.baseUrl));
    const view = render(
      <StrictMode>
        <Providers>
          <Tile name="tile" ids={['forever']} />
        </Providers>
      </StrictMode>,
    );
    await waitFor(() => expect(omni.inFlight).toBe(1));
    view.unmount();
    await waitFor(() => expect(omni.inFlight).toBe(0));
    expect(omni.waitRequests()).toHaveLength(1);
    await expectNoMoreRequests(omni.requests);
    expect(omni.waitRequests()[0]?.aborted).toBe(true);
  });
});

describe('fast job-id changes', () => {
  it('shows only the last ids after a storm of twelve changes, including a return to an earlier id, with no stale rows', async () => {
    useFakeClock();
    const omni = createFakeOmni({ holdMs: 80, token: TOKEN });
    server.use(...omni.handlers);
    omni.addJob(
      { id: 'instant', table: table(1) },
      { id: 'slow', table: table(2), finishAfterPolls: 2 },
      { id: 'never', table: table(3), finishAfterPolls: Infinity },
      { id: 'late', table: table(4), finishAfterMs: 150 },
      { id: 'final-a', table: table(5), finishAfterPolls: 1 },
      { id: 'final-b', table: table(6) },
    );
    const { wrapper } = providers(newClient(omni.baseUrl));
    const { result, rerender, history } = renderResults(['slow'], wrapper);
    const storm = [
      ['never'],
      ['instant'],
      ['late', 'never'],
      ['slow'],
      ['never'],
      ['instant', 'slow'],
      ['late'],
      ['slow'],
      ['never'],
      ['late'],
      ['instant'],
    ];
    for (const ids of storm) {
      rerender({ ids });
      // Some changes land while a poll is in flight, some in the same tick as the previous one.
      if (ids.includes('never')) await act(() => vi.advanceTimersByTimeAsync(15));
    }
    const changedAt = history.length;
    rerender({ ids: ['final-a', 'final-b'] });
    await waitFor(() => expect(result.current.status).toBe('success'), { timeout: 3_000 });
    expect(result.current.jobs.map((job) => [job.jobId, job.rows])).toEqual([
      ['final-a', rows(5)],
      ['final-b', rows(6)],
    ]);
    // From the last change on, no render shows any other job, and every complete job has its own rows.
    for (const results of history.slice(changedAt + 1)) {
      expect(results.jobs.map((job) => job.jobId)).toEqual(['final-a', 'final-b']);
      for (const job of results.jobs)
        if (job.status === 'complete') expect(job.rows).toEqual(rows(job.jobId === 'final-a' ? 5 : 6));
    }
    expect(omni.maxInFlight).toBe(1);
    // Once the last ids finished, nobody asks for the ids of the storm any more.
    await expectNoMoreRequests(omni.requests);
    expect(omni.inFlight).toBe(0);
  });
});

describe('unmounting while an answer streams', () => {
  it('keeps the job that already arrived in the cache, aborts the rest of the long poll, and sends nothing more', async () => {
    useFakeClock();
    const omni = createFakeOmni({ holdMs: 10_000, holdOpen: true, token: TOKEN });
    server.use(...omni.handlers);
    omni.addJob({ id: 'early', table: table(1) }, { id: 'held', table: table(2), finishAfterPolls: Infinity });
    const { wrapper, queryClient } = providers(newClient(omni.baseUrl));
    const { result, unmount } = renderResults(['early', 'held'], wrapper);
    // The first line has streamed in; the answer is still open for the held job.
    await waitFor(() => expect(result.current.jobs[0]?.status).toBe('complete'));
    expect(omni.inFlight).toBe(1);
    unmount();
    await waitFor(() => expect(omni.inFlight).toBe(0));
    expect(omni.waitRequests()).toHaveLength(1);
    await expectNoMoreRequests(omni.requests);
    expect(omni.waitRequests()[0]).toMatchObject({ jobIds: ['early', 'held'], aborted: true });
    const cached = queryClient
      .getQueryCache()
      .getAll()
      .map((query) => [query.queryKey[3], (query.state.data as { status?: string } | undefined)?.status]);
    expect(cached).toContainEqual(['early', 'complete']);
  });
});

describe('two QueryClients on one page', () => {
  it('share one wait request per round when they share an OmniClient; unmounting one app leaves the other polling', async () => {
    const omni = createFakeOmni({ holdMs: 60, token: TOKEN });
    server.use(...omni.handlers);
    omni.addJob(
      { id: 'left', table: table(1), finishAfterPolls: 2 },
      { id: 'both', table: table(2), finishAfterPolls: 1 },
      { id: 'right', table: table(3), finishAfterPolls: 4 },
    );
    const client = newClient(omni.baseUrl);
    const leftClient = newQueryClient();
    const rightClient = newQueryClient();
    const App = ({ showLeft }: { showLeft: boolean }) => (
      <>
        {showLeft ? (
          <QueryClientProvider client={leftClient}>
            <OmniProvider client={client}>
              <Tile name="left" ids={['left', 'both']} />
            </OmniProvider>
          </QueryClientProvider>
        ) : null}
        <QueryClientProvider client={rightClient}>
          <OmniProvider client={client}>
            <Tile name="right" ids={['both', 'right']} />
          </OmniProvider>
        </QueryClientProvider>
      </>
    );
    const view = render(<App showLeft />);
    await waitFor(() => expect(screen.getByTestId('left').dataset.status).toBe('success'));
    expect(screen.getByTestId('left').textContent).toBe(
      `left:complete:${JSON.stringify(rows(1))} both:complete:${JSON.stringify(rows(2))}`,
    );
    // Each QueryClient keeps its own entries (so neither sees the other's cache) ...
    expect(
      leftClient
        .getQueryCache()
        .getAll()
        .map((query) => query.queryKey[3]),
    ).toEqual(['left', 'both']);
    expect(
      rightClient
        .getQueryCache()
        .getAll()
        .map((query) => query.queryKey[3]),
    ).toEqual(['both', 'right']);
    // ... but the jobs of both apps rode the same wait requests, one at a time.
    const firstRound = omni.waitRequests()[0]!.jobIds;
    expect([...firstRound].sort()).toEqual(['both', 'left', 'right']);
    expect(omni.maxInFlight).toBe(1);

    const sentBeforeLeftLeft = omni.requests.length;
    view.rerender(<App showLeft={false} />);
    await waitFor(() => expect(screen.getByTestId('right').dataset.status).toBe('success'), { timeout: 3_000 });
    expect(screen.getByTestId('right').textContent).toContain(`right:complete:${JSON.stringify(rows(3))}`);
    const afterLeftLeft = omni.requests.slice(sentBeforeLeftLeft);
    expect(afterLeftLeft.length).toBeGreaterThan(0);
    expect(afterLeftLeft.every((request) => request.jobIds.every((id) => id === 'right'))).toBe(true);
    view.unmount();
  });

  it("keep the same job id of two Omni instances apart: each app shows its own instance's rows", async () => {
    const east = createFakeOmni({ baseUrl: 'https://east.omniapp.co', holdMs: 30, token: TOKEN });
    const west = createFakeOmni({ baseUrl: 'https://west.omniapp.co', holdMs: 30, token: TOKEN });
    server.use(...east.handlers, ...west.handlers);
    east.addJob({ id: 'same-id', table: table(111), finishAfterPolls: 1 });
    west.addJob({ id: 'same-id', table: table(222) });
    const eastApp = providers(newClient(east.baseUrl));
    const westApp = providers(newClient(west.baseUrl));
    render(
      <>
        <eastApp.wrapper>
          <Tile name="east" ids={['same-id']} />
        </eastApp.wrapper>
        <westApp.wrapper>
          <Tile name="west" ids={['same-id']} />
        </westApp.wrapper>
      </>,
    );
    await waitFor(() => expect(screen.getByTestId('east').dataset.status).toBe('success'));
    await waitFor(() => expect(screen.getByTestId('west').dataset.status).toBe('success'));
    expect(screen.getByTestId('east').textContent).toBe(`same-id:complete:${JSON.stringify(rows(111))}`);
    expect(screen.getByTestId('west').textContent).toBe(`same-id:complete:${JSON.stringify(rows(222))}`);
    expect(east.waitRequests()).toHaveLength(2);
    expect(west.waitRequests()).toHaveLength(1);
    expect(eastApp.queryClient.getQueryCache().getAll()[0]?.queryKey).toEqual([
      'omni-query-hooks',
      'job',
      'https://east.omniapp.co',
      'same-id',
    ]);
  });
});

describe('token functions', () => {
  it('turns a rejecting token function into a typed network error: nothing is sent, nothing leaks, and a remount recovers', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const omni = createFakeOmni({ holdMs: 30, token: TOKEN });
    server.use(...omni.handlers);
    omni.addJob({ id: 'a', table: table(7) });
    let broken = true;
    const refreshSecret = 'refresh_token=rt_LIVE_5b0e8c1f';
    const token = vi.fn(async () => {
      if (broken) throw new Error(`token endpoint said 401 for ${refreshSecret}`);
      return TOKEN;
    });
    const { wrapper } = providers(newClient(omni.baseUrl, { token }));
    const first = renderResults(['a'], wrapper);
    await waitFor(() => expect(first.result.current.status).toBe('error'), { timeout: 3_000 });
    const error = first.result.current.error!;
    expect(error).toBeInstanceOf(OmniError);
    expect(error.kind).toBe('network');
    expect(error.message).toBe('Could not get a token for Omni: the token function failed');
    expect(JSON.stringify(error)).not.toContain(refreshSecret);
    expect(JSON.stringify(first.result.current.jobs)).not.toContain(refreshSecret);
    // Retried like a network failure (the token endpoint may recover), but never sent without a token.
    expect(token).toHaveBeenCalledTimes(4);
    expect(omni.requests).toHaveLength(0);
    first.unmount();

    broken = false;
    const second = renderResults(['a'], wrapper);
    await waitFor(() => expect(second.result.current.status).toBe('success'));
    expect(second.result.current.jobs[0]?.rows).toEqual(rows(7));
    expect(omni.requests.map((request) => request.authorization)).toEqual([`Bearer ${TOKEN}`]);
  });

  it('uses a token rotated mid-poll from the next request on, while the poll in flight finishes with the old one', async () => {
    const oldToken = `${TOKEN}_old`;
    const newToken = `${TOKEN}_new`;
    // Long polls are held until the test ends them, so the rotation lands inside the first one on any machine.
    const omni = createFakeOmni({ holdMs: Infinity, token: oldToken });
    server.use(...omni.handlers);
    omni.addJob({ id: 'a', table: table(8), held: true });
    let current = oldToken;
    const token = vi.fn(() => current);
    const { wrapper } = providers(newClient(omni.baseUrl, { token }));
    const { result } = renderResults(['a'], wrapper);
    await waitFor(() => expect(omni.inFlight).toBe(1));
    // The server and the app rotate together while the first long poll is held.
    act(() => {
      current = newToken;
      omni.setToken(newToken);
    });
    // The held poll times out; the next ones go with the new token; then the job finishes.
    for (let round = 0; round < 3; round += 1) {
      const next = omni.nextRequest();
      omni.endWaits();
      expect((await next).authorization).toBe(`Bearer ${newToken}`);
    }
    omni.release('a');
    await waitFor(() => expect(result.current.status).toBe('success'), { timeout: 3_000 });
    expect(result.current.jobs[0]?.rows).toEqual(rows(8));
    expect(omni.requests.map((request) => [request.authorization, request.status])).toEqual([
      [`Bearer ${oldToken}`, 200],
      [`Bearer ${newToken}`, 200],
      [`Bearer ${newToken}`, 200],
      [`Bearer ${newToken}`, 200],
    ]);
    expect(token).toHaveBeenCalledTimes(4);
  });
});
