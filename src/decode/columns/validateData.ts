import { Type, UnionMode } from 'apache-arrow';
import type { Vector } from 'apache-arrow';
import { DecodeFailure } from '../DecodeFailure.js';
import { chunksOf, type ColumnData } from './ReadContext.js';
import { isNullAt, validityOf } from './validity.js';

/**
 * Checks that every buffer of a column chunk is as long as its type and length require, that
 * offsets are monotonic and inside their data, and that dictionary and union indices point at
 * something. apache-arrow clamps short buffers without a word, so corrupt input would otherwise
 * come out as `undefined` cells or wrong values instead of a clear error. Runs once per table,
 * eagerly, so lazy column conversion later cannot fail.
 */
export function validateData(data: ColumnData, checkedDictionaries: WeakSet<Vector>): void {
  const { type, length } = data;
  const end = data.offset + length;
  const bitmap = validityOf(data);
  if (bitmap !== undefined && bitmap.length * 8 < end) fail(type, 'its validity bitmap is too short');
  switch (type.typeId) {
    case Type.Null:
      return;
    case Type.Bool:
      if (data.values.length * 8 < end) fail(type, 'its data buffer is too short');
      return;
    case Type.Int:
    case Type.Float:
    case Type.Decimal:
    case Type.Date:
    case Type.Time:
    case Type.Timestamp:
    case Type.Duration:
    case Type.Interval:
    case Type.FixedSizeBinary:
      if (data.values.length < length * data.stride) fail(type, 'its data buffer is too short');
      return;
    case Type.Utf8:
    case Type.Binary:
    case Type.LargeUtf8:
    case Type.LargeBinary:
      checkOffsets(data, data.values.length);
      return;
    case Type.Utf8View:
    case Type.BinaryView:
      checkViews(data);
      return;
    case Type.List:
    case Type.LargeList:
    case Type.Map:
      checkOffsets(data, child(data, 0).length);
      validateData(child(data, 0), checkedDictionaries);
      return;
    case Type.FixedSizeList:
      if (child(data, 0).length < length * data.stride) fail(type, 'its child is too short');
      validateData(child(data, 0), checkedDictionaries);
      return;
    case Type.Struct:
      for (const item of data.children) {
        if (item.length < length) fail(type, 'a child is too short');
        validateData(item, checkedDictionaries);
      }
      return;
    case Type.Union:
      checkUnion(data, checkedDictionaries);
      return;
    case Type.Dictionary:
      checkDictionary(data, checkedDictionaries);
      return;
    default:
      throw new DecodeFailure(`the Arrow type ${String(type)} is not supported`);
  }
}

function child(data: ColumnData, index: number): ColumnData {
  const item = data.children[index];
  if (item === undefined) fail(data.type, 'a child array is missing');
  return item;
}

function checkOffsets(data: ColumnData, limit: number): void {
  const n = data.length;
  if (n === 0) return;
  const stored = data.valueOffsets;
  if (stored === undefined || stored === null || stored.length < n + 1) fail(data.type, 'its offsets buffer is too short');
  let offsets: ArrayLike<number>;
  if (stored instanceof Int32Array) {
    offsets = stored;
  } else {
    // 64-bit offsets: the high word must be 0, since no JS string or array gets near 2^31 anyway.
    const wide = stored as unknown as BigInt64Array;
    const words = new Int32Array(wide.buffer, wide.byteOffset, wide.length * 2);
    const narrow = new Int32Array(n + 1);
    for (let i = 0; i <= n; i++) {
      if (words[2 * i + 1] !== 0) fail(data.type, 'an offset is negative or beyond 2^31');
      narrow[i] = words[2 * i]!;
    }
    offsets = narrow;
  }
  let previous = offsets[0]!;
  if (previous < 0) fail(data.type, 'an offset is negative');
  for (let i = 1; i <= n; i++) {
    const next = offsets[i]!;
    if (next < previous) fail(data.type, 'its offsets go backwards');
    previous = next;
  }
  if (previous > limit) fail(data.type, 'an offset points past its data');
}

function checkViews(data: ColumnData): void {
  const views = data.values as unknown as Uint8Array;
  if (views.length < data.length * 16) fail(data.type, 'its views buffer is too short');
  const view = new DataView(views.buffer, views.byteOffset, views.byteLength);
  const buffers = data.variadicBuffers;
  for (let i = 0; i < data.length; i++) {
    const size = view.getInt32(i * 16, true);
    if (size < 0) fail(data.type, 'a view has a negative size');
    if (size <= 12) continue;
    const buffer = buffers[view.getInt32(i * 16 + 8, true)];
    const offset = view.getInt32(i * 16 + 12, true);
    if (buffer === undefined || offset < 0 || offset + size > buffer.length) {
      fail(data.type, 'a view points outside its data buffers');
    }
  }
}

function checkUnion(data: ColumnData, checkedDictionaries: WeakSet<Vector>): void {
  const { typeIds, length } = data;
  const childIndex = data.type['typeIdToChildIndex'] as Record<number, number>;
  const dense = data.type['mode'] === UnionMode.Dense;
  const offsets = data.valueOffsets as Int32Array;
  if (typeIds.length < length || (dense && offsets.length < length)) fail(data.type, 'its type ids are too short');
  for (let i = 0; i < length; i++) {
    const index = childIndex[typeIds[i]!];
    const item = index === undefined ? undefined : data.children[index];
    if (item === undefined) fail(data.type, 'a type id names no child');
    const slot = dense ? offsets[i]! : i;
    if (slot < 0 || slot >= item.length) fail(data.type, 'a slot points outside its child');
  }
  for (const item of data.children) validateData(item, checkedDictionaries);
}

function checkDictionary(data: ColumnData, checkedDictionaries: WeakSet<Vector>): void {
  const dictionary = data.dictionary;
  if (dictionary === undefined) fail(data.type, 'its dictionary is missing');
  if (!checkedDictionaries.has(dictionary)) {
    checkedDictionaries.add(dictionary);
    for (const chunk of chunksOf(dictionary)) validateData(chunk, checkedDictionaries);
  }
  const indices = data.values;
  if (indices.length < data.length) fail(data.type, 'its indices buffer is too short');
  const size = dictionary.length;
  const bitmap = validityOf(data);
  const o = data.offset;
  for (let i = 0; i < data.length; i++) {
    if (isNullAt(bitmap, o + i)) continue;
    const index = Number(indices[i]);
    if (!(index >= 0 && index < size)) fail(data.type, 'an index points outside its dictionary');
  }
}

function fail(type: ColumnData['type'], reason: string): never {
  throw new DecodeFailure(`the Arrow data is corrupt (a ${String(type)} column is invalid: ${reason})`);
}
