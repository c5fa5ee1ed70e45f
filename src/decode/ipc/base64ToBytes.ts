import { DecodeFailure } from '../DecodeFailure.js';

type FromBase64 = (text: string) => Uint8Array;
interface BufferLike {
  from(text: string, encoding: 'base64'): Uint8Array;
}

const WHITESPACE = /[\t\n\f\r ]+/g;

/**
 * Decodes standard base64 (RFC 4648 alphabet, `=` padding optional, ASCII whitespace ignored) into
 * bytes. Uses `Uint8Array.fromBase64` where the platform has it, `Buffer` in Node, and
 * {@link decodeBase64Portable} (`atob`) elsewhere. Throws a {@link DecodeFailure} naming the first bad
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

/**
 * The decoder for platforms with neither `fromBase64` nor `Buffer` (most browsers today): `atob`,
 * which every browser has and which is as strict as `fromBase64` (forgiving-base64: whitespace
 * ignored, padding optional, anything outside the alphabet refused).
 */
export function decodeBase64Portable(text: string): Uint8Array {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    throw invalidBase64(text.replace(WHITESPACE, ''));
  }
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
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
  const at = text.replace(/=+$/, '').search(/[^A-Za-z0-9+/]/);
  if (at !== -1) {
    return new DecodeFailure(`the result is not valid base64 (unexpected ${JSON.stringify(text[at])} at position ${at})`);
  }
  return new DecodeFailure(`the result is not valid base64 (bad length or padding: ${text.length} characters)`);
}
