import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
// The gold set has LZ4 and ZSTD compressed files: register the codecs, as a decodeResult user would.
import '../../src/codecs.js';
import { decodeResult } from '../../src/decode/decodeResult.js';
import { decodeTable } from '../../src/decode/decodeTable.js';
import { OmniError } from '../../src/errors/OmniError.js';
import { goldBases, goldSkipReason, hasGold, loadGoldBytes, loadGoldJson, type GoldContainer } from '../support/arrowGold.js';
import { expectedColumns } from './goldenValues.js';

// Files that cannot be decoded correctly, and the reason the error must name.
const REJECTED: Record<string, RegExp> = {
  'cpp-1.0.0-bigendian-primitive': /big-endian/,
  'cpp-21.0.0-run_end_encoded': /run-end encoded/,
  'cpp-21.0.0-list_view': /list-view/,
};

const containers: GoldContainer[] = ['arrow_file', 'stream'];

/** The same bytes as a caller might hand them over: raw, base64, and at an odd byte offset. */
function inputsOf(bytes: Uint8Array): [string, string | Uint8Array][] {
  const shifted = new Uint8Array(bytes.length + 1);
  shifted.set(bytes, 1);
  return [
    ['bytes', bytes],
    ['base64', Buffer.from(bytes).toString('base64')],
    ['unaligned bytes', shifted.subarray(1)],
  ];
}

describe.skipIf(!hasGold)(`Arrow C++ gold files decode cell for cell or are rejected${goldSkipReason}`, () => {
  it('finds the gold folder with its files', () => {
    expect(goldBases().length).toBeGreaterThanOrEqual(42);
  });

  describe.each(goldBases())('%s', (base) => {
    const gold = loadGoldJson(base);
    const rejection = REJECTED[base];

    describe.each(containers)('.%s', (container) => {
      const bytes = loadGoldBytes(base, container);

      if (rejection !== undefined) {
        it.each(inputsOf(bytes))('is rejected with a decode error from %s', (_, input) => {
          let caught: unknown;
          try {
            decodeTable(input, { jobId: 'gold-job' });
          } catch (error) {
            caught = error;
          }
          expect(caught).toBeInstanceOf(OmniError);
          expect((caught as OmniError).kind).toBe('decode');
          expect((caught as OmniError).jobId).toBe('gold-job');
          expect((caught as OmniError).message).toMatch(rejection);
        });
        return;
      }

      const expected = expectedColumns(gold, 'auto');
      const numRows = gold.batches.reduce((sum, batch) => sum + batch.count, 0);

      it.each(inputsOf(bytes))('matches the golden JSON from %s', (_, input) => {
        const table = decodeTable(input);
        expect(table.numRows).toBe(numRows);
        expect(table.columns.map((column) => column.name)).toEqual(gold.schema.fields.map((field) => field.name));
        expected.forEach((column, c) => {
          const actual = table.values(c);
          expect(actual.length, `column ${c} length`).toBe(numRows);
          for (let r = 0; r < numRows; r++) {
            expect(actual[r], `${base}.${container} column ${c} (${gold.schema.fields[c]!.name}) row ${r}`).toStrictEqual(
              column[r],
            );
          }
        });
      });

      it('gives rows that hold the column values under unique keys', () => {
        const result = decodeResult(bytes, { includeInternalColumns: true });
        expect(result.fields).toHaveLength(gold.schema.fields.length);
        const keys = result.fields.map((field) => field.name);
        expect(new Set(keys).size).toBe(keys.length);
        expect(result.rows).toHaveLength(numRows);
        result.rows.forEach((row, r) => {
          expect(Object.keys(row)).toEqual(keys);
          for (const key of keys) expect(row[key]).toBe(result.columns[key]![r]);
        });
      });
    });
  });

  it('keeps both columns of a repeated name, typed from the columns, not table.schema', () => {
    const result = decodeResult(loadGoldBytes('cpp-21.0.0-duplicate_fieldnames', 'stream'));
    expect(result.fields.map((field) => [field.name, field.arrowName, field.arrowType])).toEqual([
      ['ints', 'ints', 'Int8'],
      ['ints (2)', 'ints', 'Int32'],
      ['struct', 'struct', 'Struct<{:Int32, :Utf8}>'],
    ]);
    expect(Object.keys(result.rows[0]!)).toEqual(['ints', 'ints (2)', 'struct']);
    expect(Object.keys(result.rows[0]!['struct'] as object)).toEqual(['', ' (2)']);
  });

  describe.each(['bigint', 'string'] as const)('int64 policy %s', (int64) => {
    it.each([
      'cpp-21.0.0-primitive',
      'cpp-21.0.0-duration',
      'cpp-21.0.0-interval_mdn',
      'cpp-21.0.0-datetime',
      'cpp-21.0.0-dictionary',
    ])('%s matches the golden JSON', (base) => {
      const gold = loadGoldJson(base);
      const table = decodeTable(loadGoldBytes(base, 'stream'), { int64 });
      expectedColumns(gold, int64).forEach((column, c) => expect(table.values(c)).toStrictEqual(column));
    });
  });
});
