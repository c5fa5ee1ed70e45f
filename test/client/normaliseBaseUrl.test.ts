import { describe, expect, it } from 'vitest';
import { createOmniClient } from '../../src/client/createOmniClient.js';
import { normaliseBaseUrl } from '../../src/client/normaliseBaseUrl.js';

describe('normaliseBaseUrl', () => {
  it.each([
    ['https://acme.omniapp.co', 'https://acme.omniapp.co'],
    ['https://acme.omniapp.co/', 'https://acme.omniapp.co'],
    ['  https://ACME.omniapp.co//  ', 'https://acme.omniapp.co'],
    ['https://app.example.com/api/omni/', 'https://app.example.com/api/omni'],
    ['http://localhost:6006', 'http://localhost:6006'],
    ['/api/omni/', '/api/omni'],
    ['/', ''],
    ['/api', '/api'],
  ])('%j → %j', (input, output) => {
    expect(normaliseBaseUrl(input)).toBe(output);
  });

  it.each([
    undefined,
    null,
    42,
    '',
    'acme.omniapp.co',
    'https://acme.omniapp.co/?x=1',
    'https://acme.omniapp.co/#top',
    'https://exa mple.com',
  ])('rejects %j with a TypeError', (input) => {
    expect(() => normaliseBaseUrl(input)).toThrow(TypeError);
  });

  it('is the client key, so equal instances share cache entries and the key has no token', () => {
    const a = createOmniClient({ baseUrl: 'https://acme.omniapp.co/', token: 'omni_osk_a' });
    const b = createOmniClient({ baseUrl: 'https://acme.omniapp.co', token: () => 'omni_osk_b' });
    expect(a.key).toBe('https://acme.omniapp.co');
    expect(b.key).toBe(a.key);
  });
});
