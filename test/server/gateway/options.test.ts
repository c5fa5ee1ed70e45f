import { describe, expect, it } from 'vitest';
import { createMemoryStore, createOmniProxy, DEFAULT_PROXY_SHARE, type OmniProxyOptions } from '../../../src/server.js';
import { OMNI, SERVER_TOKEN } from '../omniUpstream.js';

const base = { baseUrl: OMNI, token: SERVER_TOKEN };

describe('createOmniProxy gateway options', () => {
  it('shares by default: results for a minute, up to 32 MiB each, waits held 25 s', () => {
    expect(DEFAULT_PROXY_SHARE).toEqual({ resultTtlMs: 60_000, maxResultBytes: 32 * 1024 * 1024, holdMs: 25_000 });
  });

  it('accepts a store, share settings or false, a partition, foreignJobIds and rewriteRun', () => {
    expect(() =>
      createOmniProxy({
        ...base,
        store: createMemoryStore({ maxBytes: 1024 }),
        share: { resultTtlMs: 1, maxResultBytes: 1, holdMs: 1 },
        partition: () => 'tenant',
        foreignJobIds: 'forward',
        rewriteRun: (body) => body,
      }),
    ).not.toThrow();
    expect(() => createOmniProxy({ ...base, share: false })).not.toThrow();
  });

  it.each([
    ['a store missing methods', { store: { get: () => undefined } }, /`store` must be a gateway store/],
    ['share: true', { share: true }, /`share` must be/],
    ['a zero resultTtlMs', { share: { resultTtlMs: 0 } }, /`share.resultTtlMs` must be a positive, finite number/],
    ['an infinite holdMs', { share: { holdMs: Infinity } }, /`share.holdMs`/],
    ['a negative maxResultBytes', { share: { maxResultBytes: -1 } }, /`share.maxResultBytes`/],
    ['a partition that is a string', { partition: 'tenant' }, /`partition` must be a function/],
    ['rewriteRun that is an object', { rewriteRun: {} }, /`rewriteRun` must be a function/],
    ['foreignJobIds: allow', { foreignJobIds: 'allow' }, /`foreignJobIds` must be 'refuse' or 'forward'/],
  ])('refuses %s with a TypeError that says what is wrong', (_name, extra, message) => {
    expect(() => createOmniProxy({ ...base, ...extra } as unknown as OmniProxyOptions)).toThrow(TypeError);
    expect(() => createOmniProxy({ ...base, ...extra } as unknown as OmniProxyOptions)).toThrow(message);
  });
});
