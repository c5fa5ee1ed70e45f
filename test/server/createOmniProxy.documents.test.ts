import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createOmniProxy, type OmniProxyCall } from '../../src/server.js';
import {
  APP,
  BASE_PATH,
  MISSING_DOCUMENT,
  OMNI,
  SERVER_TOKEN,
  appUrl,
  documentQueriesFor,
  documentQueriesUrl,
  exposedText,
  setupOmniUpstream,
} from './omniUpstream.js';

const { server, received } = setupOmniUpstream();
const proxy = createOmniProxy({ baseUrl: OMNI, token: SERVER_TOKEN, basePath: BASE_PATH });

/** The proxied URL the browser client requests for a document, its identifier encoded as the client encodes it. */
const documentUrl = (identifier: string) => appUrl(`/api/v1/documents/${encodeURIComponent(identifier)}/queries`);

async function omniError(response: Response): Promise<{ code: number; message: string }> {
  expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  const body = (await response.json()) as { error: { code: number; message: string } };
  expect(body.error.code).toBe(response.status);
  return body.error;
}

describe('createOmniProxy: GET /api/v1/documents/{identifier}/queries', () => {
  it('forwards to Omni’s fixed path with the server token and passes the list through', async () => {
    const response = await proxy(
      new Request(documentUrl('sales-dashboard'), {
        headers: { authorization: 'Bearer CLIENT', cookie: 's=1', accept: 'application/json' },
      }),
    );

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual(documentQueriesFor('sales-dashboard'));
    expect(received).toHaveLength(1);
    const [upstream] = received;
    expect(upstream?.method).toBe('GET');
    expect(upstream?.url.href).toBe(documentQueriesUrl('sales-dashboard'));
    expect([...upstream!.headers]).toEqual([
      ['accept', 'application/json'],
      ['authorization', `Bearer ${SERVER_TOKEN}`],
    ]);
  });

  it.each([
    ['a uuid', '0b7e6a4c-5f0e-4a43-9a55-3b6f6d1c2e11'],
    ['unicode and spaces', 'ünï cødé 🚀'],
    ['an encoded ? and #', 'a?b#c'],
    ['an @ that would make a host of a naive join', '@evil.example'],
    ['a colon', 'https:evil.example'],
    ['a ;parameter', 'doc;jsessionid=1'],
    ['three dots', '...'],
    ['a dot inside', 'v1.2'],
    ['512 characters', 'a'.repeat(512)],
  ])('sends an identifier with %s to Omni as one encoded segment of the fixed path', async (_name, identifier) => {
    const response = await proxy(new Request(documentUrl(identifier)));

    expect(response.status).toBe(200);
    expect(received).toHaveLength(1);
    const upstream = received[0]!.url;
    expect(upstream.origin).toBe(OMNI);
    expect(upstream.pathname).toBe(`/api/v1/documents/${encodeURIComponent(identifier)}/queries`);
    expect(upstream.search).toBe('');
  });

  it('hands authorize the decoded identifier, and forwards nothing when it refuses', async () => {
    const calls: OmniProxyCall[] = [];
    const guarded = createOmniProxy({
      baseUrl: OMNI,
      token: SERVER_TOKEN,
      basePath: BASE_PATH,
      authorize: (_request, call) => {
        calls.push(call);
        return call.endpoint === 'documentQueries' && call.identifier === 'allowed doc';
      },
    });

    expect((await guarded(new Request(documentUrl('allowed doc')))).status).toBe(200);
    expect((await guarded(new Request(documentUrl('secret')))).status).toBe(403);

    expect(calls).toEqual([
      { endpoint: 'documentQueries', identifier: 'allowed doc' },
      { endpoint: 'documentQueries', identifier: 'secret' },
    ]);
    expect(received).toHaveLength(1);
  });

  it('passes Omni’s 404 for a missing document through with its body', async () => {
    const response = await proxy(new Request(documentUrl(MISSING_DOCUMENT)));

    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: 404, message: 'Document not found' } });
    expect(received).toHaveLength(1);
  });

  it('redacts the server token from an error body that echoes it', async () => {
    server.use(
      http.get(`${OMNI}/api/v1/documents/:identifier/queries`, ({ request }) =>
        HttpResponse.json({ detail: `denied for ${request.headers.get('authorization')}`, status: 403 }, { status: 403 }),
      ),
    );

    const response = await proxy(new Request(documentUrl('doc')));
    const exposed = await exposedText(response);

    expect(response.status).toBe(403);
    expect(exposed).not.toContain(SERVER_TOKEN);
    expect(exposed).toContain('denied for Bearer [redacted]');
  });

  it('answers a query string 400 without calling Omni', async () => {
    const response = await proxy(new Request(`${documentUrl('doc')}?userId=u-1`));

    expect(response.status).toBe(400);
    expect((await omniError(response)).message).toContain('no query string');
    expect(received).toEqual([]);
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'])('answers %s with 405 and Allow: GET', async (method) => {
    const hasBody = method !== 'HEAD' && method !== 'OPTIONS';
    const response = await proxy(
      new Request(documentUrl('doc'), {
        method,
        ...(hasBody ? { body: '{}', headers: { 'content-type': 'application/json' } } : {}),
      }),
    );

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
    expect(received).toEqual([]);
  });
});

const documents = `${APP}${BASE_PATH}/api/v1/documents`;

// Raw URLs, parsed by `new Request` as a runtime parses an incoming request. Some are rewritten by
// the URL parser into another path (404), the rest reach the identifier check (400); none reaches Omni.
const identifierTricks: [name: string, url: string, status: 400 | 404][] = [
  ['an empty identifier', `${documents}//queries`, 400],
  ['a .. identifier (resolved by the URL parser)', `${documents}/../queries`, 404],
  ['a . identifier (resolved by the URL parser)', `${documents}/./queries`, 404],
  ['a %2e%2e identifier', `${documents}/%2e%2e/queries`, 404],
  ['a .%2E identifier', `${documents}/.%2E/queries`, 404],
  ['a %2e identifier', `${documents}/%2e/queries`, 404],
  ['a doubly encoded .. (%252e%252e)', `${documents}/%252e%252e/queries`, 400],
  ['a doubly encoded slash (%252F)', `${documents}/a%252Fb/queries`, 400],
  ['a raw slash', `${documents}/a/b/queries`, 400],
  ['.. climbing inside the identifier', `${documents}/a/../../admin/x/queries`, 404],
  ['an encoded slash', `${documents}/a%2Fb/queries`, 400],
  ['an encoded slash, lower case', `${documents}/a%2fb/queries`, 400],
  ['encoded slashes and dots', `${documents}/%2F..%2F..%2Fadmin/queries`, 400],
  ['.. with encoded slashes', `${documents}/..%2F..%2Fadmin/queries`, 400],
  ['an encoded backslash', `${documents}/a%5Cb/queries`, 400],
  ['an encoded backslash, lower case', `${documents}/..%5c..%5cadmin/queries`, 400],
  ['a raw backslash (a slash to the URL parser)', `${documents}/a\\b/queries`, 400],
  ['backslashes with ..', `${documents}/..\\..\\admin/queries`, 404],
  ['a protocol-relative host', `${documents}//evil.example/queries`, 400],
  ['an encoded URL', `${documents}/https:%2F%2Fevil.example/queries`, 400],
  ['an encoded NUL', `${documents}/a%00/queries`, 400],
  ['an encoded newline (header injection)', `${documents}/a%0D%0AHost:evil/queries`, 400],
  ['an encoded tab', `${documents}/a%09b/queries`, 400],
  ['an encoded DEL', `${documents}/a%7F/queries`, 400],
  ['an encoded C1 control', `${documents}/a%C2%85/queries`, 400],
  ['invalid UTF-8', `${documents}/a%FF/queries`, 400],
  ['a lone %', `${documents}/100%/queries`, 400],
  ['an identifier of 513 characters', `${documents}/${'a'.repeat(513)}/queries`, 400],
  ['a blank identifier', `${documents}/%20%20/queries`, 400],
  ['a very long encoded identifier', `${documents}/${'%41'.repeat(1000)}/queries`, 400],
  ['a trailing slash', `${documents}/doc/queries/`, 404],
  ['a longer path', `${documents}/doc/queries/extra`, 404],
  ['no /queries', `${documents}/doc`, 404],
  ['the documents list', documents, 404],
  ['upper case', `${APP}${BASE_PATH}/API/V1/DOCUMENTS/doc/QUERIES`, 404],
  ['an encoded /queries', `${documents}/doc%2Fqueries`, 404],
  ['without basePath', `${APP}/api/v1/documents/doc/queries`, 404],
];

describe('createOmniProxy document identifier checks', () => {
  it.each(identifierTricks)('refuses %s and sends nothing upstream (%s)', async (_name, url, status) => {
    const response = await proxy(new Request(url));

    expect(response.status).toBe(status);
    const error = await omniError(response);
    if (status === 400) expect(error.message).toContain('document identifier');
    expect(received).toEqual([]);
  });

  it('sees the tricks the URL parser leaves alone (the table is not vacuous)', () => {
    expect(new URL(`${documents}/a%2Fb/queries`).pathname).toBe(`${BASE_PATH}/api/v1/documents/a%2Fb/queries`);
    expect(new URL(`${documents}/%252e%252e/queries`).pathname).toBe(`${BASE_PATH}/api/v1/documents/%252e%252e/queries`);
    expect(new URL(`${documents}/a\\b/queries`).pathname).toBe(`${BASE_PATH}/api/v1/documents/a/b/queries`);
  });
});
