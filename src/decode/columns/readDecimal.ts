import type { ColumnData } from './ReadContext.js';
import { isNullAt, validityOf } from './validity.js';

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
  // Signed view of the same words: the high word's sign and the sign-extension words compare as int32.
  const signed = new Int32Array(words.buffer, words.byteOffset, words.length);
  const stride = data.stride;
  const scale = Number(data.type['scale'] ?? 0);
  const bitmap = validityOf(data);
  const o = data.offset;
  if (Math.abs(scale) >= EXACT_POWERS.length) {
    for (let i = 0; i < data.length; i++) {
      out[at + i] = isNullAt(bitmap, o + i) ? null : decimalToNumber(words, i * stride, stride, scale);
    }
    return;
  }
  const power = EXACT_POWERS[Math.abs(scale)]!;
  const multiply = scale < 0;
  for (let i = 0; i < data.length; i++) {
    if (isNullAt(bitmap, o + i)) {
      out[at + i] = null;
      continue;
    }
    const base = i * stride;
    let unscaled: number;
    if (stride === 1) {
      unscaled = signed[base]!;
    } else {
      const hi = signed[base + 1]!;
      // Safe when |hi| < 2^21 and every higher word only repeats the sign (0 or -1).
      const extension = hi >> 31;
      const safe =
        hi >= -SAFE_HI &&
        hi < SAFE_HI &&
        (stride === 2 ||
          (signed[base + 2] === extension &&
            signed[base + 3] === extension &&
            (stride === 4 || higherWordsExtend(signed, base + 4, base + stride, extension))));
      if (!safe) {
        out[at + i] = decimalToNumber(words, base, stride, scale);
        continue;
      }
      unscaled = hi * TWO_POW_32 + words[base]!;
    }
    out[at + i] = multiply ? unscaled * power : unscaled / power;
  }
}

function higherWordsExtend(signed: Int32Array, from: number, to: number, extension: number): boolean {
  for (let w = from; w < to; w++) if (signed[w] !== extension) return false;
  return true;
}

/** The slow, exact path: the unscaled two's-complement integer as a bigint, then one correctly rounded parse. */
export function decimalToNumber(words: Uint32Array, base: number, stride: number, scale: number): number {
  let value = 0n;
  for (let w = stride - 1; w >= 0; w--) value = (value << 32n) | BigInt(words[base + w]!);
  if ((words[base + stride - 1]! & 0x80000000) !== 0) value -= 1n << BigInt(32 * stride);
  return Number(`${value}e${-scale}`);
}
