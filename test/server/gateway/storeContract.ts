import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GatewayStore } from '../../../src/server/gateway/GatewayStore.js';

/**
 * Two handles on one shared store, as two proxy instances would hold them: for Redis, two stores with
 * their own connections to one server and prefix; for the in-process store, the same store twice.
 */
export interface GatewayStorePair {
  one: GatewayStore;
  other: GatewayStore;
  /** Releases what the factory opened (closes both stores). Called after each test. */
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The behaviour every {@link GatewayStore} promises, as a vitest suite: call it at the top level of a
 * test file with a factory that opens a fresh pair for each test. Runs in real time (TTLs of tens of
 * ms), since a Redis server's clock cannot be faked.
 */
export function describeGatewayStoreContract(name: string, factory: () => Promise<GatewayStorePair>): void {
  describe(`GatewayStore contract: ${name}`, () => {
    let pair: GatewayStorePair;
    // A key space of its own per test, so tests never see each other's keys.
    let key: (suffix: string) => string;

    beforeEach(async () => {
      pair = await factory();
      const run = randomUUID();
      key = (suffix) => `contract:${run}:${suffix}`;
    });
    afterEach(async () => {
      await pair.close();
    });

    describe('get, set and delete', () => {
      it('gets what was set, whole, from either handle', async () => {
        const value = JSON.stringify({ rows: 'x'.repeat(100_000), unicode: 'é✓🙂' });
        await pair.one.set(key('a'), value, 10_000);
        expect(await pair.one.get(key('a'))).toBe(value);
        expect(await pair.other.get(key('a'))).toBe(value);
      });

      it('answers undefined for a key never set, and for a deleted one', async () => {
        expect(await pair.one.get(key('never'))).toBeUndefined();
        await pair.one.set(key('gone'), 'v', 10_000);
        await pair.other.delete(key('gone'));
        expect(await pair.one.get(key('gone'))).toBeUndefined();
      });

      it('deletes an absent key without an error', async () => {
        await expect(pair.one.delete(key('absent'))).resolves.toBeUndefined();
      });

      it('replaces a value with set, and the new TTL applies', async () => {
        await pair.one.set(key('r'), 'first', 40);
        await pair.other.set(key('r'), 'second', 10_000);
        await sleep(120);
        expect(await pair.one.get(key('r'))).toBe('second');
      });

      it('forgets a value once its TTL has passed', async () => {
        await pair.one.set(key('ttl'), 'v', 500);
        expect(await pair.one.get(key('ttl'))).toBe('v');
        await sleep(800);
        expect(await pair.one.get(key('ttl'))).toBeUndefined();
        expect(await pair.other.get(key('ttl'))).toBeUndefined();
      });

      it('keeps keys apart: a value under one key is not seen under another', async () => {
        await pair.one.set(key('p:a'), 'A', 10_000);
        await pair.one.set(key('p:b'), 'B', 10_000);
        expect([await pair.other.get(key('p:a')), await pair.other.get(key('p:b'))]).toEqual(['A', 'B']);
      });
    });

    describe('setIfAbsent', () => {
      it('sets an absent key and answers true; leaves a present one and answers false', async () => {
        expect(await pair.one.setIfAbsent(key('c'), 'mine', 10_000)).toBe(true);
        expect(await pair.other.setIfAbsent(key('c'), 'theirs', 10_000)).toBe(false);
        expect(await pair.other.get(key('c'))).toBe('mine');
      });

      it('lets exactly one of many concurrent claims from both handles win', async () => {
        const claims = Array.from({ length: 40 }, (_, index) =>
          (index % 2 === 0 ? pair.one : pair.other).setIfAbsent(key('race'), `claim-${index}`, 10_000),
        );
        const won = await Promise.all(claims);
        expect(won.filter(Boolean)).toHaveLength(1);
        expect(await pair.one.get(key('race'))).toBe(`claim-${won.indexOf(true)}`);
      });

      it('can be claimed again once the claim has expired', async () => {
        expect(await pair.one.setIfAbsent(key('e'), 'first', 40)).toBe(true);
        await sleep(120);
        expect(await pair.other.setIfAbsent(key('e'), 'second', 10_000)).toBe(true);
        expect(await pair.one.get(key('e'))).toBe('second');
      });

      it('can be claimed again once the claim was deleted', async () => {
        expect(await pair.one.setIfAbsent(key('d'), 'first', 10_000)).toBe(true);
        await pair.one.delete(key('d'));
        expect(await pair.other.setIfAbsent(key('d'), 'second', 10_000)).toBe(true);
      });
    });

    describe('takeSlot and restampSlot', () => {
      it('grants `limit` slots in a window, across both handles, then refuses with a wait within the window', async () => {
        const window = 10_000;
        const granted = await Promise.all(
          Array.from({ length: 3 }, (_, index) => (index % 2 ? pair.one : pair.other).takeSlot(key('b'), 3, window, 0)),
        );
        expect(granted.every((answer) => answer.ok)).toBe(true);
        expect(new Set(granted.map((answer) => (answer.ok ? answer.slot : ''))).size).toBe(3);
        const refused = await pair.other.takeSlot(key('b'), 3, window, 0);
        expect(refused.ok).toBe(false);
        if (!refused.ok) {
          expect(refused.retryInMs).toBeGreaterThan(0);
          expect(refused.retryInMs).toBeLessThanOrEqual(window);
        }
      });

      it('grants exactly `limit` of many concurrent requests from both handles', async () => {
        const answers = await Promise.all(
          Array.from({ length: 30 }, (_, index) => (index % 2 ? pair.one : pair.other).takeSlot(key('many'), 7, 10_000, 0)),
        );
        expect(answers.filter((answer) => answer.ok)).toHaveLength(7);
      });

      it('keeps budgets under different keys apart', async () => {
        expect((await pair.one.takeSlot(key('k1'), 1, 10_000, 0)).ok).toBe(true);
        expect((await pair.one.takeSlot(key('k2'), 1, 10_000, 0)).ok).toBe(true);
        expect((await pair.other.takeSlot(key('k1'), 1, 10_000, 0)).ok).toBe(false);
      });

      it('frees a slot once it has left the window', async () => {
        expect((await pair.one.takeSlot(key('w'), 1, 500, 0)).ok).toBe(true);
        expect((await pair.other.takeSlot(key('w'), 1, 500, 0)).ok).toBe(false);
        await sleep(800);
        expect((await pair.other.takeSlot(key('w'), 1, 500, 0)).ok).toBe(true);
      });

      it('holds a new slot until now + holdMs, and restamping it counts it from the restamp', async () => {
        const window = 5_000;
        const hold = 20_000;
        const taken = await pair.one.takeSlot(key('h'), 1, window, hold);
        expect(taken.ok).toBe(true);
        const whileHeld = await pair.other.takeSlot(key('h'), 1, window, hold);
        // Held until about now + hold, the slot stays in the window until then + window.
        expect(whileHeld.ok ? 0 : whileHeld.retryInMs).toBeGreaterThan(hold);
        if (taken.ok) await pair.other.restampSlot(key('h'), taken.slot);
        const afterRestamp = await pair.one.takeSlot(key('h'), 1, window, hold);
        expect(afterRestamp.ok).toBe(false);
        expect(afterRestamp.ok ? Infinity : afterRestamp.retryInMs).toBeLessThanOrEqual(window);
      });

      it('ignores a restamp of an unknown slot', async () => {
        await expect(pair.one.restampSlot(key('none'), 'no-such-slot')).resolves.toBeUndefined();
        expect((await pair.one.takeSlot(key('none'), 1, 10_000, 0)).ok).toBe(true);
      });
    });

    describe('close', () => {
      it('resolves, and resolves again when called twice', async () => {
        await pair.one.set(key('x'), 'v', 10_000);
        await pair.close();
        await expect(pair.close()).resolves.toBeUndefined();
      });
    });
  });
}
