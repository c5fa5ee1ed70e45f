import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OmniError } from '../../src/errors/OmniError.js';
import { DEFAULT_MAX_JOB_IDS_LENGTH, WaitBatcher, type WaitOutcome } from '../../src/wait/WaitBatcher.js';
import { fakeWaitClient, line } from './fakeWaitClient.js';

/** Records how a promise settled without awaiting it, so a test can look at it at any moment. */
function track(promise: Promise<WaitOutcome>) {
  const state: { value?: WaitOutcome; error?: unknown; settled: boolean } = { settled: false };
  promise.then(
    (value) => Object.assign(state, { value, settled: true }),
    (error: unknown) => Object.assign(state, { error, settled: true }),
  );
  return state;
}

const flush = () => vi.advanceTimersByTimeAsync(0);

/** Length of the `job_ids` value as the client sends it. */
const encodedLength = (ids: readonly string[]) => encodeURIComponent(JSON.stringify(ids)).length;

describe('WaitBatcher', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('coalesces ids asked within the window into one request and answers each id', async () => {
    const fake = fakeWaitClient();
    const batcher = new WaitBatcher(fake.client, { windowMs: 10 });
    const a = track(batcher.wait('a'));
    const b = track(batcher.wait('b'));
    const c = track(batcher.wait('c'));
    await vi.advanceTimersByTimeAsync(5);
    const d = track(batcher.wait('d'));
    expect(fake.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(5);
    expect(fake.calls.map((call) => call.ids)).toEqual([['a', 'b', 'c', 'd']]);

    fake.calls[0]!.emit(line('a', 'COMPLETE'));
    fake.calls[0]!.answer({ remainingJobIds: ['b', 'ghost'], timedOut: true });
    await flush();
    expect((a.value as { status: string }).status).toBe('COMPLETE');
    expect(b.value).toBe('pending');
    expect(c.value).toBe('unreported');
    expect(d.value).toBe('unreported');
    expect(fake.calls).toHaveLength(1);
  });

  it('treats every id without a line as pending when the answer had no footer', async () => {
    const fake = fakeWaitClient();
    const batcher = new WaitBatcher(fake.client, { windowMs: 1 });
    const a = track(batcher.wait('a'));
    const b = track(batcher.wait('b'));
    await vi.advanceTimersByTimeAsync(1);
    fake.calls[0]!.emit(line('b', 'ERROR', { error_message: 'boom' }));
    fake.calls[0]!.answer({ remainingJobIds: undefined });
    await flush();
    expect(a.value).toBe('pending');
    expect((b.value as { status: string }).status).toBe('ERROR');
  });

  it('resolves a job as soon as its line streams in, before the long poll ends', async () => {
    const fake = fakeWaitClient();
    const batcher = new WaitBatcher(fake.client, { windowMs: 1 });
    const a = track(batcher.wait('a'));
    const b = track(batcher.wait('b'));
    await vi.advanceTimersByTimeAsync(1);
    fake.calls[0]!.emit(line('a', 'COMPLETE'));
    await flush();
    expect(a.settled).toBe(true);
    expect(b.settled).toBe(false);
    expect(fake.calls[0]!.settled).toBe(false);
    fake.calls[0]!.answer({ remainingJobIds: ['b'], timedOut: true });
    await flush();
    expect(b.value).toBe('pending');
  });

  it('keeps the terminal line when a non-terminal or duplicate line for the job follows', async () => {
    const fake = fakeWaitClient();
    const batcher = new WaitBatcher(fake.client, { windowMs: 1 });
    const a = track(batcher.wait('a'));
    const b = track(batcher.wait('b'));
    await vi.advanceTimersByTimeAsync(1);
    fake.calls[0]!.emit(line('b', 'EXECUTING'));
    fake.calls[0]!.emit(line('a', 'COMPLETE', { result: 'first' }));
    fake.calls[0]!.emit(line('a', 'COMPLETE', { result: 'second' }));
    fake.calls[0]!.emit(line('stranger', 'COMPLETE'));
    fake.calls[0]!.answer({ remainingJobIds: ['b'] });
    await flush();
    expect((a.value as { result?: string }).result).toBe('first');
    // A running job's newest non-terminal line is its outcome: the caller shows its Omni status.
    expect((b.value as { status: string }).status).toBe('EXECUTING');
  });

  it('never has two requests in flight: ids asked meanwhile go into the next request', async () => {
    const fake = fakeWaitClient();
    const batcher = new WaitBatcher(fake.client, { windowMs: 1, supersedeAfterMs: Infinity });
    track(batcher.wait('a'));
    await vi.advanceTimersByTimeAsync(1);
    const b = track(batcher.wait('b'));
    const c = track(batcher.wait('c'));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fake.calls).toHaveLength(1);
    fake.calls[0]!.answer({ remainingJobIds: ['a'], timedOut: true });
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.calls.map((call) => call.ids)).toEqual([['a'], ['b', 'c']]);
    expect(fake.maxInFlight).toBe(1);
    fake.calls[1]!.answer({ remainingJobIds: ['b', 'c'] });
    await flush();
    expect([b.value, c.value]).toEqual(['pending', 'pending']);
  });

  it('lets a caller of an id already in flight join that request instead of sending another', async () => {
    const fake = fakeWaitClient();
    const batcher = new WaitBatcher(fake.client, { windowMs: 1 });
    const first = track(batcher.wait('a'));
    const other = track(batcher.wait('b'));
    await vi.advanceTimersByTimeAsync(1);
    const second = track(batcher.wait('a'));
    await vi.advanceTimersByTimeAsync(5_000);
    fake.calls[0]!.emit(line('a', 'COMPLETE'));
    await flush();
    // A third caller after the line arrived, while the request still runs for b, gets that line at once.
    const third = track(batcher.wait('a'));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(fake.calls).toHaveLength(1);
    expect(other.settled).toBe(false);
    expect([first, second, third].map((state) => (state.value as { status: string }).status)).toEqual([
      'COMPLETE',
      'COMPLETE',
      'COMPLETE',
    ]);
  });

  it('supersedes a long poll that is old enough with one request carrying the new ids, keeping streamed lines', async () => {
    const fake = fakeWaitClient();
    const batcher = new WaitBatcher(fake.client, { windowMs: 1, supersedeAfterMs: 1000 });
    const a = track(batcher.wait('a'));
    const b = track(batcher.wait('b'));
    await vi.advanceTimersByTimeAsync(1);
    fake.calls[0]!.emit(line('a', 'COMPLETE'));
    await vi.advanceTimersByTimeAsync(100);
    const c = track(batcher.wait('c'));
    const d = track(batcher.wait('d'));
    await vi.advanceTimersByTimeAsync(500);
    // Younger than supersedeAfterMs: the long poll goes on.
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]!.signal?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(500);
    expect(fake.calls[0]!.signal?.aborted).toBe(true);
    expect(fake.calls.map((call) => call.ids)).toEqual([
      ['a', 'b'],
      ['c', 'd', 'b'],
    ]);
    expect(fake.maxInFlight).toBe(1);
    expect((a.value as { status: string }).status).toBe('COMPLETE');
    expect(b.settled).toBe(false);
    fake.calls[1]!.emit(line('c', 'COMPLETE'));
    fake.calls[1]!.answer({ remainingJobIds: ['b', 'd'] });
    await flush();
    expect(b.value).toBe('pending');
    expect((c.value as { status: string }).status).toBe('COMPLETE');
    expect(d.value).toBe('pending');
  });

  it('drops an id whose only caller aborted before the request was sent', async () => {
    const fake = fakeWaitClient();
    const batcher = new WaitBatcher(fake.client, { windowMs: 10 });
    const gone = new AbortController();
    const a = track(batcher.wait('a', gone.signal));
    const b = track(batcher.wait('b'));
    gone.abort(new Error('unmounted'));
    await vi.advanceTimersByTimeAsync(10);
    expect(fake.calls.map((call) => call.ids)).toEqual([['b']]);
    expect((a.error as Error).message).toBe('unmounted');
    expect(b.settled).toBe(false);
  });

  it('sends nothing when every caller aborted before the window closed', async () => {
    const fake = fakeWaitClient();
    const batcher = new WaitBatcher(fake.client, { windowMs: 10 });
    const controller = new AbortController();
    track(batcher.wait('a', controller.signal));
    track(batcher.wait('b', controller.signal));
    controller.abort();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(fake.calls).toHaveLength(0);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const fake = fakeWaitClient();
    const batcher = new WaitBatcher(fake.client);
    const controller = new AbortController();
    controller.abort(new Error('already gone'));
    await expect(batcher.wait('a', controller.signal)).rejects.toThrow('already gone');
    await vi.advanceTimersByTimeAsync(100);
    expect(fake.calls).toHaveLength(0);
  });

  it('keeps the request while one caller of an id is left, and aborts it when the last caller leaves', async () => {
    const fake = fakeWaitClient();
    const batcher = new WaitBatcher(fake.client, { windowMs: 1 });
    const one = new AbortController();
    const two = new AbortController();
    const three = new AbortController();
    track(batcher.wait('a', one.signal));
    track(batcher.wait('a', two.signal));
    track(batcher.wait('b', three.signal));
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.calls.map((call) => call.ids)).toEqual([['a', 'b']]);
    one.abort();
    three.abort();
    expect(fake.calls[0]!.signal?.aborted).toBe(false);
    two.abort();
    expect(fake.calls[0]!.signal?.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fake.calls).toHaveLength(1);
  });

  it('aborts the request once streamed lines answered everyone still waiting', async () => {
    const fake = fakeWaitClient();
    const batcher = new WaitBatcher(fake.client, { windowMs: 1 });
    const gone = new AbortController();
    track(batcher.wait('a', gone.signal));
    const b = track(batcher.wait('b'));
    await vi.advanceTimersByTimeAsync(1);
    gone.abort();
    expect(fake.calls[0]!.signal?.aborted).toBe(false);
    fake.calls[0]!.emit(line('b', 'COMPLETE'));
    await flush();
    expect(b.settled).toBe(true);
    expect(fake.calls[0]!.signal?.aborted).toBe(true);
  });

  it('rejects every caller with the shared error and holds the retries of all of them in one request', async () => {
    const fake = fakeWaitClient();
    const pauses: Array<[number, unknown]> = [];
    const batcher = new WaitBatcher(fake.client, {
      windowMs: 1,
      pauseAfterFailure: (failures, error) => {
        pauses.push([failures, error]);
        return error instanceof OmniError && error.retryAfterMs !== undefined ? error.retryAfterMs : 100;
      },
    });
    const ids = Array.from({ length: 30 }, (_, index) => `job-${index}`);
    const first = ids.map((id) => track(batcher.wait(id)));
    await vi.advanceTimersByTimeAsync(1);
    const tooMany = new OmniError('http', 'Too many requests', { status: 429, retryAfterMs: 2_000 });
    fake.calls[0]!.fail(tooMany);
    await flush();
    expect(first.every((state) => state.error === tooMany)).toBe(true);
    expect(pauses).toEqual([[1, tooMany]]);
    expect(batcher.notBefore).toBeGreaterThan(Date.now());

    // Each job retries on its own schedule; the pause gathers them into one request.
    const retries: ReturnType<typeof track>[] = [];
    for (const id of ids) {
      retries.push(track(batcher.wait(id)));
      await vi.advanceTimersByTimeAsync(30);
    }
    expect(fake.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(fake.calls).toHaveLength(2);
    expect(fake.calls[1]!.ids).toEqual(ids);
    fake.calls[1]!.answer({ remainingJobIds: ids });
    await flush();
    expect(retries.every((state) => state.value === 'pending')).toBe(true);
    expect(batcher.notBefore).toBe(0);
  });

  it('counts failures in a row for the pause and resets them after a good answer', async () => {
    const fake = fakeWaitClient();
    const failures: number[] = [];
    const batcher = new WaitBatcher(fake.client, {
      windowMs: 1,
      pauseAfterFailure: (count) => {
        failures.push(count);
        return 10;
      },
    });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      track(batcher.wait('a'));
      await vi.advanceTimersByTimeAsync(20);
      fake.calls.at(-1)!.fail(new OmniError('http', 'Bad gateway', { status: 502 }));
      await flush();
    }
    track(batcher.wait('a'));
    await vi.advanceTimersByTimeAsync(20);
    fake.calls.at(-1)!.answer({ remainingJobIds: ['a'] });
    await flush();
    track(batcher.wait('a'));
    await vi.advanceTimersByTimeAsync(20);
    fake.calls.at(-1)!.fail(new OmniError('network', 'offline'));
    await flush();
    expect(failures).toEqual([1, 2, 1]);
  });

  it('keeps the jobs received before a mid-stream error and rejects the others with it', async () => {
    const fake = fakeWaitClient();
    const batcher = new WaitBatcher(fake.client, { windowMs: 1 });
    const a = track(batcher.wait('a'));
    const b = track(batcher.wait('b'));
    await vi.advanceTimersByTimeAsync(1);
    fake.calls[0]!.emit(line('a', 'COMPLETE'));
    const broken = new OmniError('http', 'Omni failed while sending its answer', { status: 500 });
    fake.calls[0]!.answer({ remainingJobIds: undefined, streamError: broken });
    await flush();
    expect((a.value as { status: string }).status).toBe('COMPLETE');
    expect(b.error).toBe(broken);
  });

  it('turns a client that throws synchronously into a rejected wait', async () => {
    const fake = fakeWaitClient();
    const batcher = new WaitBatcher(
      {
        ...fake.client,
        wait: () => {
          throw new OmniError('network', 'no fetch');
        },
      },
      { windowMs: 1 },
    );
    const a = track(batcher.wait('a'));
    await vi.advanceTimersByTimeAsync(1);
    expect((a.error as OmniError).kind).toBe('network');
    expect(batcher.isInFlight).toBe(false);
  });

  describe('cap on the job_ids length', () => {
    it('defaults to a cap that keeps 1,000 UUIDs out of one request', async () => {
      expect(DEFAULT_MAX_JOB_IDS_LENGTH).toBe(6_000);
      const fake = fakeWaitClient();
      const batcher = new WaitBatcher(fake.client, { windowMs: 1 });
      const ids = Array.from(
        { length: 1_000 },
        (_, index) => `${index.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`,
      );
      ids.forEach((id) => track(batcher.wait(id)));
      await vi.advanceTimersByTimeAsync(1);
      const sent = fake.calls[0]!.ids;
      expect(sent).toEqual(ids.slice(0, sent.length));
      expect(encodedLength(sent)).toBeLessThanOrEqual(DEFAULT_MAX_JOB_IDS_LENGTH);
      expect(encodedLength(ids.slice(0, sent.length + 1))).toBeGreaterThan(DEFAULT_MAX_JOB_IDS_LENGTH);
    });

    it('never exceeds the cap and sends the ids left over, in order, once the request ends', async () => {
      const fake = fakeWaitClient();
      // Ids whose encoded length differs from their length: quotes, commas, spaces, unicode.
      const ids = [
        'quote"d',
        'comma,separated',
        'with space',
        'ünïcødé-日本-🚀',
        '%2F/slash',
        'back\\slash',
        '[bracket]',
        'plain',
        'x',
      ];
      const cap = encodedLength(ids.slice(0, 3));
      const batcher = new WaitBatcher(fake.client, { windowMs: 1, maxJobIdsLength: cap });
      const states = ids.map((id) => track(batcher.wait(id)));
      await vi.advanceTimersByTimeAsync(1);
      expect(fake.calls.map((call) => call.ids)).toEqual([ids.slice(0, 3)]);
      // Ids left over do not supersede the long poll: it runs to its end and answers its ids.
      await vi.advanceTimersByTimeAsync(60_000);
      expect(fake.calls).toHaveLength(1);
      expect(fake.calls[0]!.signal?.aborted).toBe(false);

      while (fake.calls.at(-1)!.settled === false) {
        const call = fake.calls.at(-1)!;
        call.answer({ remainingJobIds: call.ids, timedOut: true });
        await vi.advanceTimersByTimeAsync(1);
      }
      const sent = fake.calls.map((call) => call.ids);
      expect(sent.flat()).toEqual(ids);
      expect(sent.length).toBeGreaterThan(2);
      for (const [index, batch] of sent.entries()) {
        expect(encodedLength(batch)).toBeLessThanOrEqual(cap);
        // Each request takes as many ids as fit: the next one in line would not have.
        const next = sent[index + 1]?.[0];
        if (next !== undefined) expect(encodedLength([...batch, next])).toBeGreaterThan(cap);
      }
      expect(fake.maxInFlight).toBe(1);
      expect(states.every((state) => state.value === 'pending')).toBe(true);
    });

    it('sends an id longer than the cap alone, without letting the ids behind it overtake it', async () => {
      const fake = fakeWaitClient();
      const long = 'x'.repeat(200);
      const cap = encodedLength(['a', 'b']);
      const batcher = new WaitBatcher(fake.client, { windowMs: 1, maxJobIdsLength: cap });
      const states = ['a', long, 'b'].map((id) => track(batcher.wait(id)));
      await vi.advanceTimersByTimeAsync(1);
      for (let request = 0; request < 3; request += 1) {
        fake.calls.at(-1)!.answer({ remainingJobIds: [] });
        await vi.advanceTimersByTimeAsync(1);
      }
      expect(fake.calls.map((call) => call.ids)).toEqual([['a'], [long], ['b']]);
      expect(states.every((state) => state.value === 'unreported')).toBe(true);
    });

    it('asks every id that stays pending within ceil(n / idsPerRequest) consecutive requests', async () => {
      const fake = fakeWaitClient();
      const ids = Array.from({ length: 10 }, (_, index) => `job-${String(index).padStart(2, '0')}`);
      const perRequest = 3;
      const cap = encodedLength(ids.slice(0, perRequest));
      const batcher = new WaitBatcher(fake.client, { windowMs: 1, maxJobIdsLength: cap });
      // Like pollJob under react-query: a pending job is asked again as soon as it is answered.
      const poll = (id: string): void => {
        void batcher.wait(id).then((outcome) => outcome === 'pending' && poll(id));
      };
      ids.forEach(poll);
      await vi.advanceTimersByTimeAsync(1);
      for (let request = 0; request < 12; request += 1) {
        const call = fake.calls.at(-1)!;
        call.answer({ remainingJobIds: call.ids, timedOut: true });
        await flush();
        await vi.advanceTimersByTimeAsync(1);
      }
      const sent = fake.calls.map((call) => call.ids);
      expect(sent.length).toBeGreaterThan(12);
      sent.forEach((batch) => expect(encodedLength(batch)).toBeLessThanOrEqual(cap));
      const span = Math.ceil(ids.length / perRequest);
      for (let first = 0; first + span <= sent.length; first += 1) {
        const asked = new Set(sent.slice(first, first + span).flat());
        expect([...asked].sort(), `requests ${first}..${first + span - 1}`).toEqual(ids);
      }
    });

    it('keeps the cap when superseding: the queue goes first, the superseded ids go to the back', async () => {
      const fake = fakeWaitClient();
      const cap = encodedLength(['a', 'b', 'c']);
      const batcher = new WaitBatcher(fake.client, { windowMs: 1, supersedeAfterMs: 1000, maxJobIdsLength: cap });
      const first = ['a', 'b', 'c', 'd'].map((id) => track(batcher.wait(id)));
      await vi.advanceTimersByTimeAsync(1);
      fake.calls[0]!.emit(line('b', 'COMPLETE'));
      await vi.advanceTimersByTimeAsync(100);
      const later = ['e', 'f', 'g'].map((id) => track(batcher.wait(id)));
      await vi.advanceTimersByTimeAsync(1_000);
      expect(fake.calls[0]!.signal?.aborted).toBe(true);
      expect(fake.calls.map((call) => call.ids)).toEqual([
        ['a', 'b', 'c'],
        ['d', 'e', 'f'],
      ]);
      fake.calls[1]!.answer({ remainingJobIds: ['d', 'e', 'f'] });
      await vi.advanceTimersByTimeAsync(1);
      // b's line streamed in before the supersede: b is answered and not asked again.
      expect(fake.calls[2]!.ids).toEqual(['g', 'a', 'c']);
      expect((first[1]!.value as { status: string }).status).toBe('COMPLETE');
      fake.calls[2]!.answer({ remainingJobIds: ['g', 'a', 'c'] });
      await flush();
      expect([...first, ...later].every((state) => state.settled)).toBe(true);
      expect(fake.calls).toHaveLength(3);
      expect(fake.maxInFlight).toBe(1);
    });

    it('removes a queued id whose callers all aborted, and sends nothing when no queued id is left', async () => {
      const fake = fakeWaitClient();
      const cap = encodedLength(['a', 'b']);
      const batcher = new WaitBatcher(fake.client, { windowMs: 1, maxJobIdsLength: cap });
      const dropC = new AbortController();
      const dropD = new AbortController();
      const dropE = new AbortController();
      track(batcher.wait('a'));
      track(batcher.wait('b'));
      const c = track(batcher.wait('c', dropC.signal));
      const d = track(batcher.wait('d', dropD.signal));
      const e = track(batcher.wait('e', dropE.signal));
      // A second caller of c keeps it queued after the first one leaves.
      const c2 = track(batcher.wait('c'));
      await vi.advanceTimersByTimeAsync(1);
      expect(fake.calls.map((call) => call.ids)).toEqual([['a', 'b']]);
      dropC.abort(new Error('unmounted'));
      dropD.abort(new Error('unmounted'));
      fake.calls[0]!.answer({ remainingJobIds: ['a', 'b'] });
      await vi.advanceTimersByTimeAsync(1);
      expect(fake.calls.map((call) => call.ids)).toEqual([
        ['a', 'b'],
        ['c', 'e'],
      ]);
      expect((c.error as Error).message).toBe('unmounted');
      expect((d.error as Error).message).toBe('unmounted');

      track(batcher.wait('f', AbortSignal.abort()));
      const dropG = new AbortController();
      const g = track(batcher.wait('g', dropG.signal));
      dropE.abort();
      fake.calls[1]!.answer({ remainingJobIds: ['c'] });
      await flush();
      expect(c2.value).toBe('pending');
      expect(e.settled).toBe(true);
      dropG.abort();
      await vi.advanceTimersByTimeAsync(60_000);
      expect(g.settled).toBe(true);
      expect(fake.calls).toHaveLength(2);
    });
  });
});
