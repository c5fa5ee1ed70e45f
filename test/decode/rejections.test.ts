import { readFileSync } from 'node:fs';
import { Buffer } from 'node:buffer';
import { tableFromArrays, tableFromIPC, tableToIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { decodeResult } from '../../src/decode/decodeResult.js';
import { decodeTable } from '../../src/decode/decodeTable.js';
import { OmniError } from '../../src/errors/OmniError.js';
import { messageEnds } from './arrowBuilders.js';

const base64 = readFileSync(new URL('../fixtures/omni-docs-result.b64', import.meta.url), 'utf8').trim();
const stream = new Uint8Array(Buffer.from(base64, 'base64'));
const file = tableToIPC(tableFromArrays({ id: Int32Array.from([1, 2, 3]), name: ['a', 'b', 'c'] }), 'file');

function decodeError(run: () => unknown): OmniError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(OmniError);
    expect((error as OmniError).kind).toBe('decode');
    return error as OmniError;
  }
  throw new Error('expected a decode error, but decoding succeeded');
}

/** Decode and read every value, the way a component would. */
function readEverything(input: string | Uint8Array): void {
  const result = decodeResult(input, { includeInternalColumns: true });
  for (const row of result.rows) JSON.stringify(row, (_, value: unknown) => (typeof value === 'bigint' ? String(value) : value));
}

describe('input that cannot be decoded is a decode OmniError naming the reason', () => {
  it.each([
    ['an empty string', '', /empty string/],
    ['empty bytes', new Uint8Array(0), /empty \(0 bytes\)/],
    ['invalid base64', `${base64.slice(0, 40)}*${base64.slice(41)}`, /not valid base64 \(unexpected "\*" at position 40\)/],
    ['base64 of something else', btoa('hello, this is not Arrow'), /truncated or corrupt|not Arrow/],
    ['JSON text', btoa('{"rows":[]}'), /truncated or corrupt|not Arrow/],
    [
      'a stream cut inside its schema',
      stream.slice(0, 8 + (new DataView(stream.buffer).getInt32(4, true) >> 1)),
      /truncated or corrupt/,
    ],
    ['a file without its closing magic', file.slice(0, file.length - 6), /no closing ARROW1 magic/],
  ])('%s', (_, input, reason) => {
    const error = decodeError(() => decodeResult(input, { jobId: 'job-7' }));
    expect(error.message).toMatch(reason);
    expect(error.message).toContain('job-7');
    expect(error.jobId).toBe('job-7');
  });

  it('rejects a non-string, non-bytes result', () => {
    expect(decodeError(() => decodeTable(42 as unknown as string)).message).toMatch(/neither a base64 string nor a Uint8Array/);
  });

  it('rejects an unknown int64 policy', () => {
    expect(decodeError(() => decodeTable(base64, { int64: 'float' as 'auto' })).message).toMatch(/int64 policy/);
  });

  it.each([
    ['stream', stream, messageEnds(stream)],
    ['file', file, [] as number[]],
  ])('rejects every truncation of a %s, except at a message boundary of a stream', (_, bytes, boundaries) => {
    for (let length = 1; length < bytes.length; length++) {
      // A stream may end after any whole message (see streamEnd.test.ts); a file never.
      const cut = bytes.subarray(0, length);
      if (boundaries.includes(length)) expect(decodeTable(cut).numRows).toBe(tableFromIPC(cut).numRows);
      else decodeError(() => decodeTable(bytes.subarray(0, length)));
    }
  });

  it('rejects a buffer length that points past the body instead of reading short arrays', () => {
    const table = tableFromArrays({ id: Int32Array.from([1, 2, 3, 4]) });
    const bytes = tableToIPC(table, 'stream');
    const decoded = decodeTable(bytes);
    expect(decoded.values(0)).toEqual([1, 2, 3, 4]);
    // Shrink the body length of the record batch message; the framing check catches the mismatch.
    const corrupt = bytes.slice(0, bytes.length - 16);
    decodeError(() => decodeTable(corrupt));
  });

  it('only ever throws decode OmniErrors for thousands of random byte corruptions', () => {
    let state = 12345;
    const random = (n: number) => {
      state = (state * 1103515245 + 12345) >>> 0;
      return state % n;
    };
    let decoded = 0;
    for (let round = 0; round < 3000; round++) {
      const bytes = stream.slice();
      const flips = 1 + random(4);
      for (let f = 0; f < flips; f++) bytes[random(bytes.length)] = random(256);
      try {
        readEverything(bytes);
        decoded++;
      } catch (error) {
        expect(error).toBeInstanceOf(OmniError);
        expect((error as OmniError).kind).toBe('decode');
      }
    }
    // Many flips land in string data or padding and still decode; both outcomes must occur.
    expect(decoded).toBeGreaterThan(0);
    expect(decoded).toBeLessThan(3000);
    // 3,000 decodes take 1–2 s on a quiet machine and over 8 s on a busy shared one: a budget, not a measure.
  }, 60_000);
});
