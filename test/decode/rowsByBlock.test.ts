import {
  Bool,
  DateDay,
  Decimal,
  DurationMillisecond,
  Float16,
  Float64,
  Int32,
  Int64,
  Null,
  TimeMillisecond,
  TimestampMicrosecond,
  TimestampNanosecond,
  Uint8,
  Utf8,
  makeData,
  vectorFromArray,
  type Data,
} from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { ROW_BLOCK } from '../../src/decode/rows/buildRowsByBlock.js';
import { decodeResult } from '../../src/decode/decodeResult.js';
import { decodeTable } from '../../src/decode/decodeTable.js';
import { selectView } from '../../src/decode/rows/selectView.js';
import { decimalWords, fixed, ipcOf, nullBitmapOf } from './arrowBuilders.js';

// Batches longer and shorter than a block, and not multiples of it, so block edges fall mid-batch
// and inside bitmap bytes.
const LENGTHS = [ROW_BLOCK * 2 + 37, 5, ROW_BLOCK + 1];
const TOTAL = LENGTHS.reduce((a, b) => a + b, 0);

function utf8Chunk(length: number, seed: number): Data {
  const texts = Array.from({ length }, (_, i) => ((i + seed) % 11 === 0 ? `naïve ☃ ${i} 𝄞` : `row ${i + seed}`));
  const nulls = Array.from({ length }, (_, i) => i).filter((i) => (i + seed) % 13 === 3);
  const parts = texts.map((text) => new TextEncoder().encode(text));
  const offsets = new Int32Array(length + 1);
  parts.forEach((bytes, i) => (offsets[i + 1] = offsets[i]! + bytes.length));
  const data = new Uint8Array(offsets[length]!);
  parts.forEach((bytes, i) => data.set(bytes, offsets[i]!));
  return makeData({
    type: new Utf8(),
    length,
    data,
    valueOffsets: offsets,
    nullBitmap: nullBitmapOf(length, nulls),
    nullCount: nulls.length,
  });
}

function batches(make: (length: number, seed: number) => Data): Data[] {
  let seed = 0;
  return LENGTHS.map((length) => make(length, (seed += 1000)));
}

const nullsOf = (length: number, seed: number, every: number) =>
  Array.from({ length }, (_, i) => i).filter((i) => (i + seed) % every === 1);

const bytes = ipcOf([
  [
    'int',
    batches((n, s) =>
      fixed(
        new Int32(),
        Int32Array.from({ length: n }, (_, i) => (i + s) * 7 - 30000),
        nullsOf(n, s, 9),
      ),
    ),
  ],
  [
    'u8',
    batches((n, s) =>
      fixed(
        new Uint8(),
        Uint8Array.from({ length: n }, (_, i) => (i + s) & 0xff),
      ),
    ),
  ],
  [
    'float',
    batches((n, s) =>
      fixed(
        new Float64(),
        Float64Array.from({ length: n }, (_, i) => (i + s) / 3),
        nullsOf(n, s, 7),
      ),
    ),
  ],
  [
    'half',
    batches((n, s) =>
      fixed(
        new Float16(),
        Uint16Array.from({ length: n }, (_, i) => 0x3c00 + ((i + s) % 512)),
      ),
    ),
  ],
  [
    'big',
    batches((n, s) =>
      fixed(
        new Int64(),
        BigInt64Array.from({ length: n }, (_, i) => BigInt(i + s) * (i % 2 === 0 ? 1n : 2n ** 60n)),
        nullsOf(n, s, 5),
      ),
    ),
  ],
  [
    'bool',
    batches((n, s) =>
      makeData({
        type: new Bool(),
        length: n,
        data: Uint8Array.from({ length: Math.ceil(n / 8) }, (_, i) => (i * 37 + s) & 0xff),
        nullBitmap: nullBitmapOf(n, nullsOf(n, s, 6)),
        nullCount: -1,
      }),
    ),
  ],
  ['text', batches(utf8Chunk)],
  [
    'day',
    batches((n, s) =>
      fixed(
        new DateDay(),
        Int32Array.from({ length: n }, (_, i) => i + s - 20000),
      ),
    ),
  ],
  [
    'micros',
    batches((n, s) =>
      fixed(
        new TimestampMicrosecond(),
        BigInt64Array.from({ length: n }, (_, i) => BigInt(i + s) * 1_000_003n - 5n),
        nullsOf(n, s, 4),
      ),
    ),
  ],
  [
    'nanos',
    batches((n, s) =>
      fixed(
        new TimestampNanosecond(),
        BigInt64Array.from({ length: n }, (_, i) => BigInt(i + s) * 999_999_999_937n),
      ),
    ),
  ],
  [
    'time',
    batches((n, s) =>
      fixed(
        new TimeMillisecond(),
        Int32Array.from({ length: n }, (_, i) => (i + s) * 1000),
      ),
    ),
  ],
  [
    'duration',
    batches((n, s) =>
      fixed(
        new DurationMillisecond(),
        BigInt64Array.from({ length: n }, (_, i) => BigInt(i - s)),
      ),
    ),
  ],
  [
    'amount',
    batches((n, s) =>
      fixed(
        new Decimal(2, 38, 128),
        decimalWords(
          Array.from({ length: n }, (_, i) => BigInt((i + s) * 101 - 7000) * (i % 3 === 0 ? 10n ** 20n : 1n)),
          4,
        ),
        nullsOf(n, s, 8),
      ),
    ),
  ],
  ['nothing', batches((n) => makeData({ type: new Null(), length: n }))],
]);

describe('rows built block by block, straight from the Arrow chunks', () => {
  it('equal the rows built from converted columns, for every scalar type, across block and batch edges', () => {
    const table = decodeTable(bytes);
    const byBlock = selectView(table).rows;
    const fromColumns = decodeTable(bytes);
    for (const column of fromColumns.columns) fromColumns.values(column.index);
    const expected = selectView(fromColumns).rows;
    expect(byBlock).toHaveLength(TOTAL);
    expect(byBlock).toStrictEqual(expected);
    expect(byBlock.filter((row) => row['text'] === null).length).toBeGreaterThan(0);
    expect(byBlock.some((row) => typeof row['big'] === 'bigint')).toBe(true);
  });

  it('share their values with the columns read afterwards, in every view of the table', () => {
    const table = decodeTable(bytes, { int64: 'bigint' });
    const view = selectView(table);
    const rows = view.rows;
    const other = selectView(table, { fields: ['micros', 'text'] });
    for (const key of ['micros', 'text', 'amount', 'big']) {
      const column = view.columns[key]!;
      expect(column).toHaveLength(TOTAL);
      for (let i = 0; i < TOTAL; i += 97) expect(column[i]).toBe(rows[i]![key]);
    }
    expect(other.columns['micros']).toBe(view.columns['micros']);
    const otherRows = other.rows;
    for (let i = 0; i < TOTAL; i += 97) expect(otherRows[i]!['micros']).toBe(rows[i]!['micros']);
  });

  it('fall back to whole columns for other types, with the same values', () => {
    const length = ROW_BLOCK + 10;
    const dictionary = vectorFromArray(Array.from({ length }, (_, i) => (i % 5 === 0 ? null : `d${i % 3}`)));
    const mixed = ipcOf([
      [
        'n',
        [
          fixed(
            new Int32(),
            Int32Array.from({ length }, (_, i) => i),
          ),
        ],
      ],
      ['d', dictionary.data],
    ]);
    const rows = decodeResult(mixed).rows;
    expect(rows).toHaveLength(length);
    expect(rows[5]).toEqual({ n: 5, d: null });
    expect(rows[ROW_BLOCK + 7]).toEqual({ n: ROW_BLOCK + 7, d: `d${(ROW_BLOCK + 7) % 3}` });
  });
});
