import { compressionRegistry, tableFromIPC } from 'apache-arrow';
import type { Table, Vector } from 'apache-arrow';
import { OmniError } from '../errors/OmniError.js';
import { DecodeFailure } from './DecodeFailure.js';
import type { DecodeTableOptions, Int64Policy } from './DecodeOptions.js';
import type { Row } from './DecodedResult.js';
import { chunksOf } from './columns/ReadContext.js';
import { alignedBytes } from './columns/alignedBytes.js';
import { base64ToBytes } from './ipc/base64ToBytes.js';
import { buildRows } from './rows/buildRows.js';
import { ROW_BLOCK, buildRowsByBlock } from './rows/buildRowsByBlock.js';
import { inspectIpc } from './ipc/inspectIpc.js';
import { rememberIpcBytes } from './ipc/ipcBytes.js';
import { MissingCodecs } from './ipc/MissingCodecs.js';
import { createReadContext, readColumn } from './columns/readData.js';
import { uniqueKeys } from './rows/uniqueKeys.js';
import { validateData } from './columns/validateData.js';

/** One column of a {@link DecodedTable}. */
export interface DecodedColumn {
  /** The column's unique key: its Arrow name, with ` (2)`, ` (3)`, … added to repeated names. */
  readonly key: string;
  /** The name exactly as in the Arrow schema. */
  readonly name: string;
  /** Position in the table (`table.getChildAt(index)`). */
  readonly index: number;
  /** The Arrow type as text, taken from the column's own data (never from `table.schema`). */
  readonly arrowType: string;
}

/**
 * A parsed and validated result, shared by every view of one job: each column is converted to JS
 * values at most once, on first use, whichever view asks.
 */
export interface DecodedTable {
  /** The apache-arrow table, every column included. */
  readonly table: Table;
  /** Number of rows; `0` for an empty result. */
  readonly numRows: number;
  /** Every column in table order, internal ones included. `[]` only for a table without columns. */
  readonly columns: readonly DecodedColumn[];
  /** The job id given to {@link decodeTable}; `undefined` when none was given. */
  readonly jobId: string | undefined;
  /** The int64 policy the values follow. */
  readonly int64: Int64Policy;
  /**
   * The JS values of the column at `index` (see the value table), converted on the first call and
   * then returned as the same array. Throws a `decode` `OmniError` for an index out of range.
   */
  values(index: number): unknown[];
  /**
   * New row objects for the columns at `indices`, keyed by `keys` (one key per index, in order).
   * Row values are the same values {@link values} returns: a column not yet converted is converted
   * while the rows are built, and a later `values` call returns an array of the very values the
   * rows hold. Throws a `decode` `OmniError` for an index out of range.
   */
  rows(indices: readonly number[], keys: readonly string[]): Row[];
}

const POLICIES: readonly Int64Policy[] = ['auto', 'bigint', 'string'];

/**
 * Parses a job's `result` (base64 text, or the raw Arrow IPC bytes in stream or file format) and
 * validates it completely, so that later conversion cannot fail. Rejects with an `OmniError` of kind
 * `decode` that names the reason: empty input, invalid base64, truncated or corrupt bytes,
 * big-endian data, types that cannot be decoded correctly (run-end encoded, list-view), and
 * compressed batches whose codec is not registered (see `omni-query-hooks/codecs`; the error's
 * cause is then a {@link MissingCodecs}).
 */
export function decodeTable(result: string | Uint8Array, options: DecodeTableOptions = {}): DecodedTable {
  const { jobId, int64 = 'auto' } = options;
  try {
    if (!POLICIES.includes(int64)) throw new DecodeFailure(`unknown int64 policy ${JSON.stringify(int64)}`);
    const bytes = toAlignedBytes(result);
    const missing = [...inspectIpc(bytes).codecs].filter((codec) => compressionRegistry.get(codec) === null);
    if (missing.length > 0) throw new MissingCodecs(missing);
    const table = tableFromIPC(bytes);
    const vectors: Vector[] = [];
    const checked = new WeakSet<Vector>();
    for (let i = 0; i < table.numCols; i++) {
      const vector = table.getChildAt(i);
      if (vector === null) throw new DecodeFailure(`the Arrow data is corrupt (column ${i} is missing)`);
      for (const chunk of chunksOf(vector)) validateData(chunk, checked);
      vectors.push(vector);
    }
    const decoded = makeDecodedTable(table, vectors, jobId, int64);
    rememberIpcBytes(decoded, bytes);
    return decoded;
  } catch (error) {
    throw toDecodeError(error, jobId);
  }
}

function makeDecodedTable(table: Table, vectors: Vector[], jobId: string | undefined, int64: Int64Policy): DecodedTable {
  const names = table.schema.fields.map((field) => field.name);
  const keys = uniqueKeys(names);
  const columns = vectors.map((vector, index) => ({
    key: keys[index]!,
    name: names[index]!,
    index,
    arrowType: String(vector.type),
  }));
  const ctx = createReadContext(int64);
  const converted: (unknown[] | undefined)[] = [];
  // Columns whose values so far exist only inside rows built block by block: the row array and key.
  const inRows: ({ rows: Row[]; key: string } | undefined)[] = [];
  const numRows = table.numRows;
  const vectorAt = (index: number): Vector => {
    const vector = vectors[index];
    if (vector === undefined) throw toDecodeError(new DecodeFailure(`there is no column ${index}`), jobId);
    return vector;
  };
  const values = (index: number): unknown[] => {
    const cached = converted[index];
    if (cached !== undefined) return cached;
    const vector = vectorAt(index);
    const source = inRows[index];
    try {
      const column = source === undefined ? readColumn(vector, ctx) : columnOfRows(source.rows, source.key);
      converted[index] = column;
      inRows[index] = undefined;
      return column;
    } catch (error) {
      throw toDecodeError(error, jobId);
    }
  };
  return {
    table,
    numRows,
    columns,
    jobId,
    int64,
    values,
    rows(indices, keys) {
      const fresh = indices.every((index) => converted[index] === undefined && inRows[index] === undefined);
      if (fresh && numRows > ROW_BLOCK) {
        const picked = indices.map(vectorAt);
        let rows: Row[] | undefined;
        try {
          rows = buildRowsByBlock(picked, keys, numRows, ctx);
        } catch (error) {
          throw toDecodeError(error, jobId);
        }
        if (rows !== undefined) {
          const built = rows;
          indices.forEach((index, c) => (inRows[index] = { rows: built, key: keys[c]! }));
          return built;
        }
      }
      return buildRows(keys, indices.map(values), numRows);
    },
  };
}

function columnOfRows(rows: readonly Row[], key: string): unknown[] {
  const column = new Array<unknown>(rows.length);
  for (let i = 0; i < rows.length; i++) column[i] = rows[i]![key];
  return column;
}

function toAlignedBytes(result: string | Uint8Array): Uint8Array {
  if (typeof result === 'string') {
    if (result.length === 0) throw new DecodeFailure('the result is an empty string');
    return alignedBytes(base64ToBytes(result));
  }
  if (result instanceof Uint8Array) return alignedBytes(result);
  throw new DecodeFailure('the result is neither a base64 string nor a Uint8Array');
}

function toDecodeError(error: unknown, jobId: string | undefined): OmniError {
  if (error instanceof OmniError) return error;
  const where = jobId === undefined ? 'the result' : `the result of job ${jobId}`;
  return new OmniError('decode', `Cannot decode ${where}: ${reasonOf(error)}`, { jobId, cause: error });
}

function reasonOf(error: unknown): string {
  if (error instanceof DecodeFailure) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  const unknownType = /Unrecognized type: "(\w+)"/.exec(message)?.[1];
  if (unknownType === 'RunEndEncoded') return 'run-end encoded columns are not supported';
  if (unknownType === 'ListView' || unknownType === 'LargeListView') return 'list-view columns are not supported';
  if (unknownType !== undefined) return `the Arrow type ${unknownType} is not supported`;
  return `the Arrow data is corrupt (${message})`;
}
