import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

/** The fake Omni instance the proxy under test forwards to. */
export const OMNI = 'https://omni.test';
export const WAIT_URL = `${OMNI}/api/v1/query/wait`;
export const RUN_URL = `${OMNI}/api/v1/query/run`;
/** Omni's URL for a document's queries, the identifier encoded as one path segment. */
export const documentQueriesUrl = (identifier: string): string =>
  `${OMNI}/api/v1/documents/${encodeURIComponent(identifier)}/queries`;
/** The identifier the fake Omni knows no document for: it answers 404. */
export const MISSING_DOCUMENT = 'no-such-document';
/** The app the browser talks to; the proxy is mounted at `${APP}/api/omni`. */
export const APP = 'https://app.test';
export const BASE_PATH = '/api/omni';
/** The server's Omni key: must never come back to the client in any form. */
export const SERVER_TOKEN = 'omni_osk_SERVER-SECRET-4b1d9e';

/** What the fake Omni received, one entry per request that reached it. */
export interface ReceivedRequest {
  method: string;
  url: URL;
  headers: Headers;
  /** The request body as text; `''` when there was none. */
  body: Promise<string>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export const bytes = (text: string): Uint8Array => encoder.encode(text);
export const text = (chunk: Uint8Array | undefined): string => decoder.decode(chunk);

/** A document's queries as Omni lists them; the identifier shows up in each `url`. */
export function documentQueriesFor(identifier: string) {
  return {
    queries: [
      {
        id: 'q-1',
        name: 'Revenue by month',
        query: { modelId: 'm-1', table: 'order_items', fields: ['order_items.created_at[month]', 'order_items.total_revenue'] },
        queryIdentifierMapKey: '1',
        url: `https://org.omni.co/w/${encodeURIComponent(identifier)}?key=1`,
      },
    ],
  };
}

/** A wait answer as Omni sends it: one NDJSON job line per id, then the footer. */
export function ndjsonFor(jobIds: readonly string[]): string {
  const lines = jobIds.map((id) => JSON.stringify({ job_id: id, status: 'COMPLETE', result: '/////' }));
  return `${[...lines, JSON.stringify({ remaining_job_ids: [], timed_out: 'false' })].join('\n')}\n`;
}

/**
 * Starts msw for one test file with a fake Omni that answers the three endpoints, and records every
 * request that reaches msw (any host, any path), so tests can assert what did, and did not, go out.
 * Tests override answers with `server.use(...)`; overrides are reset after each test.
 */
export function setupOmniUpstream() {
  const received: ReceivedRequest[] = [];
  const server = setupServer(
    http.get(WAIT_URL, ({ request }) => {
      const raw = new URL(request.url).searchParams.get('job_ids');
      const ids = raw === null ? [] : (JSON.parse(raw) as string[]);
      return new HttpResponse(ndjsonFor(ids), { headers: { 'content-type': 'text/ndjson' } });
    }),
    http.get(`${OMNI}/api/v1/documents/:identifier/queries`, ({ request }) => {
      const segment = new URL(request.url).pathname.split('/')[4] ?? '';
      const identifier = decodeURIComponent(segment);
      return identifier === MISSING_DOCUMENT
        ? HttpResponse.json({ error: { code: 404, message: 'Document not found' } }, { status: 404 })
        : HttpResponse.json(documentQueriesFor(identifier));
    }),
    http.post(
      RUN_URL,
      () =>
        new HttpResponse(`${JSON.stringify({ jobs_submitted: { j1: null } })}\n${ndjsonFor(['j1'])}`, {
          headers: { 'content-type': 'text/ndjson' },
        }),
    ),
  );
  server.events.on('request:start', ({ request }) => {
    const url = new URL(request.url);
    // The Node adapter's test talks to its own server on loopback: that is not Omni.
    if (url.hostname === '127.0.0.1') return;
    received.push({ method: request.method, url, headers: new Headers(request.headers), body: request.clone().text() });
  });
  beforeAll(() =>
    server.listen({
      onUnhandledRequest: (request, print) => {
        // Loopback is the Node adapter's own test server: let it through; anything else is a bug.
        if (new URL(request.url).hostname !== '127.0.0.1') print.error();
      },
    }),
  );
  afterEach(() => {
    server.resetHandlers();
    received.length = 0;
  });
  afterAll(() => server.close());
  return { server, received };
}

/** A proxied URL as the browser would request it. */
export function appUrl(path: string): string {
  return `${APP}${BASE_PATH}${path}`;
}

/** `?job_ids=` as the browser client sends it: the documented URL-encoded JSON array. */
export function jobIdsQuery(ids: readonly string[]): string {
  return `?job_ids=${encodeURIComponent(JSON.stringify(ids))}`;
}

/** Everything a response exposes to the browser, as one string, for leak searches. */
export async function exposedText(response: Response): Promise<string> {
  const headers = [...response.headers].map(([name, value]) => `${name}: ${value}`).join('\n');
  return `${response.status}\n${headers}\n\n${await response.text()}`;
}

/**
 * The global (msw) fetch, with a spy on the body of the response it hands the proxy, telling whether
 * the proxy cancelled it. (msw keeps a clone of each mocked body, so a cancel reaches the handler's
 * own stream only once that clone is garbage collected: not something a test can wait for.)
 */
export function spyingFetch() {
  let resolveCancelled!: (reason: unknown) => void;
  const cancelled = new Promise<unknown>((resolve) => {
    resolveCancelled = resolve;
  });
  const spy: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    if (response.body === null) return response;
    const reader = response.body.getReader();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      cancel(reason) {
        resolveCancelled(reason ?? 'cancelled');
        // Not awaited: msw's clone of the body keeps the source alive (see above).
        reader.cancel(reason).catch(() => undefined);
      },
    });
    return new Response(body, response);
  };
  return { fetch: spy, cancelled };
}

/**
 * The proxy as a plain forwarder, as it was before the gateway: no sharing, and waits for ids it did
 * not issue forwarded. The tests that spread it are about forwarding itself (streaming, headers,
 * budgets, failures) and wait for made-up ids; test/server/gateway covers sharing and job-id binding.
 */
export const PLAIN_FORWARDING = { share: false, foreignJobIds: 'forward' } as const;
