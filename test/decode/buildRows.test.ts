import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildRows, generatedRowsBuilder, plainRowsBuilder } from '../../src/decode/rows/buildRows.js';
import { isInternalColumn } from '../../src/decode/rows/isInternalColumn.js';
import { uniqueKeys } from '../../src/decode/rows/uniqueKeys.js';

const keys = ['view.a', '__proto__', 'with "quotes" and \\', 'line\u2028sep', 'constructor', ''];
const columns = keys.map((_, c) => [c, `x${c}`, null]);

describe('row building', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('the generated and the plain builder give equal plain rows with own keys in order', () => {
    const generated = generatedRowsBuilder(keys)!(columns, 3);
    const plain = plainRowsBuilder(keys)(columns, 3);
    expect(generated).toStrictEqual(plain);
    for (const rows of [generated, plain]) {
      expect(Object.keys(rows[1]!)).toEqual(keys);
      expect(Object.getPrototypeOf(rows[1])).toBe(Object.prototype);
      expect(rows[1]!['__proto__']).toBe('x1');
      expect(rows[2]!['view.a']).toBeNull();
      expect(JSON.parse(JSON.stringify(rows[0]))).toEqual(Object.fromEntries(keys.map((key, c) => [key, c])));
    }
  });

  it('works under a Content-Security-Policy without unsafe-eval', () => {
    vi.stubGlobal('Function', function blocked() {
      throw new EvalError('Refused to evaluate a string as JavaScript');
    });
    expect(generatedRowsBuilder(keys)).toBeUndefined();
    // Keys no other test uses, so no builder compiled earlier can stand in for the fallback.
    const cspKeys = keys.map((key) => `csp:${key}`);
    expect(buildRows(cspKeys, columns, 3)).toStrictEqual(plainRowsBuilder(cspKeys)(columns, 3));
  });

  it('builds rows for a result without columns', () => {
    expect(buildRows([], [], 2)).toEqual([{}, {}]);
  });
});

describe('column naming', () => {
  it('gives later repeats of a name the first free suffix', () => {
    expect(uniqueKeys(['a', 'b', 'a', 'a (2)', 'a', ''])).toEqual(['a', 'b', 'a (3)', 'a (2)', 'a (4)', '']);
    expect(uniqueKeys(['', ''])).toEqual(['', ' (2)']);
  });

  it.each([
    ['$omni_total_sort', true],
    ['ssort_0', true],
    ['orders.created_at__raw', true],
    ['orders.ssort_id', false],
    ['inventory_items.count', false],
  ])('%s is internal: %s', (name, internal) => {
    expect(isInternalColumn(name)).toBe(internal);
  });
});
