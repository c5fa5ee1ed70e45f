import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { decodeResult } from '../../src/decode/decodeResult.js';
import { OmniError } from '../../src/errors/OmniError.js';

// apache-arrow's JS file writer keeps the schema only in the footer: its first message is a batch.
describe('Arrow files written by apache-arrow JS', () => {
  const table = tableFromArrays({ 'orders.count': Int32Array.from([3, 1, 4]), 'orders.name': ['a', 'b', 'c'] });

  it('decode like the stream format', () => {
    const file = tableToIPC(table, 'file');
    expect(Array.from(file.subarray(0, 6), (byte) => String.fromCharCode(byte)).join('')).toBe('ARROW1');
    expect(decodeResult(file).rows).toEqual(decodeResult(tableToIPC(table, 'stream')).rows);
    expect(decodeResult(Buffer.from(file).toString('base64')).rows[2]).toEqual({ 'orders.count': 4, 'orders.name': 'c' });
  });

  it('with no batch at all decode as an empty table', () => {
    const empty = tableFromArrays({ 'orders.count': Int32Array.from([]) });
    const decoded = decodeResult(tableToIPC(empty, 'file'));
    expect(decoded.numRows).toBe(0);
    expect(decoded.fields.map((field) => field.name)).toEqual(['orders.count']);
  });

  it('still fail clearly when cut short', () => {
    const file = tableToIPC(table, 'file');
    expect(() => decodeResult(file.subarray(0, file.length - 40))).toThrow(OmniError);
  });
});
