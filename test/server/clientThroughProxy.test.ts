import { describe, expect, it } from 'vitest';
import { createOmniClient, isOmniError, type OmniClient } from '../../src/index.js';
import { createOmniProxy, type OmniProxyHandler, type OmniProxyOptions } from '../../src/server.js';
import {
  APP,
  BASE_PATH,
  MISSING_DOCUMENT,
  OMNI,
  SERVER_TOKEN,
  documentQueriesFor,
  documentQueriesUrl,
  setupOmniUpstream,
} from './omniUpstream.js';
import { PLAIN_FORWARDING } from './omniUpstream.js';

const { received } = setupOmniUpstream();

/** The browser client, configured as in production (same-origin path, no token), talking to the proxy. */
function clientThrough(proxy: OmniProxyHandler, baseUrl = BASE_PATH): OmniClient {
  return createOmniClient({
    baseUrl,
    // What the browser does with a relative URL: resolve it against the page's origin, send it to the app.
    fetch: (input, init) => proxy(new Request(new URL(String(input), APP), init)),
  });
}

function proxyWith(options: Partial<OmniProxyOptions> = {}): OmniProxyHandler {
  return createOmniProxy({ ...PLAIN_FORWARDING, baseUrl: OMNI, token: SERVER_TOKEN, basePath: BASE_PATH, ...options });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('the browser client through the proxy', () => {
  it('waits for jobs with the server token added, whatever characters the ids hold', async () => {
    const ids = ['plain', 'with "quotes"', 'a,b', 'ünï 🚀'];

    const answer = await clientThrough(proxyWith()).wait(ids);

    expect(answer.jobs.map((job) => job.jobId)).toEqual(ids);
    expect(answer.remainingJobIds).toEqual([]);
    expect(received.map(({ headers }) => headers.get('authorization'))).toEqual([`Bearer ${SERVER_TOKEN}`]);
  });

  it('runs a query: the client’s JSON content type passes the proxy’s check', async () => {
    const answer = await clientThrough(proxyWith()).run({
      query: { modelId: 'm-1', table: 'order_items', fields: ['order_items.count'] },
    });

    expect(answer.jobsSubmitted).toEqual({ j1: null });
    expect(JSON.parse(await received[0]!.body)).toEqual({
      query: { modelId: 'm-1', table: 'order_items', fields: ['order_items.count'] },
    });
  });

  it('lists a document’s queries, whatever characters its identifier holds', async () => {
    const identifier = 'Sales board · ünï 🚀 @evil.example?x#y';

    const queries = await clientThrough(proxyWith()).documentQueries(identifier);

    expect(queries.map(({ id, name, url }) => ({ id, name, url }))).toEqual(
      documentQueriesFor(identifier).queries.map(({ id, name, url }) => ({ id, name, url })),
    );
    expect(received.map(({ url }) => url.href)).toEqual([documentQueriesUrl(identifier)]);
  });

  it('turns Omni’s 404 for a missing document into an http OmniError 404', async () => {
    const error = await rejection(clientThrough(proxyWith()).documentQueries(MISSING_DOCUMENT));

    expect(isOmniError(error, 'http') && error.status).toBe(404);
    expect((error as Error).message).toContain('Document not found');
  });

  it('turns the proxy’s own errors into readable http OmniErrors', async () => {
    const wrongMount = await rejection(clientThrough(proxyWith(), '/api/other').wait(['a']));
    const forbidden = await rejection(clientThrough(proxyWith({ authorize: () => false })).wait(['a']));

    expect(isOmniError(wrongMount, 'http') && wrongMount.status).toBe(404);
    expect((wrongMount as Error).message).toContain('this proxy forwards only');
    expect(isOmniError(forbidden, 'http') && forbidden.status).toBe(403);
    expect((forbidden as Error).message).toContain('Forbidden');
    for (const error of [wrongMount, forbidden]) expect(JSON.stringify(error) + String(error)).not.toContain(SERVER_TOKEN);
    expect(received).toEqual([]);
  });
});
