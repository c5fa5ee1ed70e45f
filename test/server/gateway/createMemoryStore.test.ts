import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryStore } from '../../../src/server.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('createMemoryStore', () => {
  it('sets only when absent, atomically: of many concurrent claims exactly one wins', async () => {
    const store = createMemoryStore();

    const wins = await Promise.all(Array.from({ length: 20 }, (_, index) => store.setIfAbsent('claim', String(index), 1_000)));

    expect(wins.filter(Boolean)).toHaveLength(1);
    expect(await store.get('claim')).toBe(String(wins.indexOf(true)));
  });

  it('honours each entry’s TTL', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const store = createMemoryStore();
    await store.set('short', 'a', 1_000);
    await store.set('long', 'b', 5_000);

    await vi.advanceTimersByTimeAsync(1_001);

    expect(await store.get('short')).toBeUndefined();
    expect(await store.get('long')).toBe('b');
    expect(await store.setIfAbsent('short', 'again', 1_000)).toBe(true);
    await store.delete('long');
    await store.delete('never-there');
    expect(await store.get('long')).toBeUndefined();
  });

  it('stays within maxBytes (key plus value lengths), dropping the least recently used first', async () => {
    const store = createMemoryStore({ maxBytes: 25 });
    await store.set('k1', 'x'.repeat(8), 60_000);
    await store.set('k2', 'x'.repeat(8), 60_000);
    await store.get('k1');

    await store.set('k3', 'x'.repeat(8), 60_000);

    expect(await store.get('k1')).toBe('x'.repeat(8));
    expect(await store.get('k2')).toBeUndefined();
    expect(await store.get('k3')).toBe('x'.repeat(8));
    await expect(store.set('huge', 'x'.repeat(30), 60_000)).rejects.toThrow(RangeError);
  });

  it('refuses a maxBytes that is not a positive integer', () => {
    expect(() => createMemoryStore({ maxBytes: 0 })).toThrow(TypeError);
    expect(() => createMemoryStore({ maxBytes: 1.5 })).toThrow(TypeError);
  });

  it('keeps a sliding window of slots: held until the answer began, then a window past it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const store = createMemoryStore();
    const first = await store.takeSlot('budget', 2, 10_000, 60_000);
    const second = await store.takeSlot('budget', 2, 10_000, 60_000);
    const refused = await store.takeSlot('budget', 2, 10_000, 60_000);
    expect(first.ok && second.ok).toBe(true);
    // Both slots are in flight: each counts until its hold ends (60 s) plus the window.
    expect(refused).toEqual({ ok: false, retryInMs: 70_000 });

    await vi.advanceTimersByTimeAsync(1_000);
    if (first.ok) await store.restampSlot('budget', first.slot);
    await vi.advanceTimersByTimeAsync(9_999);
    expect((await store.takeSlot('budget', 2, 10_000, 60_000)).ok).toBe(false);
    await vi.advanceTimersByTimeAsync(1);

    expect((await store.takeSlot('budget', 2, 10_000, 60_000)).ok).toBe(true);
    expect((await store.takeSlot('other', 1, 10_000, 60_000)).ok).toBe(true);
  });
});
