/**
 * The cell function for variable-length layouts (binary, lists): cell `i` is `source` between
 * `offsets[i]` and `offsets[i + 1]`. Large layouts carry 64-bit offsets (`BigInt64Array`), which
 * must go through `Number` before `slice`.
 */
export function sliceByOffsets<T extends { slice(start: number, end: number): unknown }>(
  source: T,
  offsets: ArrayLike<number | bigint>,
): (i: number) => ReturnType<T['slice']> {
  const wide = !(offsets instanceof Int32Array);
  return wide
    ? (i) => source.slice(Number(offsets[i]), Number(offsets[i + 1])) as ReturnType<T['slice']>
    : (i) => source.slice(offsets[i] as number, offsets[i + 1] as number) as ReturnType<T['slice']>;
}
