import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { decodeResult } from '../../src/decode/decodeResult.js';
import { selectView } from '../../src/decode/rows/selectView.js';
import { validateRows } from '../../src/decode/rows/validateRows.js';
import { decodeTable } from '../../src/decode/decodeTable.js';
import { OmniError } from '../../src/errors/OmniError.js';
import { arrowResult } from '../../src/testing/arrowResult.js';

const BEYOND = 2n ** 53n + 1n; // 9007199254740993: no number holds it
const counts = (values: (number | bigint | null)[]) =>
  arrowResult(
    values.map((value, i) => ({ 'products.brand': `brand-${i}`, 'order_items.count': value })),
    { fields: ['products.brand', { name: 'order_items.count', type: 'integer' }] },
  ).result;

/** The error `decodeResult` throws, or a test failure when it throws nothing. */
function thrown(run: () => unknown): OmniError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(OmniError);
    return error as OmniError;
  }
  throw new Error('nothing was thrown');
}

describe('decodeResult(result, { rows: schema })', () => {
  it("gives the schema's output rows, leaving out fields the schema does not name", () => {
    const schema = z.object({ 'products.brand': z.string(), 'order_items.count': z.number() });
    const decoded = decodeResult(counts([3, 5]), { rows: schema });
    expect(decoded.rows).toEqual([
      { 'products.brand': 'brand-0', 'order_items.count': 3 },
      { 'products.brand': 'brand-1', 'order_items.count': 5 },
    ]);
    expect(decoded.numRows).toBe(2);
    expect(decoded.fields.map((field) => field.name)).toEqual(['products.brand', 'order_items.count']);
    expect(Object.keys(decodeResult(counts([3]), { rows: z.object({ 'products.brand': z.string() }) }).rows[0]!)).toEqual([
      'products.brand',
    ]);
  });

  it('applies transforms: rows are the output', () => {
    const schema = z.object({ 'products.brand': z.string().transform((brand) => brand.toUpperCase()) });
    expect(decodeResult(counts([1]), { rows: schema }).rows).toEqual([{ 'products.brand': 'BRAND-0' }]);
  });

  it('names the field, the row index, what was expected and what came', () => {
    const schema = z.object({ 'products.brand': z.number() });
    const error = thrown(() => decodeResult(counts([1, 2]), { rows: schema, jobId: 'job-7' }));
    expect(error.kind).toBe('schema');
    expect(error.jobId).toBe('job-7');
    expect(error.message).toBe(
      'Row 0 of the result of job job-7 does not match the rows schema: field "products.brand" expected number, got string "brand-0"',
    );
  });

  it('names a failed check with its message, and a null in a later row', () => {
    const positive = z.object({ 'order_items.count': z.number().positive() });
    expect(thrown(() => decodeResult(counts([4, -2]), { rows: positive })).message).toBe(
      'Row 1 of the result does not match the rows schema: field "order_items.count" failed its check (Too small: expected number to be >0), got number -2',
    );
    expect(
      thrown(() => decodeResult(counts([4, 5, null]), { rows: z.object({ 'order_items.count': z.number() }) })).message,
    ).toBe('Row 2 of the result does not match the rows schema: field "order_items.count" expected number, got null');
  });

  it('names a required field the result does not have, with the fields it has', () => {
    const schema = z.object({ 'order_items.total': z.number(), 'order_items.note': z.string().optional() });
    expect(thrown(() => decodeResult(counts([1]), { rows: schema })).message).toBe(
      'The result has no field "order_items.total", which the rows schema requires (its fields: "products.brand", "order_items.count")',
    );
  });

  it('checks an empty result without error and gives []', () => {
    expect(decodeResult(counts([]), { rows: z.object({ 'order_items.count': z.number() }) }).rows).toEqual([]);
  });
});

describe('int64 columns decode as the schema says (default int64 policy)', () => {
  it('z.bigint() gets a bigint for small counts too', () => {
    const decoded = decodeResult(counts([3, BEYOND]), { rows: z.object({ 'order_items.count': z.bigint() }) });
    expect(decoded.rows.map((row) => row['order_items.count'])).toEqual([3n, BEYOND]);
  });

  it('z.bigint().nullable() keeps nulls and converts the rest', () => {
    const decoded = decodeResult(counts([3, null]), { rows: z.object({ 'order_items.count': z.bigint().nullable() }) });
    expect(decoded.rows.map((row) => row['order_items.count'])).toEqual([3n, null]);
  });

  it('z.number() gets numbers up to 2^53, whatever the int64 policy', () => {
    const schema = z.object({ 'order_items.count': z.number() });
    expect(decodeResult(counts([3, 2 ** 53 - 1]), { rows: schema }).rows.map((row) => row['order_items.count'])).toEqual([
      3,
      2 ** 53 - 1,
    ]);
    expect(decodeResult(counts([3]), { rows: schema, int64: 'bigint' }).rows).toEqual([{ 'order_items.count': 3 }]);
  });

  it('z.number() beyond 2^53 is a schema error pointing at z.bigint() and the int64 option, never a rounded number', () => {
    const error = thrown(() => decodeResult(counts([3, BEYOND]), { rows: z.object({ 'order_items.count': z.number() }) }));
    expect(error.message).toBe(
      'Row 1 of the result does not match the rows schema: field "order_items.count" expected number, got bigint 9007199254740993n. ' +
        "It is an int64 beyond 2^53, which no number holds exactly: type the field as z.bigint() (or use the int64: 'string' option with z.string())",
    );
  });

  it("the int64: 'string' policy with z.string() keeps the exact digits beyond 2^53", () => {
    const schema = z.object({ 'order_items.count': z.union([z.number(), z.string()]) });
    const decoded = decodeResult(counts([3, BEYOND]), { rows: schema, int64: 'string' });
    expect(decoded.rows.map((row) => row['order_items.count'])).toEqual([3, '9007199254740993']);
  });

  it('leaves a non-int64 column as decoded: z.bigint() on a float column fails', () => {
    const floats = arrowResult([{ 'orders.avg': 1.5 }]).result;
    expect(thrown(() => decodeResult(floats, { rows: z.object({ 'orders.avg': z.bigint() }) })).message).toBe(
      'Row 0 of the result does not match the rows schema: field "orders.avg" expected bigint, got number 1.5',
    );
  });
});

describe('validateRows: once per result and schema', () => {
  it('runs the schema once per row for a view, however often it is asked', () => {
    // A check on the field takes the per-row path (simple schemas run no zod per row: see below).
    const schema = z.object({ 'order_items.count': z.number().int() });
    const parse = vi.spyOn(schema, 'safeParse');
    const view = selectView(decodeTable(counts([1, 2, 3])));
    const first = validateRows(view, schema);
    const second = validateRows(view, schema);
    expect(second).toBe(first);
    expect(parse).toHaveBeenCalledTimes(3);
  });

  it('without rows, decodeResult runs no schema and rows stay plain', () => {
    const decoded = decodeResult(counts([3]));
    expect(decoded.rows).toEqual([{ 'products.brand': 'brand-0', 'order_items.count': 3 }]);
  });
});
