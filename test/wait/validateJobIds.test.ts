import { describe, expect, it } from 'vitest';
import { validateJobIds } from '../../src/wait/validateJobIds.js';

describe('validateJobIds', () => {
  it.each([null, undefined, []])('accepts %j as no ids', (input) => {
    expect(validateJobIds(input)).toEqual({ ok: true, ids: [] });
  });

  it('removes duplicates and keeps the input order', () => {
    expect(validateJobIds(['b', 'a', 'b', 'c', 'a'])).toEqual({ ok: true, ids: ['b', 'a', 'c'] });
  });

  it('keeps ids with quotes, commas, spaces and unicode as they are', () => {
    const ids = ['a"b', 'c,d', ' e f ', 'ü-日本'];
    expect(validateJobIds(ids)).toEqual({ ok: true, ids });
  });

  it.each([
    [['a', 7], 'position 1', 'a number'],
    [['a', ''], 'position 1', 'an empty string'],
    [['   '], 'position 0', 'a blank string'],
    [[null], 'position 0', 'null'],
    [[undefined], 'position 0', 'a undefined'],
    [[{ id: 'x' }], 'position 0', 'an object'],
    [[['a']], 'position 0', 'an array'],
  ])('rejects %j with a schema error naming %s and %s', (input, where, what) => {
    const result = validateJobIds(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('schema');
    expect(result.error.message).toContain(where);
    expect(result.error.message).toContain(what);
  });

  it.each([
    ['abc', 'a string'],
    [42, 'a number'],
    [{ 0: 'a' }, 'an object'],
  ])('rejects a non-array %j', (input, what) => {
    const result = validateJobIds(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain(`must be an array of strings, but got ${what}`);
  });
});
