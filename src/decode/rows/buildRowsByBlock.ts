import { Type } from 'apache-arrow';
import type { Vector } from 'apache-arrow';
import type { Row } from '../DecodedResult.js';
import { chunksOf, readData, type ReadContext } from '../columns/ReadContext.js';
import { buildRows } from './buildRows.js';

/**
 * Rows per block. A block's converted values sit in small, short-lived arrays in V8's young
 * generation; going through full-length column arrays instead (large objects in the old
 * generation, pointing at millions of young values) made building one million rows take about
 * 1.5× as long, the difference being garbage collection.
 */
export const ROW_BLOCK = 4096;

// Types whose readers follow apache-arrow's `Data.slice` (buffers re-based, `offset` kept for the
// validity bitmap) and whose values are independent of the rest of the chunk.
const SLICEABLE = new Set<Type>([
  Type.Null,
  Type.Int,
  Type.Float,
  Type.Bool,
  Type.Decimal,
  Type.Utf8,
  Type.Date,
  Type.Time,
  Type.Timestamp,
  Type.Duration,
]);

/**
 * Builds the rows of these columns straight from the Arrow chunks, block by block, without
 * full-length column arrays. Returns `undefined`, having done nothing, when a column's type is not
 * a simple scalar type or the columns are chunked differently: callers then build rows from the
 * converted columns. Values are converted by the same readers as the column path.
 */
export function buildRowsByBlock(
  vectors: readonly Vector[],
  keys: readonly string[],
  numRows: number,
  ctx: ReadContext,
): Row[] | undefined {
  const chunked = vectors.map(chunksOf);
  const first = chunked[0];
  if (first === undefined) return undefined;
  for (const chunks of chunked) {
    if (chunks.length !== first.length) return undefined;
    for (let k = 0; k < chunks.length; k++) {
      const chunk = chunks[k]!;
      if (chunk.length !== first[k]!.length || !SLICEABLE.has(chunk.type.typeId)) return undefined;
    }
  }
  const rows = new Array<Row>(numRows);
  let at = 0;
  for (let k = 0; k < first.length; k++) {
    const length = first[k]!.length;
    for (let start = 0; start < length; start += ROW_BLOCK) {
      const size = Math.min(ROW_BLOCK, length - start);
      const block = chunked.map((chunks) => {
        const chunk = chunks[k]!;
        return readData(size === length ? chunk : chunk.slice(start, size), ctx);
      });
      buildRows(keys, block, size, rows, at);
      at += size;
    }
  }
  return rows;
}
