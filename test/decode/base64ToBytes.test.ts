import { Buffer } from 'node:buffer';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DecodeFailure } from '../../src/decode/DecodeFailure.js';
import { base64ToBytes, decodeBase64Portable, decodeBase64WithBuffer } from '../../src/decode/ipc/base64ToBytes.js';

// Deterministic bytes, so a failure reproduces.
function bytesOf(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

// Node's decoder returns a Buffer; compare bytes, not classes.
const plain = (bytes: Uint8Array) => new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
const decoders = {
  portable: decodeBase64Portable,
  Buffer: (text: string) => plain(decodeBase64WithBuffer(text, Buffer)),
  base64ToBytes: (text: string) => plain(base64ToBytes(text)),
};

describe.each(Object.entries(decoders))('%s decoder', (_, decode) => {
  it('round-trips every length from 0 to 64 and a large buffer, padded and unpadded', () => {
    for (const length of [...Array.from({ length: 65 }, (__, i) => i), 100_003]) {
      const bytes = bytesOf(length, length + 1);
      const text = Buffer.from(bytes).toString('base64');
      // Buffer.compare, because deep equality over 100k elements is slow.
      expect(Buffer.compare(decode(text), bytes)).toBe(0);
      expect(Buffer.compare(decode(text.replace(/=+$/, '')), bytes)).toBe(0);
    }
  });

  it('ignores ASCII whitespace such as MIME line breaks', () => {
    const bytes = bytesOf(200, 7);
    const wrapped = Buffer.from(bytes).toString('base64').replace(/.{76}/g, '$&\r\n');
    expect(decode(` ${wrapped}\n`)).toEqual(bytes);
  });

  it.each([
    ['a character outside the alphabet', 'QUJD!EVG', /unexpected "!" at position 4/],
    ['a base64url character', 'QUJD-EVG', /unexpected "-"/],
    ['a character above U+00FF', 'QUJDR\u0100VG', /unexpected/],
    ['a lone trailing character', 'QUJDR', /not valid base64/],
    ['padding in the middle', 'QQ==QUJD', /not valid base64/],
    ['too much padding', 'QQ===', /not valid base64/],
  ])('rejects %s', (__, text, message) => {
    expect(() => decode(text)).toThrow(DecodeFailure);
    expect(() => decode(text)).toThrow(message);
  });
});

describe('base64ToBytes picks the platform decoder', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    delete (Uint8Array as unknown as { fromBase64?: unknown }).fromBase64;
  });

  it('uses Uint8Array.fromBase64 where the platform has it, and reports its errors as invalid base64', () => {
    const fromBase64 = vi.fn((text: string) => new Uint8Array(Buffer.from(text, 'base64')));
    (Uint8Array as unknown as { fromBase64?: unknown }).fromBase64 = fromBase64;
    expect(base64ToBytes('QUJD')).toEqual(new Uint8Array([65, 66, 67]));
    expect(fromBase64).toHaveBeenCalledWith('QUJD');

    fromBase64.mockImplementation(() => {
      throw new SyntaxError('bad');
    });
    expect(() => base64ToBytes('QU!D')).toThrow(/unexpected "!"/);
  });

  it('falls back to the portable decoder without Buffer', () => {
    vi.stubGlobal('Buffer', undefined);
    const bytes = bytesOf(1000, 3);
    const text = btoa(String.fromCharCode(...bytes));
    expect(base64ToBytes(text)).toEqual(bytes);
    expect(() => base64ToBytes('QU_D')).toThrow(DecodeFailure);
  });
});
