import { describe, expect, it } from 'vitest';
import { createOmniClient } from '../../src/client/createOmniClient.js';
import type { OmniError } from '../../src/errors/OmniError.js';
import { createFakeOmni } from '../../src/testing/createFakeOmni.js';

describe('createOmniClient: a baseUrl that would send requests elsewhere is refused with what to write', () => {
  it.each([
    [
      'acme.omniapp.co',
      'createOmniClient: baseUrl "acme.omniapp.co" has no scheme, so requests would go to a path of the page ' +
        '(/acme.omniapp.co/api/v1/…). Write "https://acme.omniapp.co" for an Omni instance, or a path starting with "/" ' +
        '("/api/omni") for your proxy.',
    ],
    [
      'localhost:8787',
      'createOmniClient: baseUrl "localhost:8787" has no scheme, so requests would go to a path of the page ' +
        '(/localhost:8787/api/v1/…). Write "http://localhost:8787" for an Omni instance, or a path starting with "/" ' +
        '("/api/omni") for your proxy.',
    ],
    [
      'https://acme.omniapp.co/api/v1',
      'createOmniClient: baseUrl must not end in /api/v1: the client adds /api/v1/… itself, so requests would go to ' +
        'https://acme.omniapp.co/api/v1/api/v1/…. Write "https://acme.omniapp.co" instead.',
    ],
    [
      'https://acme.omniapp.co/api/',
      'createOmniClient: baseUrl must not end in /api: the client adds /api/v1/… itself, so requests would go to ' +
        'https://acme.omniapp.co/api/api/v1/…. Write "https://acme.omniapp.co" instead.',
    ],
    [
      '/omni/api/v1',
      'createOmniClient: baseUrl must not end in /api/v1: the client adds /api/v1/… itself, so requests would go to ' +
        '/omni/api/v1/api/v1/…. Write "/omni" instead.',
    ],
    [
      '',
      'createOmniClient: baseUrl is empty. Write the Omni instance\'s origin ("https://acme.omniapp.co"), your ' +
        'proxy\'s path ("/api/omni"), or "/" for the page\'s own origin.',
    ],
    [
      'https://acme.omniapp.co/?region=eu',
      'createOmniClient: baseUrl must not have a query string: the client appends /api/v1/… to it. Write ' +
        '"https://acme.omniapp.co" instead.',
    ],
    [
      '/api/omni#top',
      'createOmniClient: baseUrl must not have a fragment: the client appends /api/v1/… to it. Write "/api/omni" instead.',
    ],
  ])('%j', (baseUrl, message) => {
    expect(() => createOmniClient({ baseUrl })).toThrow(new TypeError(message));
  });

  it("never repeats a query string's values (a key pasted there stays out of the message)", () => {
    expect(() => createOmniClient({ baseUrl: '/api/omni?key=omni_osk_secret' })).toThrow(
      new TypeError(
        'createOmniClient: baseUrl must not have a query string: the client appends /api/v1/… to it. Write "/api/omni" instead.',
      ),
    );
  });

  it('keeps a same-origin proxy mounted at /api, and "/" for the page\'s own origin', () => {
    expect(createOmniClient({ baseUrl: '/api' }).key).toBe('/api');
    expect(createOmniClient({ baseUrl: '/' }).key).toBe('');
  });
});

describe('createOmniClient: an HTTP error names the method and the path requested', () => {
  const BASE = 'https://acme.omniapp.co/proxy';
  const TOKEN = 'omni_osk_SECRET_token_value_123';

  it('names POST and the run path when the answer is a 404 without a body', async () => {
    const omni = createFakeOmni({ baseUrl: 'https://acme.omniapp.co' });
    const error = (await createOmniClient({ baseUrl: BASE, token: TOKEN, fetch: omni.fetch })
      .run({ query: { modelId: 'm', table: 'orders', fields: ['orders.count'] } })
      .catch((e: unknown) => e)) as OmniError;
    expect(error).toMatchObject({ kind: 'http', status: 404 });
    expect(error.message).toBe(`Omni answered 404 (POST ${BASE}/api/v1/query/run): Not Found`);
  });

  it('names GET and the wait path, never the job ids of the query string nor the token', async () => {
    const omni = createFakeOmni({ baseUrl: BASE, token: 'another-token' });
    omni.addJob({ id: 'job-secret-id' });
    const error = (await createOmniClient({ baseUrl: BASE, token: TOKEN, fetch: omni.fetch })
      .wait(['job-secret-id'])
      .catch((e: unknown) => e)) as OmniError;
    expect(error.message).toBe(`Omni answered 403 (GET ${BASE}/api/v1/query/wait): Invalid bearer token`);
    expect(error.message).not.toContain('job-secret-id');
    expect(JSON.stringify(error)).not.toContain(TOKEN);
  });

  it('names the document path of a 404 document', async () => {
    const omni = createFakeOmni({ baseUrl: BASE });
    const error = (await createOmniClient({ baseUrl: BASE, fetch: omni.fetch })
      .documentQueries('sales')
      .catch((e: unknown) => e)) as OmniError;
    expect(error.message).toBe(`Omni answered 404 (GET ${BASE}/api/v1/documents/sales/queries): Document not found`);
  });
});
