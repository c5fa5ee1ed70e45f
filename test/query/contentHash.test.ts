import { describe, expect, it } from 'vitest';
import { canonicalQuery, contentHash } from '../../src/query/contentHash.js';
import { planOmniQuery } from '../../src/query/planOmniQuery.js';
import { pickOmniQueryOptions } from '../../src/query/omniQueryOptions.js';
import { runQueryKey } from '../../src/query/omniQueryKey.js';

const client = { key: 'https://acme.omniapp.co' };

describe('contentHash', () => {
  it('is equal for values that differ only in key order or undefined entries', () => {
    expect(contentHash({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(contentHash({ b: { d: 'x', c: [1, 2] }, a: 1, e: undefined }));
  });

  it('counts a __proto__ key from parsed JSON as a key (run bodies reach the gateway that way)', () => {
    expect(contentHash(JSON.parse('{"__proto__":{"a":1},"b":2}'))).not.toBe(contentHash({ b: 2 }));
    expect(contentHash(JSON.parse('{"__proto__":{"a":1}}'))).not.toBe(contentHash(JSON.parse('{"__proto__":{"a":2}}')));
  });

  it('gives parsed JSON the same text in every call and process: no identities, keys sorted', () => {
    const body = '{"query":{"table":"t","fields":["a","b"],"modelId":"m"},"cache":"Standard"}';
    expect(contentHash(JSON.parse(body))).toBe('{"cache":"Standard","query":{"fields":["a","b"],"modelId":"m","table":"t"}}');
  });

  it('differs when content differs, arrays keep their order', () => {
    expect(contentHash({ a: [1, 2] })).not.toBe(contentHash({ a: [2, 1] }));
    expect(contentHash({ a: 1 })).not.toBe(contentHash({ a: '1' }));
    expect(contentHash({ a: 1n })).not.toBe(contentHash({ a: 2n }));
    expect(contentHash({ a: 1n })).toBe(contentHash({ a: BigInt(1) }));
  });

  it('counts class instances and functions by identity, not by what JSON would print', () => {
    class Schema {
      constructor(readonly shape: string) {}
    }
    const one = new Schema('x');
    expect(contentHash({ rows: one })).toBe(contentHash({ rows: one }));
    expect(contentHash({ rows: one })).not.toBe(contentHash({ rows: new Schema('x') }));
    const f = () => 1;
    expect(contentHash([f])).toBe(contentHash([f]));
    expect(contentHash([f])).not.toBe(contentHash([() => 1]));
  });

  it('describes the canonical form: a query and its canonical copy hash alike, and the key holds the copy', () => {
    const query = { table: 't', modelId: 'm', fields: ['t.a'], filters: { z: 1, a: 2 } };
    expect(contentHash(canonicalQuery(query))).toBe(contentHash(query));
    expect(Object.keys(runQueryKey(client, query)[3])).toEqual(['fields', 'filters', 'modelId', 'table']);
  });
});

describe('planOmniQuery', () => {
  it('takes the query object itself and keys its run by content', () => {
    const a = planOmniQuery(client as never, { modelId: 'm', table: 't', fields: ['t.a'] }, {});
    const b = planOmniQuery(client as never, { fields: ['t.a'], table: 't', modelId: 'm' }, { cache: undefined });
    expect(a.plan).toEqual({ kind: 'ready' });
    expect(a.runKey).toBe(b.runKey);
    expect(a.runKey).toBe(contentHash(a.run?.queryKey));
    expect(planOmniQuery(client as never, undefined, {}).plan).toEqual({ kind: 'idle' });
    expect(planOmniQuery(client as never, { modelId: 'm' }, {}).plan.kind).toBe('invalid');
  });
});

describe('pickOmniQueryOptions', () => {
  it('keeps the query options that are set and drops a hook’s own', () => {
    const picked = pickOmniQueryOptions({
      cache: 'SkipCache',
      branchId: undefined,
      int64: 'bigint',
      gcTime: 10,
      includeInternalColumns: true,
      // a hook's options hold more than the query's
      ...({ enabled: false, client: {} } as object),
    });
    expect(picked).toEqual({ cache: 'SkipCache', int64: 'bigint', gcTime: 10, includeInternalColumns: true });
  });
});
