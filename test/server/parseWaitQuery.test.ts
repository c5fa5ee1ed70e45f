import { describe, expect, it } from 'vitest';
import { parseWaitQuery } from '../../src/server/parseWaitQuery.js';

describe('parseWaitQuery', () => {
  it('rebuilds job_ids as a canonical JSON array, whatever spacing or encoding came in', () => {
    const parsed = parseWaitQuery(`?job_ids=${encodeURIComponent('[ "a" ,\n"b" ]')}`);

    expect(parsed).toEqual({ ok: true, jobIds: ['a', 'b'], search: `?job_ids=${encodeURIComponent('["a","b"]')}` });
  });

  it('encodes spaces as %20, never +, so every server decodes the same ids', () => {
    const parsed = parseWaitQuery(`?job_ids=${encodeURIComponent('["a b+c"]')}`);

    expect(parsed.ok && parsed.search).toBe('?job_ids=%5B%22a%20b%2Bc%22%5D');
  });

  it('reads a + in the incoming query as a space, as form encoding says', () => {
    expect(parseWaitQuery('?jobIds=a+b,c')).toMatchObject({ ok: true, jobIds: ['a b', 'c'], search: '?jobIds=a%20b,c' });
  });

  it('keeps order and duplicates (deduplication is the client’s business)', () => {
    expect(parseWaitQuery(`?job_ids=${encodeURIComponent('["b","a","b"]')}`)).toMatchObject({ jobIds: ['b', 'a', 'b'] });
  });

  it('takes a thousand ids', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);

    const parsed = parseWaitQuery(`?job_ids=${encodeURIComponent(JSON.stringify(ids))}`);

    expect(parsed.ok && parsed.jobIds).toEqual(ids);
  });

  it('refuses a blank id as the client does, in either form (one rule: rules/parseJobIds)', () => {
    expect(parseWaitQuery(`?job_ids=${encodeURIComponent('["a"," "]')}`)).toEqual({
      ok: false,
      message: 'job_ids must be a non-empty JSON array of non-blank strings.',
    });
    expect(parseWaitQuery('?jobIds=a,%20')).toEqual({
      ok: false,
      message: 'jobIds must be a comma-separated list of non-blank job ids.',
    });
    expect(parseWaitQuery('?jobIds=a,,b')).toMatchObject({ ok: false });
  });
});
