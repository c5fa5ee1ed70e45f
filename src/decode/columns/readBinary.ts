import { fillCells } from './fillCells.js';
import type { ColumnData } from './ReadContext.js';
import { sliceByOffsets } from './sliceByOffsets.js';
import { decodeUtf8Value } from './readUtf8.js';
import { isNullAt, validityOf } from './validity.js';

/** Binary and LargeBinary → a `Uint8Array` copy per value, so a value never pins the whole IPC buffer. */
export function readBinary(data: ColumnData, out: unknown[], at: number): void {
  const bytes = data.values as unknown as Uint8Array;
  fillCells(data, out, at, sliceByOffsets(bytes, data.valueOffsets));
}

/** FixedSizeBinary (and extension types stored in it, such as `arrow.uuid`) → `Uint8Array` copies. */
export function readFixedSizeBinary(data: ColumnData, out: unknown[], at: number): void {
  const bytes = data.values as unknown as Uint8Array;
  const width = data.stride;
  fillCells(data, out, at, (i) => bytes.slice(i * width, (i + 1) * width));
}

/**
 * BinaryView and Utf8View: 16-byte views that hold short values inline (≤ 12 bytes) and point into
 * variadic buffers for longer ones.
 */
export function readView(data: ColumnData, out: unknown[], at: number, utf8: boolean): void {
  const views = data.values as unknown as Uint8Array;
  const view = new DataView(views.buffer, views.byteOffset, views.byteLength);
  const buffers = data.variadicBuffers;
  const bitmap = validityOf(data);
  const o = data.offset;
  for (let i = 0; i < data.length; i++) {
    if (isNullAt(bitmap, o + i)) {
      out[at + i] = null;
      continue;
    }
    const base = i * 16;
    const size = view.getInt32(base, true);
    const bytes =
      size <= 12
        ? views.subarray(base + 4, base + 4 + size)
        : buffers[view.getInt32(base + 8, true)]!.subarray(view.getInt32(base + 12, true), view.getInt32(base + 12, true) + size);
    out[at + i] = utf8 ? decodeUtf8Value(bytes) : bytes.slice();
  }
}
