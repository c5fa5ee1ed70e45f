import type { Data, Vector } from 'apache-arrow';
import type { Int64Policy } from './DecodeOptions.js';

/** What every column reader needs besides the data itself. */
export interface ReadContext {
  /** Policy for 64-bit integers beyond ±2^53. */
  readonly int64: Int64Policy;
  /** Converted dictionaries, so a dictionary shared by several columns or batches is converted once. */
  readonly dictionaries: WeakMap<Vector, unknown[]>;
}

/**
 * apache-arrow's `Data` with its buffers typed loosely: which typed array each buffer is depends on
 * the column type, and each reader knows its own.
 */
export interface ColumnData {
  readonly type: Data['type'] & Record<string, unknown>;
  readonly length: number;
  readonly offset: number;
  readonly stride: number;
  readonly nullCount: number;
  readonly values: ArrayLike<number> & { readonly buffer: ArrayBufferLike; readonly byteOffset: number };
  readonly valueOffsets: ArrayLike<number | bigint> & { readonly buffer: ArrayBufferLike; readonly byteOffset: number };
  readonly nullBitmap: Uint8Array | undefined | null;
  readonly typeIds: Int8Array;
  readonly children: readonly ColumnData[];
  readonly dictionary?: Vector;
  readonly variadicBuffers: readonly Uint8Array[];
}

/** The column's validity bitmap, or `undefined` when every slot is valid. */
export function validityOf(data: ColumnData): Uint8Array | undefined {
  const bitmap = data.nullBitmap;
  return bitmap !== null && bitmap !== undefined && bitmap.length > 0 ? bitmap : undefined;
}
