import type { ColumnData } from './ReadContext.js';
import { isNullAt, validityOf } from './validity.js';

/**
 * Writes `cell(i)` for each valid slot of a chunk, and `null` for each null one, into `out` from
 * index `at`. For the types whose per-cell work (an allocation: a copy, an array, an object) dwarfs a
 * call; the hot scalar readers (numbers, dates, strings, dictionaries) keep their own inlined loops.
 */
export function fillCells(data: ColumnData, out: unknown[], at: number, cell: (i: number) => unknown): void {
  const bitmap = validityOf(data);
  const o = data.offset;
  for (let i = 0; i < data.length; i++) out[at + i] = isNullAt(bitmap, o + i) ? null : cell(i);
}
