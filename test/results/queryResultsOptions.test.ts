import { QueryClient, type Query } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createOmniClient } from '../../src/client/createOmniClient.js';
import type { OmniError } from '../../src/errors/OmniError.js';
import { jobQueryKey, type JobQueryKey } from '../../src/wait/jobQueryKey.js';
import type { JobRecord } from '../../src/wait/JobRecord.js';
import { nextJobRecord } from '../../src/wait/nextJobRecord.js';
import { queryResultsOptions } from '../../src/results/queryResultsOptions.js';
import { fakeWaitClient, line } from '../wait/fakeWaitClient.js';

type AnyQuery = Query<JobRecord, OmniError, JobRecord, JobQueryKey>;
const queryIn = (state: Partial<AnyQuery['state']>) => ({ state }) as AnyQuery;
const record = (outcome: Parameters<typeof nextJobRecord>[1]) =>
  nextJobRecord(undefined, outcome, { jobId: 'a', firstRequestedAt: 0, answeredAt: 0 });

describe('queryResultsOptions', () => {
  it('makes one query per distinct id, keyed by the client key and never by the token', () => {
    const client = createOmniClient({ baseUrl: 'https://acme.omniapp.co/', token: 'omni_osk_secret_123' });
    const { queries } = queryResultsOptions(client, ['a', 'b', 'a']);
    expect(queries.map((query) => query.queryKey)).toEqual([
      ['omni-query-hooks', 'job', client.key, 'a'],
      ['omni-query-hooks', 'job', client.key, 'b'],
    ]);
    expect(JSON.stringify(queries.map((query) => query.queryKey))).not.toContain('omni_osk_secret_123');
  });

  it('gives a non-default Int64 policy its own cache entry', () => {
    const { client } = fakeWaitClient();
    expect(queryResultsOptions(client, ['a'], { int64: 'auto' }).queries[0]!.queryKey).toEqual(jobQueryKey(client, 'a'));
    expect(queryResultsOptions(client, ['a'], { int64: 'bigint' }).queries[0]!.queryKey).toEqual([
      'omni-query-hooks',
      'job',
      client.key,
      'a',
      { int64: 'bigint' },
    ]);
  });

  it.each([null, undefined, []])('is idle with no queries for %j', (ids) => {
    const { client } = fakeWaitClient();
    const options = queryResultsOptions(client, ids);
    expect(options.queries).toEqual([]);
    expect(options.combine([]).status).toBe('idle');
  });

  it('is idle with no queries when disabled', () => {
    const { client } = fakeWaitClient();
    const options = queryResultsOptions(client, ['a'], { enabled: false });
    expect(options.queries).toEqual([]);
    expect(options.combine([]).status).toBe('idle');
  });

  it('reports invalid ids as an error with no queries, instead of throwing', () => {
    const { client } = fakeWaitClient();
    const options = queryResultsOptions(client, ['a', 42 as unknown as string]);
    expect(options.queries).toEqual([]);
    const results = options.combine([]);
    expect(results.status).toBe('error');
    expect(results.error?.kind).toBe('schema');
    expect(results.error?.message).toContain('position 1');
  });

  it('polls only an idle pending job, and never a finished or failed one', () => {
    const { client } = fakeWaitClient();
    const { refetchInterval } = queryResultsOptions(client, ['a'], { pollDelayMs: 0 }).queries[0]!;
    if (typeof refetchInterval !== 'function') throw new Error('refetchInterval should be a function');
    const pending = record('pending');
    expect(refetchInterval(queryIn({ status: 'success', fetchStatus: 'idle', data: pending }))).toBe(1);
    expect(refetchInterval(queryIn({ status: 'success', fetchStatus: 'fetching', data: pending }))).toBe(false);
    expect(refetchInterval(queryIn({ status: 'error', fetchStatus: 'idle', data: pending }))).toBe(false);
    expect(refetchInterval(queryIn({ status: 'success', fetchStatus: 'idle', data: record(line('a', 'ERROR')) }))).toBe(false);
  });

  it('never refetches a finished job on mount, focus or reconnect, but gives unfinished ones another go', () => {
    const { client } = fakeWaitClient();
    const options = queryResultsOptions(client, ['a']).queries[0]!;
    const finished = queryIn({ status: 'success', data: record(line('a', 'FAILED')) });
    const unfinished = queryIn({ status: 'success', data: record('pending') });
    const failed = queryIn({ status: 'error', data: undefined });
    for (const option of [options.refetchOnMount, options.refetchOnWindowFocus, options.refetchOnReconnect]) {
      if (typeof option !== 'function') throw new Error('expected a function');
      expect(option(finished)).toBe(false);
      expect(option(unfinished)).toBe('always');
      expect(option(failed)).toBe('always');
    }
    expect(options.staleTime).toBe(Infinity);
    expect(options.structuralSharing).toBe(false);
    expect(options.refetchIntervalInBackground).toBe(true);
  });

  describe('with a QueryClient, outside React', () => {
    beforeEach(() => {
      vi.useFakeTimers();
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    it('prefetches a job with fetchQuery and keeps polling state in the cache', async () => {
      const fake = fakeWaitClient();
      const queryClient = new QueryClient();
      const [options] = queryResultsOptions(fake.client, ['prefetch-a']).queries;
      const first = queryClient.fetchQuery(options!);
      await vi.advanceTimersByTimeAsync(10);
      fake.calls[0]!.answer({ remainingJobIds: ['prefetch-a'], timedOut: true });
      await expect(first).resolves.toMatchObject({ status: 'pending', polls: 1 });
      // A second fetch is the next poll: same first request time, one more poll.
      const second = queryClient.fetchQuery({ ...options!, staleTime: 0 });
      await vi.advanceTimersByTimeAsync(10);
      fake.calls[1]!.emit(line('prefetch-a', 'MISSING'));
      await expect(second).resolves.toMatchObject({ status: 'error', polls: 2 });
      const cached = queryClient.getQueryData(jobQueryKey(fake.client, 'prefetch-a'));
      expect(cached?.status).toBe('error');
      expect(cached?.firstRequestedAt).toBe((await first).firstRequestedAt);
      // ensureQueryData serves the finished record without another request.
      await expect(queryClient.ensureQueryData(options!)).resolves.toBe(cached);
      expect(fake.calls).toHaveLength(2);
      queryClient.clear();
    });

    it('counts maxWaitMs from the first attempt even when every attempt failed', async () => {
      const fake = fakeWaitClient();
      const queryClient = new QueryClient();
      const [options] = queryResultsOptions(fake.client, ['failing'], { maxWaitMs: 1_000 }).queries;
      const attempt = () => queryClient.fetchQuery({ ...options!, retry: false }).catch((error: unknown) => error);
      const first = attempt();
      await vi.advanceTimersByTimeAsync(10);
      fake.calls[0]!.fail(new Error('boom'));
      await first;
      await vi.advanceTimersByTimeAsync(2_000);
      const late = await attempt();
      expect((late as { kind?: string }).kind).toBe('timeout');
      expect(fake.calls).toHaveLength(1);
      queryClient.clear();
    });
  });
});
