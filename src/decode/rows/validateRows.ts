import type { z } from 'zod';
import { OmniError } from '../../errors/OmniError.js';
import type { FieldInfo, Row } from '../DecodedResult.js';
import type { RowOf, RowsSchema } from './RowsSchema.js';
import { checkSimpleRows, type Convert } from './checkSimpleRows.js';
import { simpleRowsFields } from './simpleRowsFields.js';

/** What {@link validateRows} checks: a decoded view's rows and fields. */
export interface RowsToValidate {
  readonly rows: readonly Row[];
  readonly fields: readonly FieldInfo[];
}

/** The outcome of {@link validateRows}: the schema's output rows, or a `schema` error naming the first mismatch. */
export type ValidatedRows<S extends RowsSchema> = { ok: true; rows: RowOf<S>[] } | { ok: false; error: OmniError };

/** Outcomes per view, then per schema: a finished result is checked once, however often it is read or rendered. */
const outcomes = new WeakMap<object, WeakMap<RowsSchema, ValidatedRows<RowsSchema>>>();

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const INT64 = /^U?int64$/i;

/**
 * Checks every row of `view` against `schema`, once per (view, schema) pair: later calls with the same
 * view object and the same schema object return the first outcome without running the schema again
 * (define the schema once, outside components). A plain `z.object` of `z.number()`, `z.string()`,
 * `z.boolean()`, `z.bigint()` and `z.date()` fields (nullable or optional, no checks or transforms) is
 * checked without running zod per row, with the same rows and messages: zod runs only on a failing row.
 *
 * Int64 columns decode by the schema: with the default `int64: 'auto'` policy a count is a `number`
 * when it is a safe integer and a `bigint` beyond 2^53. So, for a 64-bit integer column only:
 * - a field the schema types as `z.bigint()` (optional, nullable or not) gets a `bigint` for every
 *   value (numbers and the `string` policy's digit strings are converted exactly);
 * - a field typed as `z.number()` gets a `number` for every value up to 2^53, and a `schema` error
 *   beyond it that says to use `z.bigint()` (no value is ever rounded).
 * Other columns are given to the schema as decoded.
 *
 * A mismatch is an `OmniError` of kind `schema` naming the field, the row index, what the schema
 * expected and what came (`Row 3 of the result of job j-1 does not match the rows schema: field
 * "order_items.count" expected number, got string "12"`). A field the schema requires that the
 * result does not have is named with the result's fields.
 */
export function validateRows<S extends RowsSchema>(
  view: RowsToValidate,
  schema: S,
  context: { jobId?: string | undefined } = {},
): ValidatedRows<S> {
  let bySchema = outcomes.get(view);
  if (bySchema === undefined) {
    bySchema = new WeakMap();
    outcomes.set(view, bySchema);
  }
  let outcome = bySchema.get(schema);
  if (outcome === undefined) {
    outcome = check(view, schema, context.jobId);
    bySchema.set(schema, outcome);
  }
  return outcome as ValidatedRows<S>;
}

function check(view: RowsToValidate, schema: RowsSchema, jobId: string | undefined): ValidatedRows<RowsSchema> {
  const where = jobId === undefined ? 'the result' : `the result of job ${jobId}`;
  const shape = schema.shape as Record<string, z.core.$ZodType>;
  const byName = new Map(view.fields.map((field) => [field.name, field]));
  const converts: [string, Convert][] = [];
  for (const [name, fieldSchema] of Object.entries(shape)) {
    const field = byName.get(name);
    if (field === undefined) {
      if (acceptsUndefined(fieldSchema)) continue;
      const known = view.fields.map((f) => `"${f.name}"`).join(', ') || 'none';
      return fail(`${capitalise(where)} has no field "${name}", which the rows schema requires (its fields: ${known})`, jobId);
    }
    if (!INT64.test(field.arrowType)) continue;
    const wants = baseType(fieldSchema);
    if (wants === 'bigint') converts.push([name, toBigInt]);
    else if (wants === 'number') converts.push([name, toSafeNumber]);
  }

  const rows = view.rows;
  const converted = (row: Row): Row => {
    if (converts.length === 0) return row;
    // The decoded row is shared with other views: convert a copy.
    const copy = { ...row };
    for (const [name, convert] of converts) copy[name] = convert(copy[name]);
    return copy;
  };

  // The common schema (plain fields of simple types) is checked column by column, without zod per row;
  // zod runs on the first failing row only, so that the message is the one the per-row path gives.
  const simple = simpleRowsFields(schema);
  if (simple !== undefined) {
    const present = simple.filter((field) => byName.has(field.name));
    const convertOf = new Map(converts);
    const outcome = checkSimpleRows(
      rows,
      present,
      present.map((field) => convertOf.get(field.name)),
    );
    if (outcome.ok) return { ok: true, rows: outcome.rows as RowOf<RowsSchema>[] };
    const row = converted(rows[outcome.index]!);
    const parsed = schema.safeParse(row);
    if (!parsed.success) return fail(mismatch(parsed.error.issues[0], row, outcome.index, where, byName), jobId);
    // The fast check and zod disagree, which they should not: zod decides, row by row.
  }

  const out: RowOf<RowsSchema>[] = new Array(rows.length);
  for (let index = 0; index < rows.length; index++) {
    const row = converted(rows[index]!);
    const parsed = schema.safeParse(row);
    if (!parsed.success) return fail(mismatch(parsed.error.issues[0], row, index, where, byName), jobId);
    out[index] = parsed.data;
  }
  return { ok: true, rows: out };
}

function mismatch(
  issue: z.core.$ZodIssue | undefined,
  row: Row,
  index: number,
  where: string,
  byName: ReadonlyMap<string, FieldInfo>,
): string {
  const head = `Row ${index} of ${where} does not match the rows schema`;
  if (issue === undefined) return head;
  const [first] = issue.path;
  const name = first === undefined ? undefined : String(first);
  const value =
    name === undefined ? row : issue.path.reduce<unknown>((at, key) => (at as Record<PropertyKey, unknown>)?.[key], row);
  const what = issue.code === 'invalid_type' ? `expected ${issue.expected}` : `failed its check (${issue.message})`;
  const field = name === undefined ? 'the row' : `field "${issue.path.map(String).join('.')}"`;
  let message = `${head}: ${field} ${what}, got ${describe(value)}`;
  const int64 = name !== undefined && INT64.test(byName.get(name)?.arrowType ?? '');
  if (int64 && (typeof value === 'bigint' || typeof value === 'string')) {
    message +=
      ". It is an int64 beyond 2^53, which no number holds exactly: type the field as z.bigint() (or use the int64: 'string' option with z.string())";
  }
  return message;
}

function fail(message: string, jobId: string | undefined): ValidatedRows<RowsSchema> {
  return { ok: false, error: new OmniError('schema', message, { jobId }) };
}

/** The schema's type under optional, nullable, default, readonly, catch wrappers: `number`, `bigint`, … */
function baseType(schema: z.core.$ZodType): string {
  let def = schema._zod.def as z.core.$ZodTypeDef & { innerType?: z.core.$ZodType };
  while (def.innerType !== undefined) def = def.innerType._zod.def as typeof def;
  return def.type;
}

function acceptsUndefined(schema: z.core.$ZodType): boolean {
  return schema._zod.optin === 'optional';
}

function toBigInt(value: unknown): unknown {
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  return value;
}

function toSafeNumber(value: unknown): unknown {
  if (typeof value === 'bigint' && value <= MAX_SAFE && value >= -MAX_SAFE) return Number(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value)) {
    const number = Number(value);
    if (Number.isSafeInteger(number)) return number;
  }
  return value;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'no value';
  if (typeof value === 'bigint') return `bigint ${value}n`;
  if (typeof value === 'string') return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${value}`;
  if (value instanceof Date) return `Date ${Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()}`;
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return typeof value === 'object' ? 'an object' : typeof value;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
