import type { Int64Policy } from '../DecodeOptions.js';
import type { ColumnData } from './ReadContext.js';
import { isNullAt, validityOf } from './validity.js';

const TWO_POW_32 = 4294967296;
// |hi| below 2^21 means |value| below 2^53: the value fits a number exactly.
const SAFE_HI = 2097152;

/**
 * Int64, UInt64, Time64, Duration and Date64 counts under the int64 policy. Reads the two 32-bit
 * halves instead of the BigInt64Array, so that safe values never allocate a `bigint`.
 */
export function readInt64(data: ColumnData, out: unknown[], at: number, policy: Int64Policy): void {
  const values = data.values as unknown as BigInt64Array | BigUint64Array;
  const n = data.length;
  const bitmap = validityOf(data);
  const o = data.offset;
  if (policy === 'bigint') {
    for (let i = 0; i < n; i++) out[at + i] = isNullAt(bitmap, o + i) ? null : values[i];
    return;
  }
  const words = new Int32Array(values.buffer, values.byteOffset, n * 2);
  const signed = values instanceof BigInt64Array;
  for (let i = 0; i < n; i++) {
    if (isNullAt(bitmap, o + i)) {
      out[at + i] = null;
      continue;
    }
    const hi = words[2 * i + 1]!;
    if (signed ? hi >= -SAFE_HI && hi < SAFE_HI : hi >= 0 && hi < SAFE_HI) {
      const value = hi * TWO_POW_32 + (words[2 * i]! >>> 0);
      if (value !== -9007199254740992) {
        out[at + i] = value;
        continue;
      }
    }
    out[at + i] = policy === 'string' ? String(values[i]) : values[i];
  }
}

/**
 * One signed 64-bit value from its two little-endian 32-bit halves, under the int64 policy.
 * For the odd places that hold an int64 inside a wider struct (interval nanoseconds).
 */
export function int64FromWords(lo: number, hi: number, policy: Int64Policy): number | bigint | string {
  if (policy !== 'bigint' && hi >= -SAFE_HI && hi < SAFE_HI) {
    const value = hi * TWO_POW_32 + (lo >>> 0);
    if (value !== -9007199254740992) return value;
  }
  const exact = (BigInt(hi) << 32n) | BigInt(lo >>> 0);
  return policy === 'string' ? String(exact) : exact;
}
