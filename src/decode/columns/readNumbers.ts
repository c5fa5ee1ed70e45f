import type { ColumnData } from './ReadContext.js';
import { isBitSet, isNullAt, validityOf } from './validity.js';

/** Int8–Int32, UInt8–UInt32, Float32/64, Time32 and Interval<YEAR_MONTH>: the stored number as is. */
export function readNumbers(data: ColumnData, out: unknown[], at: number): void {
  const values = data.values;
  const n = data.length;
  const bitmap = validityOf(data);
  if (bitmap === undefined) {
    for (let i = 0; i < n; i++) out[at + i] = values[i];
    return;
  }
  const o = data.offset;
  for (let i = 0; i < n; i++) out[at + i] = isBitSet(bitmap, o + i) ? values[i] : null;
}

/** Float16, stored as IEEE half-precision bits. */
export function readFloat16(data: ColumnData, out: unknown[], at: number): void {
  const values = data.values;
  const bitmap = validityOf(data);
  const o = data.offset;
  for (let i = 0; i < data.length; i++) out[at + i] = isNullAt(bitmap, o + i) ? null : halfToNumber(values[i]!);
}

/** The number an IEEE 754 binary16 bit pattern stands for. */
export function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction === 0 ? sign * Infinity : NaN;
  return sign * (1024 + fraction) * 2 ** (exponent - 25);
}

/** Bool, bit-packed like the validity bitmap (and, unlike other buffers, still offset by `data.offset`). */
export function readBool(data: ColumnData, out: unknown[], at: number): void {
  const values = data.values as unknown as Uint8Array;
  const bitmap = validityOf(data);
  const o = data.offset;
  for (let i = 0; i < data.length; i++) out[at + i] = isNullAt(bitmap, o + i) ? null : isBitSet(values, o + i);
}

/** Null-typed columns: every slot is `null`. */
export function readNull(data: ColumnData, out: unknown[], at: number): void {
  for (let i = 0; i < data.length; i++) out[at + i] = null;
}
