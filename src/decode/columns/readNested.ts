import { UnionMode } from 'apache-arrow';
import { fillCells } from './fillCells.js';
import { chunksOf, readData, type ColumnData, type ReadContext } from './ReadContext.js';
import { sliceByOffsets } from './sliceByOffsets.js';
import { uniqueKeys } from '../rows/uniqueKeys.js';
import { isNullAt, validityOf } from './validity.js';

/** List, LargeList → a JS array of the child values (each converted by the value table). */
export function readList(data: ColumnData, out: unknown[], at: number, ctx: ReadContext): void {
  const items = readData(data.children[0]!, ctx);
  fillCells(data, out, at, sliceByOffsets(items, data.valueOffsets));
}

/** FixedSizeList → a JS array of `listSize` child values. */
export function readFixedSizeList(data: ColumnData, out: unknown[], at: number, ctx: ReadContext): void {
  const items = readData(data.children[0]!, ctx);
  const size = data.stride;
  fillCells(data, out, at, (i) => items.slice(i * size, (i + 1) * size));
}

/** Struct → a plain object keyed by child name (repeated names made unique like columns). */
export function readStruct(data: ColumnData, out: unknown[], at: number, ctx: ReadContext): void {
  const fields = (data.type['children'] ?? []) as readonly { name: string }[];
  const keys = uniqueKeys(fields.map((field) => field.name));
  const children = data.children.map((child) => readData(child, ctx));
  // Assigning "__proto__" would set the prototype instead of adding a key.
  const define = keys.includes('__proto__');
  fillCells(data, out, at, (i) => {
    const value: Record<string, unknown> = {};
    for (let c = 0; c < keys.length; c++) {
      if (define) {
        Object.defineProperty(value, keys[c]!, { value: children[c]![i], enumerable: true, writable: true, configurable: true });
      } else {
        value[keys[c]!] = children[c]![i];
      }
    }
    return value;
  });
}

/**
 * Map → an array of `[key, value]` pairs in stored order: keeps duplicate and non-string keys, and
 * `new Map(value)` or `Object.fromEntries(value)` turn it into either shape.
 */
export function readMap(data: ColumnData, out: unknown[], at: number, ctx: ReadContext): void {
  const entries = data.children[0]!;
  const keys = readData(entries.children[0]!, ctx);
  const values = readData(entries.children[1]!, ctx);
  const offsets = data.valueOffsets as Int32Array;
  fillCells(data, out, at, (i) => {
    const pairs: [unknown, unknown][] = [];
    for (let e = offsets[i]!; e < offsets[i + 1]!; e++) pairs.push([keys[e], values[e]]);
    return pairs;
  });
}

/** Sparse and dense Union → the value of the child each slot selects (`null` when that child's slot is null). */
export function readUnion(data: ColumnData, out: unknown[], at: number, ctx: ReadContext): void {
  const typeIds = data.typeIds;
  const childIndex = data.type['typeIdToChildIndex'] as Record<number, number>;
  const children = data.children.map((child) => readData(child, ctx));
  const dense = data.type['mode'] === UnionMode.Dense;
  const offsets = data.valueOffsets as Int32Array;
  for (let i = 0; i < data.length; i++) {
    const child = children[childIndex[typeIds[i]!]!]!;
    out[at + i] = child[dense ? offsets[i]! : i];
  }
}

/** Dictionary → the dictionary value itself. The dictionary is converted once per table. */
export function readDictionary(data: ColumnData, out: unknown[], at: number, ctx: ReadContext): void {
  const dictionary = data.dictionary!;
  let values = ctx.dictionaries.get(dictionary);
  if (values === undefined) {
    values = new Array<unknown>(dictionary.length);
    let offset = 0;
    for (const chunk of chunksOf(dictionary)) {
      ctx.readInto(chunk, values, offset);
      offset += chunk.length;
    }
    ctx.dictionaries.set(dictionary, values);
  }
  const indices = data.values;
  const bitmap = validityOf(data);
  const o = data.offset;
  for (let i = 0; i < data.length; i++) {
    out[at + i] = isNullAt(bitmap, o + i) ? null : values[Number(indices[i])];
  }
}
