import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isOmniError } from '../../src/errors/OmniError.js';
import { nextJobRecord } from '../../src/wait/nextJobRecord.js';
import { DEFAULT_MAX_WAIT_MS, pollJob } from '../../src/wait/pollJob.js';
import { WaitBatcher } from '../../src/wait/WaitBatcher.js';
import { fakeWaitClient, line } from './fakeWaitClient.js';

describe('pollJob', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('turns one shared wait answer into the next record', async () => {
    const fake = fakeWaitClient();
    const batcher = new WaitBatcher(fake.client, { windowMs: 1 });
    const polled = pollJob(batcher, { jobId: 'a', previous: undefined, firstRequestedAt: Date.now() });
    await vi.advanceTimersByTimeAsync(1);
    fake.calls[0]!.emit(line('a', 'EXECUTING'));
    fake.calls[0]!.answer({ remainingJobIds: ['a'], timedOut: true });
    await expect(polled).resolves.toMatchObject({ jobId: 'a', status: 'pending', omniStatus: 'EXECUTING', polls: 1 });
  });

  it('returns a finished record as it is, without asking again', async () => {
    const fake = fakeWaitClient();
    const batcher = new WaitBatcher(fake.client, { windowMs: 1 });
    const done = nextJobRecord(undefined, line('a', 'ERROR'), { jobId: 'a', firstRequestedAt: 0, answeredAt: 0 });
    await expect(pollJob(batcher, { jobId: 'a', previous: done, firstRequestedAt: 0 })).resolves.toBe(done);
    await vi.advanceTimersByTimeAsync(100);
    expect(fake.calls).toHaveLength(0);
  });

  it('throws a timeout error, without a request, once maxWaitMs has passed since the first request', async () => {
    const fake = fakeWaitClient();
    const batcher = new WaitBatcher(fake.client, { windowMs: 1 });
    const firstRequestedAt = Date.now() - DEFAULT_MAX_WAIT_MS;
    const error: unknown = await pollJob(batcher, { jobId: 'a', previous: undefined, firstRequestedAt }).catch((e: unknown) => e);
    expect(isOmniError(error, 'timeout')).toBe(true);
    expect((error as Error).message).toContain('10 min');
    expect((error as { jobId?: string }).jobId).toBe('a');
    await vi.advanceTimersByTimeAsync(100);
    expect(fake.calls).toHaveLength(0);
  });

  it('cuts a long poll at the deadline and aborts the request nobody else waits on', async () => {
    const fake = fakeWaitClient();
    const batcher = new WaitBatcher(fake.client, { windowMs: 1 });
    const polled = pollJob(batcher, { jobId: 'a', previous: undefined, firstRequestedAt: Date.now(), maxWaitMs: 5_000 });
    const outcome = polled.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(4_998);
    expect(fake.calls[0]!.signal?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(2);
    const error = await outcome;
    expect(isOmniError(error, 'timeout')).toBe(true);
    expect((error as Error).message).toContain('5 s');
    expect(fake.calls[0]!.signal?.aborted).toBe(true);
  });

  it('keeps the shared request for other jobs when one job hits its deadline', async () => {
    const fake = fakeWaitClient();
    const batcher = new WaitBatcher(fake.client, { windowMs: 1 });
    const short = pollJob(batcher, { jobId: 'a', previous: undefined, firstRequestedAt: Date.now(), maxWaitMs: 100 }).catch(
      (e: unknown) => e,
    );
    const long = pollJob(batcher, { jobId: 'b', previous: undefined, firstRequestedAt: Date.now() });
    await vi.advanceTimersByTimeAsync(200);
    expect(isOmniError(await short, 'timeout')).toBe(true);
    expect(fake.calls[0]!.signal?.aborted).toBe(false);
    fake.calls[0]!.answer({ remainingJobIds: ['a', 'b'], timedOut: true });
    await expect(long).resolves.toMatchObject({ status: 'pending' });
  });

  it('rejects with the signal reason when the query is cancelled', async () => {
    const fake = fakeWaitClient();
    const batcher = new WaitBatcher(fake.client, { windowMs: 1 });
    const controller = new AbortController();
    const polled = pollJob(batcher, { jobId: 'a', previous: undefined, firstRequestedAt: Date.now(), signal: controller.signal });
    const outcome = polled.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1);
    controller.abort(new Error('unmounted'));
    expect(((await outcome) as Error).message).toBe('unmounted');
    expect(fake.calls[0]!.signal?.aborted).toBe(true);
  });
});
