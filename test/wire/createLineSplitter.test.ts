import { describe, expect, it } from 'vitest';
import { createLineSplitter } from '../../src/wire/createLineSplitter.js';

const encoder = new TextEncoder();

/** Feeds `chunks` through one splitter and collects every line. */
function split(chunks: ReadonlyArray<Uint8Array | string>): string[] {
  const splitter = createLineSplitter();
  const lines: string[] = [];
  for (const chunk of chunks) lines.push(...splitter.push(chunk));
  lines.push(...splitter.end());
  return lines;
}

/** Every way to cut `bytes` in two. */
function everyCut(bytes: Uint8Array): Uint8Array[][] {
  return Array.from({ length: bytes.length + 1 }, (_, at) => [bytes.subarray(0, at), bytes.subarray(at)]);
}

describe('createLineSplitter', () => {
  it('splits on \\n and hands out a final line without newline at end()', () => {
    const splitter = createLineSplitter();
    expect(splitter.push('{"a":1}\n{"b":')).toEqual(['{"a":1}']);
    expect(splitter.push('2}\n{"c":3}')).toEqual(['{"b":2}']);
    expect(splitter.end()).toEqual(['{"c":3}']);
  });

  it('treats CRLF as one line end, skips blank and whitespace-only lines', () => {
    expect(split(['{"a":1}\r\n\r\n  \n\t\r\n{"b":2}\r\n'])).toEqual(['{"a":1}', '{"b":2}']);
  });

  it('keeps CRLF intact when \\r and \\n arrive in different chunks', () => {
    expect(split(['{"a":1}\r', '\n{"b":2}\r', '\n'])).toEqual(['{"a":1}', '{"b":2}']);
  });

  it('drops a BOM in text and in bytes, even when the BOM bytes are split', () => {
    expect(split(['\uFEFF{"a":1}\n'])).toEqual(['{"a":1}']);
    const bytes = encoder.encode('\uFEFF{"a":1}\n');
    expect(split([bytes.subarray(0, 1), bytes.subarray(1, 2), bytes.subarray(2)])).toEqual(['{"a":1}']);
    // Only a leading BOM is dropped: inside a value it is data.
    expect(split(['{"a":"\uFEFF"}'])).toEqual(['{"a":"\uFEFF"}']);
  });

  it('decodes multi-byte UTF-8 cut at every byte', () => {
    const text = '{"name":"ünï€😀"}\n{"b":"日本"}';
    const bytes = encoder.encode(text);
    for (const chunks of everyCut(bytes)) {
      expect(split(chunks)).toEqual(['{"name":"ünï€😀"}', '{"b":"日本"}']);
    }
  });

  it('gives the same lines when fed one byte at a time', () => {
    const text = '\uFEFF{"job_id":"a","status":"COMPLETE"}\r\n\n{"remaining_job_ids":[],"timed_out":"false"}';
    const bytes = encoder.encode(text);
    const oneByOne = Array.from(bytes, (byte) => Uint8Array.of(byte));
    expect(split(oneByOne)).toEqual(['{"job_id":"a","status":"COMPLETE"}', '{"remaining_job_ids":[],"timed_out":"false"}']);
  });

  it('returns nothing for an empty or blank body', () => {
    expect(split([])).toEqual([]);
    expect(split(['', '\n', '\r\n', '   '])).toEqual([]);
  });

  it('assembles a long line from many chunks', () => {
    const long = `{"result":"${'A'.repeat(100_000)}"}`;
    const chunks: string[] = [];
    for (let at = 0; at < long.length; at += 997) chunks.push(long.slice(at, at + 997));
    expect(split([...chunks, '\n'])).toEqual([long]);
  });
});
