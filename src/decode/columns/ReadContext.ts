import type { Data, Vector } from 'apache-arrow';
import type { Int64Policy } from '../DecodeOptions.js';

/** What every column reader needs besides the data itself. */
export interface ReadContext {
  /** Policy for 64-bit integers beyond ±2^53. */
  readonly int64: Int64Policy;
  /** Converted dictionaries, so a dictionary shared by several columns or batches is converted once. */
  readonly dictionaries: WeakMap<Vector, unknown[]>;
  /**
   * Writes the values of one chunk into `out` from index `at`, by the value table: how readers of
   * nested types (lists, structs, dictionaries…) convert their children without importing the
   * dispatcher that imports them.
   */
  readonly readInto: (data: ColumnData, out: unknown[], at: number) => void;
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
  /** `length` slots from `offset`: buffers re-based, the validity bitmap kept with a new `offset`. */
  slice(offset: number, length: number): ColumnData;
}

/** The record-batch chunks of a column (or of a dictionary), as {@link ColumnData}. */
export function chunksOf(vector: Vector): readonly ColumnData[] {
  return vector.data as unknown as readonly ColumnData[];
}

/** Converts one chunk to a new array of `data.length` values, by the value table. */
export function readData(data: ColumnData, ctx: ReadContext): unknown[] {
  const out = new Array<unknown>(data.length);
  ctx.readInto(data, out, 0);
  return out;
}
