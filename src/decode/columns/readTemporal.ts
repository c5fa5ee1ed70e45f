import type { Int64Policy } from '../DecodeOptions.js';
import { fillCells } from './fillCells.js';
import type { ColumnData } from './ReadContext.js';
import { int64FromWords } from './readInt64.js';
import { isNullAt, validityOf } from './validity.js';

const DAY_MS = 86400000;
const TWO_POW_32 = 4294967296;

/** Date32: days since the epoch → `Date` at UTC midnight. */
export function readDateDay(data: ColumnData, out: unknown[], at: number): void {
  const days = data.values;
  const bitmap = validityOf(data);
  const o = data.offset;
  for (let i = 0; i < data.length; i++) out[at + i] = isNullAt(bitmap, o + i) ? null : new Date(days[i]! * DAY_MS);
}

/**
 * Timestamp in any unit, and Date64 (`unit` 1, milliseconds) → `Date`, in one pass that never
 * allocates a `bigint`. Sub-millisecond parts are floored (towards the past), so µs and ns values
 * land on the millisecond they fall in. Time zones do not change the instant: Arrow stores UTC.
 * An instant outside `Date`'s range (±8.64e15 ms, about ±275,000 years) gives an Invalid Date.
 *
 * @param unit 0 = s, 1 = ms, 2 = µs, 3 = ns (apache-arrow's `TimeUnit`).
 */
export function readTimestamp(data: ColumnData, out: unknown[], at: number, unit: number): void {
  const values = data.values as unknown as BigInt64Array;
  const n = data.length;
  const words = new Int32Array(values.buffer, values.byteOffset, n * 2);
  const bitmap = validityOf(data);
  const o = data.offset;
  // floor((hi·2^32 + lo) / d) = hi·q + floor((hi·r + lo) / d), where 2^32 = q·d + r: every term stays exact.
  const divisor = unit === 2 ? 1000 : unit === 3 ? 1000000 : 1;
  const q = Math.floor(TWO_POW_32 / divisor);
  const r = TWO_POW_32 - q * divisor;
  const factor = unit === 0 ? 1000 : 1;
  for (let i = 0; i < n; i++) {
    if (isNullAt(bitmap, o + i)) {
      out[at + i] = null;
      continue;
    }
    const lo = words[2 * i]! >>> 0;
    const hi = words[2 * i + 1]!;
    const ms = divisor === 1 ? (hi * TWO_POW_32 + lo) * factor : hi * q + Math.floor((hi * r + lo) / divisor);
    out[at + i] = new Date(ms);
  }
}

/** Interval<DAY_TIME> → `{ days, milliseconds }`. */
export function readDayTime(data: ColumnData, out: unknown[], at: number): void {
  const words = data.values;
  fillCells(data, out, at, (i) => ({ days: words[2 * i]!, milliseconds: words[2 * i + 1]! }));
}

/** Interval<MONTH_DAY_NANO> → `{ months, days, nanoseconds }`, nanoseconds under the int64 policy. */
export function readMonthDayNano(data: ColumnData, out: unknown[], at: number, policy: Int64Policy): void {
  const words = data.values;
  fillCells(data, out, at, (i) => ({
    months: words[4 * i]!,
    days: words[4 * i + 1]!,
    nanoseconds: int64FromWords(words[4 * i + 2]!, words[4 * i + 3]!, policy),
  }));
}
