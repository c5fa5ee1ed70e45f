import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { FieldInfo, Row } from '../../src/decode/DecodedResult.js';
import type { OmniError } from '../../src/errors/OmniError.js';
import type { RowsSchema } from '../../src/decode/rows/RowsSchema.js';
import { validateRows, type ValidatedRows } from '../../src/decode/rows/validateRows.js';

// Simple schemas (plain z.object of number, string, boolean, bigint and date fields, nullable or
// optional) are checked without zod per row. These tests hold that fast path to the per-row path.

const field = (name: string, arrowType = 'Utf8'): FieldInfo => ({
  name,
  arrowName: name,
  columnIndex: 0,
  arrowType,
  internal: false,
});

/** The same schema with a check that passes everything: it takes today's path, one safeParse per row. */
const perRow = (schema: RowsSchema): RowsSchema => schema.refine(() => true) as unknown as RowsSchema;

/** Outcomes compared exactly: rows (keys, their order and values), or the error's kind, job and message. */
function expectSameOutcome(fast: ValidatedRows<RowsSchema>, slow: ValidatedRows<RowsSchema>): void {
  if (slow.ok) {
    expect(fast.ok ? fast.rows : fast.error.message).toStrictEqual(slow.rows);
    expect((fast as { rows: Row[] }).rows.map((row) => Object.keys(row))).toEqual(slow.rows.map((row) => Object.keys(row)));
  } else {
    expect(fast.ok).toBe(false);
    const { error } = fast as { error: OmniError };
    expect({ kind: error.kind, jobId: error.jobId, message: error.message }).toEqual({
      kind: slow.error.kind,
      jobId: slow.error.jobId,
      message: slow.error.message,
    });
  }
}

const KINDS = ['number', 'string', 'boolean', 'bigint', 'date'] as const;
const base = (kind: (typeof KINDS)[number]) =>
  ({ number: z.number(), string: z.string(), boolean: z.boolean(), bigint: z.bigint(), date: z.date() })[kind];
const WRAPS = ['none', 'nullable', 'optional', 'nullish', 'optional.nullable'] as const;
function wrap(schema: z.ZodType, how: (typeof WRAPS)[number]): z.ZodType {
  if (how === 'nullable') return schema.nullable();
  if (how === 'optional') return schema.optional();
  if (how === 'nullish') return schema.nullish();
  if (how === 'optional.nullable') return schema.optional().nullable();
  return schema;
}

const ABSENT = Symbol('absent');
const value = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 2 ** 53 - 1, null, undefined, ABSENT),
  fc.string({ maxLength: 4 }),
  fc.constantFrom('12', '-3', '9007199254740993', '1.5'),
  fc.boolean(),
  fc.bigInt({ min: -(2n ** 60n), max: 2n ** 60n }),
  fc.date({ noInvalidDate: false }),
  fc.constant({ nested: 1 }),
);

const NAMES = ['a', 'b', 'c', 'd', 'e'];
const scenario = fc.record({
  schemaFields: fc.uniqueArray(
    fc.record({ name: fc.constantFrom(...NAMES), kind: fc.constantFrom(...KINDS), how: fc.constantFrom(...WRAPS) }),
    { selector: (f) => f.name, minLength: 1, maxLength: 4 },
  ),
  viewFields: fc.uniqueArray(fc.record({ name: fc.constantFrom(...NAMES), int64: fc.boolean() }), {
    selector: (f) => f.name,
    maxLength: 5,
  }),
  // Rows mostly of well-typed values, so that long passing runs and late failures both occur.
  rows: fc.array(fc.array(value, { minLength: 5, maxLength: 5 }), { maxLength: 12 }),
  typed: fc.boolean(),
  jobId: fc.option(fc.constantFrom('job-1'), { nil: undefined }),
});

/** A value the field accepts, for rows that should mostly pass. */
function typedValue(kind: (typeof KINDS)[number], i: number): unknown {
  return { number: i * 1.5, string: `s${i}`, boolean: i % 2 === 0, bigint: BigInt(i), date: new Date(i * 1000) }[kind];
}

describe('simple rows schemas: the fast path has the outcome of safeParse per row', () => {
  it('gives equal rows or the identical error message, for random schemas and rows', () => {
    fc.assert(
      fc.property(scenario, ({ schemaFields, viewFields, rows: raw, typed, jobId }) => {
        const shape = Object.fromEntries(schemaFields.map((f) => [f.name, wrap(base(f.kind), f.how)]));
        const schema = z.object(shape) as RowsSchema;
        const fields = viewFields.map((f) => field(f.name, f.int64 ? 'Int64' : 'Utf8'));
        const rows = raw.map((values, i) => {
          const row: Row = {};
          viewFields.forEach((f, c) => {
            const kind = schemaFields.find((s) => s.name === f.name)?.kind;
            // With `typed`, all but the last row hold accepted values: a late failure or a pass.
            const v = typed && kind !== undefined && i < raw.length - 1 ? typedValue(kind, i) : values[c];
            if (v !== ABSENT) row[f.name] = v;
          });
          return row;
        });
        const parse = vi.spyOn(schema, 'safeParse');
        const fast = validateRows({ rows, fields }, schema, { jobId });
        expectSameOutcome(fast, validateRows({ rows, fields }, perRow(schema), { jobId }));
        // The fast path ran: zod at most once, on the first failing row (none for a missing field).
        expect(parse.mock.calls.length).toBeLessThanOrEqual(fast.ok ? 0 : 1);
      }),
      { numRuns: 1500 },
    );
  });

  it('converts int64 columns as the per-row path does: bigint for z.bigint(), safe numbers for z.number()', () => {
    const fields = [field('n', 'Int64'), field('b', 'Int64')];
    const rows: Row[] = [
      { n: 3, b: 4 },
      { n: 5n, b: '6' },
      { n: '7', b: 2n ** 60n },
    ];
    const schema = z.object({ n: z.number(), b: z.bigint() });
    const fast = validateRows({ rows, fields }, schema);
    expect(fast).toEqual({
      ok: true,
      rows: [
        { n: 3, b: 4n },
        { n: 5, b: 6n },
        { n: 7, b: 2n ** 60n },
      ],
    });
    expectSameOutcome(fast, validateRows({ rows, fields }, perRow(schema)));
    expect(rows[0]).toEqual({ n: 3, b: 4 }); // the decoded rows are left as they were
  });

  it('rejects NaN, ±Infinity and an Invalid Date with the message zod gives', () => {
    const fields = [field('x'), field('d')];
    const schema = z.object({ x: z.number(), d: z.date().nullable() });
    for (const [x, d] of [
      [NaN, null],
      [Infinity, null],
      [1, new Date(NaN)],
    ] as const) {
      const rows: Row[] = [
        { x: 1, d: new Date(0) },
        { x, d },
      ];
      const fast = validateRows({ rows, fields }, schema, { jobId: 'j' });
      expect(fast.ok).toBe(false);
      expect((fast as { error: Error }).error.message).toMatch(
        /^Row 1 of the result of job j does not match the rows schema: field "[xd]"/,
      );
      expectSameOutcome(fast, validateRows({ rows, fields }, perRow(schema), { jobId: 'j' }));
    }
  });

  it("keeps only the schema's keys, in the schema's order", () => {
    const fields = [field('z'), field('extra'), field('a')];
    const rows: Row[] = [{ z: 'last', extra: 1, a: true }];
    const fast = validateRows({ rows, fields }, z.object({ a: z.boolean(), z: z.string(), gone: z.number().optional() }));
    expect(fast.ok && fast.rows.map((row) => Object.keys(row))).toEqual([['a', 'z']]);
  });
});

describe('other schemas take the per-row path and still work', () => {
  const fields = [field('name'), field('count', 'Int64')];
  const rows: Row[] = [
    { name: 'a', count: 2 },
    { name: 'b', count: 3 },
  ];
  const cases: [string, RowsSchema, Row[]][] = [
    ['a refinement', z.object({ name: z.string().refine((s) => s.length === 1), count: z.number() }), rows],
    [
      'a transform',
      z.object({ name: z.string().transform((s) => s.toUpperCase()), count: z.number() }),
      [
        { name: 'A', count: 2 },
        { name: 'B', count: 3 },
      ],
    ],
    [
      '.strict()',
      z.object({ name: z.string(), count: z.bigint() }).strict(),
      [
        { name: 'a', count: 2n },
        { name: 'b', count: 3n },
      ],
    ],
    [
      'z.coerce',
      z.object({ name: z.string(), count: z.coerce.string() }),
      [
        { name: 'a', count: '2' },
        { name: 'b', count: '3' },
      ],
    ],
    [
      'a nested object',
      z.object({ name: z.object({ first: z.string() }) }),
      [{ name: { first: 'a' } }, { name: { first: 'b' } }],
    ],
    ['a union', z.object({ name: z.union([z.string(), z.number()]), count: z.number() }), rows],
    [
      'a refinement on the object',
      z.object({ name: z.string() }).refine((row) => row.name !== ''),
      [{ name: 'a' }, { name: 'b' }],
    ] as [string, RowsSchema, Row[]],
  ];

  it.each(cases)('%s: safeParse once per row, with its output', (_, schema, expected) => {
    const input = _ === 'a nested object' ? rows.map((row) => ({ ...row, name: { first: row['name'] } })) : rows;
    const parse = vi.spyOn(schema, 'safeParse');
    expect(validateRows({ rows: input, fields }, schema)).toEqual({ ok: true, rows: expected });
    expect(parse).toHaveBeenCalledTimes(2);
  });

  it('.strict() still rejects a key it does not name, as before', () => {
    const schema = z.object({ name: z.string() }).strict();
    const outcome = validateRows({ rows, fields }, schema);
    expect(outcome.ok).toBe(false);
    expect((outcome as { error: Error }).error.message).toMatch(
      /^Row 0 of the result does not match the rows schema: the row failed its check/,
    );
  });
});
