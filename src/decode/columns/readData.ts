import { DateUnit, IntervalUnit, Precision, Type } from 'apache-arrow';
import type { Vector } from 'apache-arrow';
import { DecodeFailure } from '../DecodeFailure.js';
import type { Int64Policy } from '../DecodeOptions.js';
import { chunksOf, type ColumnData, type ReadContext } from './ReadContext.js';
import { readBinary, readFixedSizeBinary, readView } from './readBinary.js';
import { readDecimal } from './readDecimal.js';
import { readInt64 } from './readInt64.js';
import { readDictionary, readFixedSizeList, readList, readMap, readStruct, readUnion } from './readNested.js';
import { readBool, readFloat16, readNull, readNumbers } from './readNumbers.js';
import { readDateDay, readDayTime, readMonthDayNano, readTimestamp } from './readTemporal.js';
import { readUtf8 } from './readUtf8.js';

/** A context for one table, whose `readInto` is {@link readInto}. */
export function createReadContext(int64: Int64Policy): ReadContext {
  const ctx: ReadContext = {
    int64,
    dictionaries: new WeakMap(),
    readInto: (data, out, at) => readInto(data, out, at, ctx),
  };
  return ctx;
}

/** Converts a whole column (all its record-batch chunks) to one JS array of values. */
export function readColumn(vector: Vector, ctx: ReadContext): unknown[] {
  const out = new Array<unknown>(vector.length);
  let at = 0;
  for (const chunk of chunksOf(vector)) {
    readInto(chunk, out, at, ctx);
    at += chunk.length;
  }
  return out;
}

/** Writes the values of one chunk into `out` from index `at`, by the value table. */
export function readInto(data: ColumnData, out: unknown[], at: number, ctx: ReadContext): void {
  const type = data.type;
  switch (type.typeId) {
    case Type.Null:
      return readNull(data, out, at);
    case Type.Int:
      return type['bitWidth'] === 64 ? readInt64(data, out, at, ctx.int64) : readNumbers(data, out, at);
    case Type.Float:
      return type['precision'] === Precision.HALF ? readFloat16(data, out, at) : readNumbers(data, out, at);
    case Type.Bool:
      return readBool(data, out, at);
    case Type.Decimal:
      return readDecimal(data, out, at);
    case Type.Utf8:
    case Type.LargeUtf8:
      return readUtf8(data, out, at);
    case Type.Utf8View:
      return readView(data, out, at, true);
    case Type.Binary:
    case Type.LargeBinary:
      return readBinary(data, out, at);
    case Type.BinaryView:
      return readView(data, out, at, false);
    case Type.FixedSizeBinary:
      return readFixedSizeBinary(data, out, at);
    case Type.Date:
      return type['unit'] === DateUnit.DAY ? readDateDay(data, out, at) : readTimestamp(data, out, at, 1);
    case Type.Timestamp:
      return readTimestamp(data, out, at, type['unit'] as number);
    case Type.Time:
      return type['bitWidth'] === 64 ? readInt64(data, out, at, ctx.int64) : readNumbers(data, out, at);
    case Type.Duration:
      return readInt64(data, out, at, ctx.int64);
    case Type.Interval:
      return type['unit'] === IntervalUnit.YEAR_MONTH
        ? readNumbers(data, out, at)
        : type['unit'] === IntervalUnit.DAY_TIME
          ? readDayTime(data, out, at)
          : readMonthDayNano(data, out, at, ctx.int64);
    case Type.List:
    case Type.LargeList:
      return readList(data, out, at, ctx);
    case Type.FixedSizeList:
      return readFixedSizeList(data, out, at, ctx);
    case Type.Struct:
      return readStruct(data, out, at, ctx);
    case Type.Map:
      return readMap(data, out, at, ctx);
    case Type.Union:
      return readUnion(data, out, at, ctx);
    case Type.Dictionary:
      return readDictionary(data, out, at, ctx);
    default:
      throw new DecodeFailure(`the Arrow type ${String(type)} is not supported`);
  }
}
