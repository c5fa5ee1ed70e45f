import type { Row } from '../DecodedResult.js';

/** Builds `numRows` rows into `out` (a new array when omitted) from index `at` (0 when omitted). */
type RowsBuilder = (columns: readonly ArrayLike<unknown>[], numRows: number, out?: Row[], at?: number) => Row[];

/**
 * Builds one plain object per row from converted columns. Every row is created by the same object
 * literal, generated for these keys, so V8 gives all rows one hidden class and the fastest property
 * access. Where a Content-Security-Policy forbids `new Function` (no `unsafe-eval`), it falls back
 * to {@link plainRowsBuilder}, which gives equal rows, a little slower.
 */
export function buildRows(
  keys: readonly string[],
  columns: readonly ArrayLike<unknown>[],
  numRows: number,
  out?: Row[],
  at?: number,
): Row[] {
  return rowsBuilderFor(keys)(columns, numRows, out, at);
}

// Dashboards decode the same query shape over and over; compiling a builder costs more than
// building a small result, so builders are kept per key list (a bounded set, cleared when full).
const builders = new Map<string, RowsBuilder>();
const MAX_BUILDERS = 64;

function rowsBuilderFor(keys: readonly string[]): RowsBuilder {
  const signature = JSON.stringify(keys);
  let builder = builders.get(signature);
  if (builder === undefined) {
    builder = generatedRowsBuilder(keys) ?? plainRowsBuilder(keys);
    if (builders.size >= MAX_BUILDERS) builders.clear();
    builders.set(signature, builder);
  }
  return builder;
}

/** A builder compiled for these keys, or `undefined` when the platform forbids generating code. */
export function generatedRowsBuilder(keys: readonly string[]): RowsBuilder | undefined {
  const locals = keys.map((_, c) => `c${c} = columns[${c}]`).join(', ');
  // JSON string literals are valid JS string literals; "__proto__" must be computed to be an own key.
  const properties = keys
    .map((key, c) => `${key === '__proto__' ? `[${JSON.stringify(key)}]` : JSON.stringify(key)}: c${c}[i]`)
    .join(', ');
  const source = `"use strict";
return function buildRows(columns, numRows, out, at) {
  ${locals.length > 0 ? `const ${locals};` : ''}
  const rows = out === undefined ? new Array(numRows) : out;
  const base = at === undefined ? 0 : at;
  for (let i = 0; i < numRows; i++) rows[base + i] = { ${properties} };
  return rows;
};`;
  try {
    return new Function(source)() as RowsBuilder;
  } catch {
    return undefined;
  }
}

/** The builder that needs no code generation: same rows, same key order. */
export function plainRowsBuilder(keys: readonly string[]): RowsBuilder {
  const protoAt = keys.indexOf('__proto__');
  return (columns, numRows, out, at = 0) => {
    const rows = out ?? new Array<Row>(numRows);
    for (let i = 0; i < numRows; i++) {
      const row: Row = {};
      for (let c = 0; c < keys.length; c++) {
        if (c === protoAt) {
          Object.defineProperty(row, '__proto__', {
            value: columns[c]![i],
            enumerable: true,
            writable: true,
            configurable: true,
          });
        } else {
          row[keys[c]!] = columns[c]![i];
        }
      }
      rows[at + i] = row;
    }
    return rows;
  };
}
