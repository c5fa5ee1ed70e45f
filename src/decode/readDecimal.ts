import { validityOf, type ColumnData } from './ReadContext.js';

const TWO_POW_32 = 4294967296;
const SAFE_HI = 2097152;
// Powers of ten that a double holds exactly: dividing an exact integer by one of them is a single,
// correctly rounded operation.
const EXACT_POWERS = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * Decimal32/64/128/256 → the nearest `number` to the exact decimal value. Never uses apache-arrow's
 * `toString`/`valueOf`, which are wrong for decimal256 and negative decimal64: reads the
 * little-endian two's-complement 32-bit words directly.
 */
export function readDecimal(data: ColumnData, out: unknown[], at: number): void {
  const words = data.values as unknown as Uint32Array;
  const stride = data.stride;
  const scale = Number(data.type['scale'] ?? 0);
  const bitmap = validityOf(data);
  const o = data.offset;
  const exact = Math.abs(scale) < EXACT_POWERS.length;
  const power = exact ? EXACT_POWERS[Math.abs(scale)]! : 1;
  for (let i = 0; i < data.length; i++) {
    const bit = o + i;
    if (bitmap !== undefined && (bitmap[bit >> 3]! & (1 << (bit & 7))) === 0) {
      out[at + i] = null;
      continue;
    }
    const base = i * stride;
    let unscaled: number | undefined;
    if (stride === 1) {
      unscaled = words[base]! | 0;
    } else {
      const hi = words[base + 1]! | 0;
      if (hi >= -SAFE_HI && hi < SAFE_HI) {
        const extension = hi < 0 ? 0xffffffff : 0;
        let fits = true;
        for (let w = 2; w < stride; w++) {
          if (words[base + w] !== extension) {
            fits = false;
            break;
          }
        }
        if (fits) unscaled = hi * TWO_POW_32 + words[base]!;
      }
    }
    out[at + i] =
      unscaled !== undefined && exact
        ? scale >= 0
          ? unscaled / power
          : unscaled * power
        : decimalToNumber(words, base, stride, scale);
  }
}

/** The slow, exact path: the unscaled two's-complement integer as a bigint, then one correctly rounded parse. */
export function decimalToNumber(words: Uint32Array, base: number, stride: number, scale: number): number {
  let value = 0n;
  for (let w = stride - 1; w >= 0; w--) value = (value << 32n) | BigInt(words[base + w]!);
  if ((words[base + stride - 1]! & 0x80000000) !== 0) value -= 1n << BigInt(32 * stride);
  return Number(`${value}e${-scale}`);
}
