import {
  DateDay,
  DateMillisecond,
  Decimal,
  Dictionary,
  Float16,
  Float64,
  Int32,
  Int64,
  Int8,
  TimestampMicrosecond,
  TimestampMillisecond,
  TimestampNanosecond,
  TimestampSecond,
  Uint64,
  Utf8,
  makeData,
  vectorFromArray,
} from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { decodeResult } from '../../src/decode/decodeResult.js';
import { decodeTable } from '../../src/decode/decodeTable.js';
import { decimalWords, fixed, ipcOf, nullBitmapOf } from './arrowBuilders.js';

const values = (bytes: Uint8Array, options: Parameters<typeof decodeTable>[1] = {}) => decodeTable(bytes, options).values(0);

describe('Int64 and UInt64 never come out silently rounded', () => {
  const signed = [
    0n,
    -1n,
    2n ** 53n - 1n,
    -(2n ** 53n - 1n),
    2n ** 53n,
    -(2n ** 53n),
    2n ** 53n + 1n,
    2n ** 63n - 1n,
    -(2n ** 63n),
  ];
  const unsigned = [0n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 64n - 1n, 2n ** 32n];
  const bytes = ipcOf([
    ['i', [fixed(new Int64(), BigInt64Array.from(signed))]],
    ['u', [fixed(new Uint64(), BigUint64Array.from([...unsigned, 0n, 0n, 0n, 0n]))]],
  ]);

  it('auto (default): a number when safe, else an exact bigint', () => {
    const table = decodeTable(bytes);
    expect(table.values(0)).toStrictEqual(signed.map((v) => (v >= -(2n ** 53n - 1n) && v <= 2n ** 53n - 1n ? Number(v) : v)));
    expect(table.values(1).slice(0, 5)).toStrictEqual([0, 2 ** 53 - 1, 2n ** 53n, 2n ** 64n - 1n, 2 ** 32]);
  });

  it('bigint: always a bigint', () => {
    expect(decodeTable(bytes, { int64: 'bigint' }).values(0)).toStrictEqual(signed);
  });

  it('string: a number when safe, else the exact decimal string', () => {
    const table = decodeTable(bytes, { int64: 'string' });
    expect(table.values(0).slice(4)).toStrictEqual([
      '9007199254740992',
      '-9007199254740992',
      '9007199254740993',
      '9223372036854775807',
      '-9223372036854775808',
    ]);
    expect(table.values(1)[3]).toBe('18446744073709551615');
    expect(() => JSON.stringify(decodeResult(bytes, { int64: 'string' }).rows)).not.toThrow();
  });
});

describe('decimals become the nearest number to the exact value', () => {
  it.each([32, 64, 128, 256])('decimal%i with negatives', (bitWidth) => {
    const unscaled = [12345n, -12345n, 0n, -1n, 99999999n, -99999999n];
    const bytes = ipcOf([['d', [fixed(new Decimal(2, 9, bitWidth), decimalWords(unscaled, bitWidth / 32), [2])]]]);
    expect(values(bytes)).toStrictEqual([123.45, -123.45, null, -0.01, 999999.99, -999999.99]);
  });

  it('values beyond 2^53 are rounded once, correctly', () => {
    const unscaled = [123456789012345678901234567890n, -123456789012345678901234567890n, 2n ** 53n + 1n, -(10n ** 37n) + 1n];
    const bytes = ipcOf([['d', [fixed(new Decimal(2, 38, 128), decimalWords(unscaled, 4))]]]);
    expect(values(bytes)).toStrictEqual(unscaled.map((v) => Number(`${v}e-2`)));
    const wide = [10n ** 70n + 7n, -(10n ** 70n) - 7n];
    const bytes256 = ipcOf([['d', [fixed(new Decimal(5, 76, 256), decimalWords(wide, 8))]]]);
    expect(values(bytes256)).toStrictEqual(wide.map((v) => Number(`${v}e-5`)));
  });

  it('decimal(18,2) 12345 is 123.45 and scale 0 gives integers', () => {
    const bytes = ipcOf([
      ['a', [fixed(new Decimal(2, 18, 128), decimalWords([12345n], 4))]],
      ['b', [fixed(new Decimal(0, 18, 64), decimalWords([-42n], 2))]],
    ]);
    expect(decodeResult(bytes).rows).toEqual([{ a: 123.45, b: -42 }]);
  });
});

describe('dates and timestamps become Date', () => {
  it.each([
    ['s', new TimestampSecond(), [0n, -62135596800n, 253402300799n], [0, -62135596800000, 253402300799000]],
    ['ms', new TimestampMillisecond('UTC'), [1n, -1n, 1700000000123n], [1, -1, 1700000000123]],
    // µs and ns floor to the millisecond they fall in, also before 1970.
    ['µs', new TimestampMicrosecond('Europe/Paris'), [1999n, -1n, -1001n, 253402300799999999n], [1, -1, -2, 253402300799999]],
    ['ns', new TimestampNanosecond(), [1n, -1n, 2n ** 63n - 1n, -(2n ** 63n)], [0, -1, 9223372036854, -9223372036855]],
  ] as const)('timestamp[%s]', (_, type, stored, ms) => {
    const bytes = ipcOf([['t', [fixed(type, BigInt64Array.from(stored))]]]);
    const decoded = values(bytes) as Date[];
    expect(decoded.every((value) => value instanceof Date)).toBe(true);
    expect(decoded.map((value) => value.getTime())).toEqual(ms);
  });

  it('date32 (days) and date64 (ms), with nulls', () => {
    const bytes = ipcOf([
      ['d32', [fixed(new DateDay(), Int32Array.from([0, -719162, 2932896]), [1])]],
      ['d64', [fixed(new DateMillisecond(), BigInt64Array.from([86400000n, -86400000n, 0n]), [2])]],
    ]);
    const { rows } = decodeResult(bytes);
    expect(rows).toEqual([
      { d32: new Date(0), d64: new Date(86400000) },
      { d32: null, d64: new Date(-86400000) },
      { d32: new Date('9999-12-31T00:00:00Z'), d64: null },
    ]);
  });

  it('an instant outside the Date range is an Invalid Date, not a wrong date', () => {
    const bytes = ipcOf([['t', [fixed(new TimestampSecond(), BigInt64Array.from([2n ** 62n]))]]]);
    expect((values(bytes)[0] as Date).getTime()).toBeNaN();
  });
});

describe('strings', () => {
  const utf8 = (parts: (number[] | null)[]) => {
    const bytes = parts.flatMap((part) => part ?? [0x78]);
    const offsets = new Int32Array(parts.length + 1);
    parts.forEach((part, i) => (offsets[i + 1] = offsets[i]! + (part ?? [0x78]).length));
    const nulls = parts.flatMap((part, i) => (part === null ? [i] : []));
    return makeData({
      type: new Utf8(),
      length: parts.length,
      valueOffsets: offsets,
      data: Uint8Array.from(bytes),
      nullBitmap: nullBitmapOf(parts.length, nulls),
      nullCount: nulls.length,
    });
  };
  const encode = (text: string) => [...new TextEncoder().encode(text)];

  it('ASCII, multi-byte, emoji and a leading BOM, with nulls that still own bytes', () => {
    const texts = ['plain', 'Zürich', '', '价格', 'a😀b', '\uFEFFbom', 'end'];
    const parts = [...texts.map(encode), null];
    expect(values(ipcOf([['s', [utf8(parts)]]]))).toStrictEqual([...texts, null]);
  });

  it('invalid UTF-8 becomes U+FFFD per value, even where a value boundary splits a character', () => {
    const euro = encode('€'); // E2 82 AC
    const parts = [[0x61, euro[0]!, euro[1]!], [euro[2]!, 0x62], [0xff], encode('ok')];
    expect(values(ipcOf([['s', [utf8(parts)]]]))).toStrictEqual(['a\uFFFD', '\uFFFDb', '\uFFFD', 'ok']);
    const split = [
      [0x61, euro[0]!],
      [euro[1]!, euro[2]!],
    ];
    // A per-value decode sees two lone continuation bytes: one U+FFFD each.
    expect(values(ipcOf([['s', [utf8(split)]]]))).toStrictEqual(['a\uFFFD', '\uFFFD\uFFFD']);
  });

  it('concatenates columns split over several record batches', () => {
    const bytes = ipcOf([
      ['s', [vectorFromArray(['a', 'é'], new Utf8()).data[0]!, vectorFromArray([null, 'c'], new Utf8()).data[0]!]],
      ['n', [fixed(new Int32(), Int32Array.from([1, 2])), fixed(new Int32(), Int32Array.from([3, 4]), [0])]],
    ]);
    expect(decodeResult(bytes).columns).toEqual({ s: ['a', 'é', null, 'c'], n: [1, 2, null, 4] });
  });
});

describe('other types of the value table', () => {
  it('dictionary → its value, null indices → null', () => {
    const vector = vectorFromArray(['green', 'red', 'green', null], new Dictionary(new Utf8(), new Int8()));
    expect(values(ipcOf([['d', vector.data]]))).toStrictEqual(['green', 'red', 'green', null]);
  });

  it('float16 and float64, including the special values', () => {
    const halves = Uint16Array.from([0x3c00, 0xc000, 0x7c00, 0xfc00, 0x0001, 0x7bff, 0x8000]);
    const bytes = ipcOf([
      ['h', [fixed(new Float16(), halves)]],
      ['f', [fixed(new Float64(), Float64Array.from([0.1, -0, Infinity, NaN, 1e308, 5e-324, -2.5]))]],
    ]);
    const table = decodeTable(bytes);
    expect(table.values(0)).toStrictEqual([1, -2, Infinity, -Infinity, 2 ** -24, 65504, -0]);
    expect(table.values(1)).toStrictEqual([0.1, -0, Infinity, NaN, 1e308, 5e-324, -2.5]);
  });
});

// The gold file cpp-21.0.0-duplicate_fieldnames covers repeated names of different types (apache-arrow's
// own writer cannot produce them: it writes the last type for every column of a name).
describe('duplicate column names', () => {
  const bytes = ipcOf([
    ['ints', [fixed(new Int32(), Int32Array.from([93]))]],
    ['ints', [fixed(new Int32(), Int32Array.from([-7]))]],
    ['ints (2)', [fixed(new Int32(), Int32Array.from([5]))]],
  ]);

  it('keeps every column under a unique key, with the type of the column itself', () => {
    const result = decodeResult(bytes);
    expect(result.fields.map((field) => [field.name, field.arrowName, field.arrowType])).toEqual([
      ['ints', 'ints', 'Int32'],
      ['ints (3)', 'ints', 'Int32'],
      ['ints (2)', 'ints (2)', 'Int32'],
    ]);
    expect(result.rows).toEqual([{ ints: 93, 'ints (3)': -7, 'ints (2)': 5 }]);
  });

  it('shows every column of a repeated name that the query asks for', () => {
    const result = decodeResult(bytes, { fields: ['ints'] });
    expect(result.fields.map((field) => field.name)).toEqual(['ints', 'ints (3)']);
  });
});
