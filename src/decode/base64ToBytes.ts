import { DecodeFailure } from './DecodeFailure.js';

type FromBase64 = (text: string) => Uint8Array;
interface BufferLike {
  from(text: string, encoding: 'base64'): Uint8Array;
}

// Sextet per char code; 64 marks a character outside the standard alphabet.
const SEXTETS = new Uint8Array(256).fill(64);
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
for (let i = 0; i < ALPHABET.length; i++) SEXTETS[ALPHABET.charCodeAt(i)] = i;
const WHITESPACE = /[\t\n\f\r ]+/g;

/**
 * Decodes standard base64 (RFC 4648 alphabet, `=` padding optional, ASCII whitespace ignored) into
 * bytes. Uses `Uint8Array.fromBase64` where the platform has it, `Buffer` in Node, and
 * {@link decodeBase64Portable} elsewhere. Throws a {@link DecodeFailure} naming the first bad
 * character for anything else, including base64url's `-` and `_`, so that bad input never decodes
 * to fewer bytes silently.
 */
export function base64ToBytes(text: string): Uint8Array {
  const fromBase64 = (Uint8Array as unknown as { fromBase64?: FromBase64 }).fromBase64;
  if (typeof fromBase64 === 'function') {
    try {
      return fromBase64(text);
    } catch {
      throw invalidBase64(text);
    }
  }
  const NodeBuffer = (globalThis as { Buffer?: BufferLike }).Buffer;
  if (NodeBuffer !== undefined && typeof NodeBuffer.from === 'function') {
    return decodeBase64WithBuffer(text, NodeBuffer);
  }
  return decodeBase64Portable(text);
}

/**
 * Decodes base64 with Node's `Buffer`, which silently skips characters it does not know: the
 * decoded length is checked against the length the text implies, and base64url characters are
 * refused, so the result is the same as {@link decodeBase64Portable}'s or an error.
 */
export function decodeBase64WithBuffer(text: string, NodeBuffer: BufferLike): Uint8Array {
  const expected = impliedLength(text);
  if (expected >= 0 && text.indexOf('-') === -1 && text.indexOf('_') === -1) {
    const bytes = NodeBuffer.from(text, 'base64');
    if (bytes.length === expected) return bytes;
  }
  const compact = text.replace(WHITESPACE, '');
  if (compact.length !== text.length) return decodeBase64WithBuffer(compact, NodeBuffer);
  throw invalidBase64(text);
}

/** A strict base64 decoder in plain JavaScript, for platforms with neither `fromBase64` nor `Buffer`. */
export function decodeBase64Portable(text: string): Uint8Array {
  const length = impliedLength(text);
  if (length < 0) {
    const compact = text.replace(WHITESPACE, '');
    if (compact.length !== text.length) return decodeBase64Portable(compact);
    throw invalidBase64(text);
  }
  const out = new Uint8Array(length);
  const whole = Math.floor(length / 3) * 4;
  let o = 0;
  let bad = 0; // any 64 (unknown char) sets bit 6
  let codes = 0; // any char code above 255 sets a bit above 7
  for (let i = 0; i < whole; i += 4) {
    const ca = text.charCodeAt(i);
    const cb = text.charCodeAt(i + 1);
    const cc = text.charCodeAt(i + 2);
    const cd = text.charCodeAt(i + 3);
    codes |= ca | cb | cc | cd;
    const a = SEXTETS[ca & 0xff]!;
    const b = SEXTETS[cb & 0xff]!;
    const c = SEXTETS[cc & 0xff]!;
    const d = SEXTETS[cd & 0xff]!;
    bad |= a | b | c | d;
    out[o++] = (a << 2) | (b >> 4);
    out[o++] = ((b & 15) << 4) | (c >> 2);
    out[o++] = ((c & 3) << 6) | d;
  }
  const rest = length - o;
  if (rest > 0) {
    const ca = text.charCodeAt(whole);
    const cb = text.charCodeAt(whole + 1);
    const cc = rest > 1 ? text.charCodeAt(whole + 2) : 65;
    codes |= ca | cb | cc;
    const a = SEXTETS[ca & 0xff]!;
    const b = SEXTETS[cb & 0xff]!;
    const c = SEXTETS[cc & 0xff]!;
    bad |= a | b | c;
    out[o++] = (a << 2) | (b >> 4);
    if (rest > 1) out[o++] = ((b & 15) << 4) | (c >> 2);
  }
  if ((bad & 64) !== 0 || codes > 255) {
    const compact = text.replace(WHITESPACE, '');
    if (compact.length !== text.length) return decodeBase64Portable(compact);
    throw invalidBase64(text);
  }
  return out;
}

/** Bytes that a well-formed base64 text of this length decodes to, or -1 when no such text exists. */
function impliedLength(text: string): number {
  let end = text.length;
  if (end > 0 && text.charCodeAt(end - 1) === 61 /* = */) end--;
  if (end > 0 && text.charCodeAt(end - 1) === 61) end--;
  const padded = end !== text.length;
  if (padded && text.length % 4 !== 0) return -1;
  const tail = end % 4;
  if (tail === 1) return -1;
  return Math.floor(end / 4) * 3 + (tail === 0 ? 0 : tail - 1);
}

function invalidBase64(text: string): DecodeFailure {
  if (text.length === 0) return new DecodeFailure('the result is an empty string');
  const end = text.replace(/=+$/, '').length;
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code > 255 || SEXTETS[code] === 64) {
      return new DecodeFailure(
        `the result is not valid base64 (unexpected ${JSON.stringify(text[i])} at position ${i})`,
      );
    }
  }
  return new DecodeFailure(`the result is not valid base64 (bad length or padding: ${text.length} characters)`);
}
