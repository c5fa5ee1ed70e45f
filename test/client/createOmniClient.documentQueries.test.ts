import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOmniClient } from '../../src/client/createOmniClient.js';
import { OmniError } from '../../src/errors/OmniError.js';

const BASE = 'https://docs.omniapp.co';
const TOKEN = 'omni_osk_DOCUMENT_SECRET_42';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const QUERY = { modelId: 'm-1', table: 'order_items', fields: ['order_items.count'] };

/** Answers the document list with `body` (JSON) or `status`, recording the raw request URLs. */
function documents(answer: { body?: unknown; status?: number; text?: string }) {
  const urls: string[] = [];
  const headers: Headers[] = [];
  server.use(
    http.get(`${BASE}/api/v1/documents/*`, ({ request }) => {
      urls.push(request.url);
      headers.push(request.headers);
      if (answer.text !== undefined) return new HttpResponse(answer.text, { status: answer.status ?? 200 });
      return HttpResponse.json(answer.body as object, { status: answer.status ?? 200 });
    }),
  );
  return { urls, headers };
}

const client = () => createOmniClient({ baseUrl: BASE, token: TOKEN, rateLimit: false });

describe('OmniClient.documentQueries', () => {
  it('lists the queries in document order, with a missing query as undefined', async () => {
    const seen = documents({
      body: {
        queries: [
          { id: 'q1', name: 'Revenue', query: QUERY, queryIdentifierMapKey: '1', url: 'https://o/w/abc?key=1' },
          { id: 'q2', name: 'Notes', queryIdentifierMapKey: '2', url: 'https://o/w/abc?key=2' },
          { id: 7, name: null, query: null, queryIdentifierMapKey: 3, url: 'https://o/w/abc?key=3', extra: true },
        ],
      },
    });
    const queries = await client().documentQueries('abc123');
    expect(queries).toEqual([
      { id: 'q1', name: 'Revenue', query: QUERY, queryIdentifierMapKey: '1', url: 'https://o/w/abc?key=1' },
      { id: 'q2', name: 'Notes', query: undefined, queryIdentifierMapKey: '2', url: 'https://o/w/abc?key=2' },
      { id: '7', name: '', query: undefined, queryIdentifierMapKey: '3', url: 'https://o/w/abc?key=3' },
    ]);
    expect(seen.urls).toEqual([`${BASE}/api/v1/documents/abc123/queries`]);
    expect(seen.headers[0]!.get('authorization')).toBe(`Bearer ${TOKEN}`);
  });

  it('sends a slug as one encoded path segment', async () => {
    const seen = documents({ body: { queries: [] } });
    await client().documentQueries('sales overview: 2026 ✓');
    expect(seen.urls[0]).toBe(`${BASE}/api/v1/documents/${encodeURIComponent('sales overview: 2026 ✓')}/queries`);
  });

  it.each(['', '   ', '.', '..', '../x', 'a/b', 'a\\b', '%2F', '%2e%2e', 'ok%20', 'tab\there', 'x'.repeat(513), null, 42])(
    'refuses the identifier %j before any request',
    async (identifier) => {
      const seen = documents({ body: { queries: [] } });
      await expect(client().documentQueries(identifier as string)).rejects.toThrow(TypeError);
      expect(seen.urls).toEqual([]);
    },
  );

  it('a missing document is an http error with status 404', async () => {
    documents({ status: 404, body: { detail: 'Document not found', status: 404 } });
    const error = await client()
      .documentQueries('nope')
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OmniError);
    expect(error).toMatchObject({ kind: 'http', status: 404, message: expect.stringContaining('Document not found') });
  });

  it.each([
    [{ queries: [{ id: 'q', name: 'n', queryIdentifierMapKey: '1' }] }, 'queries.0.url'],
    [{ queries: [{ id: 'q', name: 'n', query: 'SELECT 1', queryIdentifierMapKey: '1', url: 'u' }] }, 'queries.0.query'],
    [{ queries: 'none' }, 'queries'],
    [{ documents: [] }, 'queries'],
    [[], 'the body'],
  ])('an unexpected shape is a schema error naming the path (%j → %s)', async (body, path) => {
    documents({ body });
    const error = await client()
      .documentQueries('doc')
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'schema' });
    expect((error as Error).message).toContain(` at ${path}:`);
  });

  it('a body that is not JSON is a schema error that quotes it without the token', async () => {
    documents({ text: `<html>proxy error for Bearer ${TOKEN}</html>` });
    const error = await client()
      .documentQueries('doc')
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'schema', message: expect.stringContaining('proxy error') });
    expect(JSON.stringify(error) + String(error)).not.toContain(TOKEN);
  });
});
