import { Buffer } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { Schema, Field, Int32, Table, tableFromArrays, tableFromIPC, tableToIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { decodeResult } from '../../src/decode/decodeResult.js';
import { OmniError } from '../../src/errors/OmniError.js';
import { messageEnds } from './arrowBuilders.js';

// The IPC spec lets a stream end with the 8-byte end-of-stream marker or just stop after a message.
const EOS = 8;

const part = (from: number, names: string[]) =>
  tableFromArrays({ id: Int32Array.from(names.map((_, i) => from + i)), name: names });
// Three record batches, with a dictionary-encoded string column (so dictionary batches too).
const table = part(0, ['a', 'b', 'c']).concat(part(3, ['d', 'e']), part(5, ['f', 'g', 'h', 'i']));
const withMarker = tableToIPC(table, 'stream');
const withoutMarker = withMarker.slice(0, withMarker.length - EOS);
const base64Of = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const docsFixture = new Uint8Array(
  Buffer.from(readFileSync(new URL('../fixtures/omni-docs-result.b64', import.meta.url), 'utf8').trim(), 'base64'),
);

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

describe('an Arrow stream that ends without its end-of-stream marker', () => {
  it('is what the fixtures say: the writer appended the 8-byte marker, and nothing is after it', () => {
    expect([...withMarker.subarray(withMarker.length - EOS)]).toEqual([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);
    expect(messageEnds(withMarker).at(-1)).toBe(withoutMarker.length);
  });

  it.each([
    ['bytes', withoutMarker],
    ['base64', base64Of(withoutMarker)],
  ])('decodes from %s to the same rows as the stream with its marker', (_, input) => {
    const expected = decodeResult(withMarker);
    const decoded = decodeResult(input, { jobId: 'job-1' });
    expect(decoded.numRows).toBe(9);
    expect(decoded.rows).toEqual(expected.rows);
    expect(decoded.columns.name).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']);
  });

  it("decodes Omni's documented result without its marker", () => {
    const cut = docsFixture.slice(0, docsFixture.length - EOS);
    expect(decodeResult(cut).rows).toEqual(decodeResult(docsFixture).rows);
  });

  it('is read by apache-arrow too, to the same table', () => {
    const arrow = tableFromIPC(withoutMarker);
    expect(arrow.numRows).toBe(9);
    expect(
      decodeResult(withoutMarker)
        .table.toArray()
        .map((row) => row.toJSON()),
    ).toEqual(arrow.toArray().map((row) => row.toJSON()));
  });

  it('decodes a schema with no record batch to an empty result, with and without the marker', () => {
    const schemaOnly = tableToIPC(new Table(new Schema([new Field('id', new Int32(), true)])), 'stream');
    for (const bytes of [schemaOnly, schemaOnly.slice(0, schemaOnly.length - EOS)]) {
      const decoded = decodeResult(bytes);
      expect(decoded.numRows).toBe(0);
      expect(decoded.fields.map((field) => field.name)).toEqual(['id']);
      expect(tableFromIPC(bytes).numRows).toBe(0);
    }
  });

  it('decodes a stream cut at any message boundary to the batches before the cut, as apache-arrow does', () => {
    const ends = messageEnds(withMarker);
    expect(ends.length).toBeGreaterThanOrEqual(4); // schema, dictionary batches, three record batches
    for (const end of ends) {
      const cut = withMarker.slice(0, end);
      const decoded = decodeResult(cut);
      expect(decoded.numRows).toBe(tableFromIPC(cut).numRows);
      expect(decoded.columns.id).toEqual(Array.from({ length: decoded.numRows }, (_, i) => i));
    }
  });

  it('still rejects a stream cut inside a message: its length prefix, its metadata or its body', () => {
    const ends = [0, ...messageEnds(withMarker)];
    const cuts: [string, number][] = [];
    for (let m = 0; m + 1 < ends.length; m++) {
      const start = ends[m]!;
      const metadataLength = new DataView(withMarker.buffer).getInt32(start + 4, true);
      const bodyStart = start + 8 + metadataLength;
      cuts.push(['length prefix', start + 2], ['metadata', start + 8 + (metadataLength >> 1)]);
      if (ends[m + 1]! > bodyStart) cuts.push(['body', bodyStart + ((ends[m + 1]! - bodyStart) >> 1)]);
    }
    expect(cuts.filter(([where]) => where === 'body').length).toBeGreaterThanOrEqual(3);
    for (const [where, at] of cuts) {
      for (const input of [withMarker.slice(0, at), base64Of(withMarker.slice(0, at))]) {
        const error = decodeError(() => decodeResult(input, { jobId: 'job-2' }));
        expect(error.message, `cut in the ${where} at byte ${at}`).toMatch(
          /^Cannot decode the result of job job-2: the Arrow data is truncated or corrupt \(bad message framing at byte \d+\)$/,
        );
      }
    }
  });

  it('still rejects a stream whose marker is cut in half', () => {
    const error = decodeError(() => decodeResult(withMarker.slice(0, withMarker.length - 4)));
    expect(error.message).toMatch(/truncated or corrupt/);
  });
});
