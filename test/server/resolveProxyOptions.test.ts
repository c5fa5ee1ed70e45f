import { describe, expect, it } from 'vitest';
import { createOmniProxy, type OmniProxyOptions } from '../../src/server.js';
import { resolveProxyOptions } from '../../src/server/resolveProxyOptions.js';

const valid: OmniProxyOptions = { baseUrl: 'https://acme.omniapp.co', token: 'omni_osk_SECRET' };

describe('createOmniProxy options', () => {
  it.each([
    ['no options', undefined],
    ['a relative baseUrl', { ...valid, baseUrl: '/api' }],
    ['a baseUrl that is not a URL', { ...valid, baseUrl: 'acme.omniapp.co' }],
    ['plain http to a remote host', { ...valid, baseUrl: 'http://acme.omniapp.co' }],
    ['another scheme', { ...valid, baseUrl: 'ftp://acme.omniapp.co' }],
    ['credentials in baseUrl', { ...valid, baseUrl: 'https://user:pw@acme.omniapp.co' }],
    ['a query in baseUrl', { ...valid, baseUrl: 'https://acme.omniapp.co/?x=1' }],
    ['a bare ? in baseUrl', { ...valid, baseUrl: 'https://acme.omniapp.co/?' }],
    ['a fragment in baseUrl', { ...valid, baseUrl: 'https://acme.omniapp.co/#x' }],
    ['an empty token', { ...valid, token: '' }],
    ['a token that is an object', { ...valid, token: { value: 'x' } }],
    ['a token with a trailing newline', { ...valid, token: 'omni_osk_SECRET\n' }],
    ['a token with a space', { ...valid, token: 'Bearer omni_osk_SECRET' }],
    ['a basePath without a leading slash', { ...valid, basePath: 'api/omni' }],
    ['a basePath with ..', { ...valid, basePath: '/api/../omni' }],
    ['a basePath with a double slash', { ...valid, basePath: '/api//omni' }],
    ['a basePath with an encoded character', { ...valid, basePath: '/api%2Fomni' }],
    ['a basePath with a query', { ...valid, basePath: '/api/omni?x' }],
    ['a zero body cap', { ...valid, maxRequestBodyBytes: 0 }],
    ['a negative response cap', { ...valid, maxResponseBodyBytes: -1 }],
    ['a NaN timeout', { ...valid, timeoutMs: Number.NaN }],
    ['a string timeout', { ...valid, timeoutMs: '60' }],
    ['fetch that is not a function', { ...valid, fetch: 'fetch' }],
    ['authorize that is not a function', { ...valid, authorize: true }],
  ])('throws a TypeError at creation for %s', (_name, options) => {
    expect(() => createOmniProxy(options as OmniProxyOptions)).toThrow(TypeError);
  });

  it('never quotes the token in a creation error', () => {
    let message = '';
    for (const options of [
      { ...valid, baseUrl: 'http://remote.example' },
      { ...valid, token: 'omni_osk_SECRET\r\n' },
    ]) {
      try {
        createOmniProxy(options);
      } catch (error) {
        message += `${String(error)}\n`;
      }
    }
    expect(message).toMatch(/https/);
    expect(message).toMatch(/trailing newline/);
    expect(message).not.toContain('omni_osk_SECRET');
  });

  it('fills in the documented defaults', () => {
    const resolved = resolveProxyOptions(valid);

    expect(resolved).toMatchObject({
      upstreamPrefix: 'https://acme.omniapp.co',
      basePath: '',
      maxRequestBodyBytes: 64 * 1024,
      maxResponseBodyBytes: 256 * 1024 * 1024,
      timeoutMs: 60_000,
    });
  });

  it.each([
    ['https://acme.omniapp.co/', '', 'https://acme.omniapp.co', ''],
    ['https://gw.example/omni/', '/api/omni/', 'https://gw.example/omni', '/api/omni'],
    ['http://localhost:8080', '/', 'http://localhost:8080', ''],
    ['http://127.0.0.1:9', '/x', 'http://127.0.0.1:9', '/x'],
    ['http://[::1]:9', '/omni.v2', 'http://[::1]:9', '/omni.v2'],
  ])('normalises baseUrl %s and basePath %s', (baseUrl, basePath, upstreamPrefix, normalisedPath) => {
    expect(resolveProxyOptions({ ...valid, baseUrl, basePath })).toMatchObject({ upstreamPrefix, basePath: normalisedPath });
  });

  it('accepts Infinity to turn the response cap and the timeout off', () => {
    expect(resolveProxyOptions({ ...valid, maxResponseBodyBytes: Infinity, timeoutMs: Infinity })).toMatchObject({
      maxResponseBodyBytes: Infinity,
      timeoutMs: Infinity,
    });
  });
});
