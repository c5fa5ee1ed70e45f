import type { ColumnData } from './ReadContext.js';
import { isBitSet, isNullAt, validityOf } from './validity.js';

// ignoreBOM keeps a leading U+FEFF as content: it is part of the value, not a marker.
const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder('utf-8', { ignoreBOM: true });
// Far below V8's string length limit, so one whole-buffer decode never fails for size.
const MAX_WHOLE_DECODE = 1 << 28;

/**
 * Utf8 and LargeUtf8 → `string`. Decodes the column's whole data buffer in one call and slices it,
 * which is several times faster than one `TextDecoder.decode` per value. Pure-ASCII buffers map
 * byte offsets to string offsets one to one; otherwise a byte walk maps them. Invalid UTF-8 falls
 * back to decoding each value alone (bad bytes become U+FFFD, as a per-value decode would give).
 */
export function readUtf8(data: ColumnData, out: unknown[], at: number): void {
  const bytes = data.values as unknown as Uint8Array;
  const offsets = offsetsOf(data);
  const n = data.length;
  if (n === 0) return;
  const start = offsets[0]!;
  const end = offsets[n]!;
  const bitmap = validityOf(data);
  let text: string | undefined;
  if (end - start <= MAX_WHOLE_DECODE) {
    try {
      text = strict.decode(bytes.subarray(start, end));
    } catch {
      text = undefined;
    }
  }
  if (text !== undefined && text.length === end - start) {
    sliceAscii(text, offsets, start, n, bitmap, data.offset, out, at);
  } else if (text === undefined || !sliceMixed(text, bytes, offsets, n, bitmap, data.offset, out, at)) {
    decodeEach(bytes, offsets, n, bitmap, data.offset, out, at);
  }
}

/** Offsets as an Int32Array: as stored for Utf8, narrowed from 64 bits for LargeUtf8. */
function offsetsOf(data: ColumnData): Int32Array {
  const stored = data.valueOffsets;
  if (stored instanceof Int32Array) return stored;
  const wide = stored as unknown as BigInt64Array;
  const words = new Int32Array(wide.buffer, wide.byteOffset, wide.length * 2);
  const narrow = new Int32Array(wide.length);
  for (let i = 0; i < wide.length; i++) narrow[i] = words[2 * i]!;
  return narrow;
}

function sliceAscii(
  text: string,
  offsets: Int32Array,
  start: number,
  n: number,
  bitmap: Uint8Array | undefined,
  o: number,
  out: unknown[],
  at: number,
): void {
  if (bitmap === undefined) {
    let a = offsets[0]! - start;
    for (let i = 0; i < n; i++) {
      const b = offsets[i + 1]! - start;
      out[at + i] = text.slice(a, b);
      a = b;
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    out[at + i] = isBitSet(bitmap, o + i) ? text.slice(offsets[i]! - start, offsets[i + 1]! - start) : null;
  }
}

/**
 * Valid UTF-8 with some multi-byte characters: count the UTF-16 units each value's bytes make.
 * Returns false when a value boundary splits a character, where only a per-value decode is right.
 */
function sliceMixed(
  text: string,
  bytes: Uint8Array,
  offsets: Int32Array,
  n: number,
  bitmap: Uint8Array | undefined,
  o: number,
  out: unknown[],
  at: number,
): boolean {
  let unit = 0;
  for (let i = 0; i < n; i++) {
    const a = offsets[i]!;
    const b = offsets[i + 1]!;
    if (a < b && (bytes[a]! & 0xc0) === 0x80) return false;
    let units = 0;
    for (let p = a; p < b; p++) {
      const byte = bytes[p]!;
      if (byte < 0x80) units++;
      else if ((byte & 0xc0) !== 0x80) units += byte >= 0xf0 ? 2 : 1;
    }
    out[at + i] = isNullAt(bitmap, o + i) ? null : text.slice(unit, unit + units);
    unit += units;
  }
  return true;
}

function decodeEach(
  bytes: Uint8Array,
  offsets: Int32Array,
  n: number,
  bitmap: Uint8Array | undefined,
  o: number,
  out: unknown[],
  at: number,
): void {
  for (let i = 0; i < n; i++) {
    out[at + i] = isNullAt(bitmap, o + i) ? null : lenient.decode(bytes.subarray(offsets[i]!, offsets[i + 1]!));
  }
}

/** One UTF-8 value on its own (view types, where values do not sit in one buffer). */
export function decodeUtf8Value(bytes: Uint8Array): string {
  return lenient.decode(bytes);
}
