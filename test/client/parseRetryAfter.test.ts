import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../src/client/parseRetryAfter.js';

const now = Date.UTC(2026, 9, 21, 7, 28, 0); // Wed, 21 Oct 2026 07:28:00 GMT

describe('parseRetryAfter', () => {
  it.each([
    ['0', 0],
    ['1', 1_000],
    ['120', 120_000],
    [' 5 ', 5_000],
    ['1.5', 1_500],
  ])('reads delay-seconds %j', (value, ms) => {
    expect(parseRetryAfter(value, now)).toBe(ms);
  });

  it.each([
    ['IMF-fixdate', 'Wed, 21 Oct 2026 07:28:30 GMT', 30_000],
    ['RFC 850', 'Wednesday, 21-Oct-26 07:29:00 GMT', 60_000],
  ])('reads an HTTP date (%s) relative to now', (_, value, ms) => {
    expect(parseRetryAfter(value, now)).toBe(ms);
  });

  it('reads the asctime form (no zone, so measured against its own local reading)', () => {
    const value = 'Wed Oct 21 07:28:05 2026';
    expect(parseRetryAfter(value, Date.parse(value) - 5_000)).toBe(5_000);
  });

  it('gives 0 for a date in the past', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', now)).toBe(0);
  });

  it.each([null, undefined, '', '   ', '-1', 'soon', 'abc 5', '1e3', '0x10', 'Wed, 99 Foo 2026', 'Oct 2026'])(
    'gives undefined for %j',
    (value) => {
      expect(parseRetryAfter(value, now)).toBeUndefined();
    },
  );
});
