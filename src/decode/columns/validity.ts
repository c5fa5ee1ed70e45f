import type { ColumnData } from './ReadContext.js';

/** The column's validity bitmap, or `undefined` when every slot is valid. */
export function validityOf(data: ColumnData): Uint8Array | undefined {
  const bitmap = data.nullBitmap;
  return bitmap !== null && bitmap !== undefined && bitmap.length > 0 ? bitmap : undefined;
}

/**
 * True when bit `bit` of a bit-packed buffer is set (Arrow packs bits least significant first).
 * Small enough that V8 inlines it into the per-value loops.
 */
export function isBitSet(bits: Uint8Array, bit: number): boolean {
  return (bits[bit >> 3]! & (1 << (bit & 7))) !== 0;
}

/**
 * True when slot `bit` (the chunk's `offset` plus the index) is null under `bitmap`, the result of
 * {@link validityOf}: never when there is no bitmap.
 */
export function isNullAt(bitmap: Uint8Array | undefined, bit: number): boolean {
  return bitmap !== undefined && !isBitSet(bitmap, bit);
}
