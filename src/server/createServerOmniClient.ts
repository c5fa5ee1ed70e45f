import { createOmniClient } from '../client/createOmniClient.js';
import type { OmniClient } from '../client/OmniClient.js';
import type { OmniProxyHandler } from './OmniProxyOptions.js';
import { browserHeaders, toHeaders, type IncomingHeaders } from './browserHeaders.js';

/** Options of {@link createServerOmniClient}. */
export interface ServerOmniClientOptions {
  /**
   * The headers of the request being rendered (in Next.js, `await headers()`), so that the proxy's
   * `authorize` sees the user's session cookie as it would from the browser. A `Headers` object or a
   * plain record. Only what a browser sends to the proxy is passed on: `Host`, `Content-Length`,
   * `Content-Type` and hop-by-hop headers are dropped. Default: none (an anonymous request).
   */
  headers?: IncomingHeaders | undefined;
}

/** The origin of the in-process requests when the incoming headers name no usable `Host`. */
const FALLBACK_ORIGIN = 'http://localhost';

/**
 * An {@link OmniClient} for server code (a React Server Component, a loader) that calls `proxy`
 * in-process: no HTTP hop, and the same `authorize`, budget and checks as a browser's request.
 *
 * Its `key` is `proxy.basePath`, the key of the browser's `createOmniClient({ baseUrl: '/api/omni' })`,
 * so what the server prefetches (`queryClient.prefetchQuery(omniQueryOptions(serverClient, query))`)
 * is what the browser's hooks find after hydration. The token stays inside the proxy: it is in no
 * key, no dehydrated state and no HTML.
 *
 * Create one per incoming request (it carries that request's headers). It keeps no request budget of
 * its own: the proxy keeps the key's.
 *
 * @throws TypeError (synchronously) when `proxy` is not a handler made by `createOmniProxy`.
 */
export function createServerOmniClient(proxy: OmniProxyHandler, options: ServerOmniClientOptions = {}): OmniClient {
  if (typeof proxy !== 'function' || typeof proxy.basePath !== 'string') {
    throw new TypeError('createServerOmniClient: `proxy` must be the handler createOmniProxy returned.');
  }
  const all = toHeaders(options.headers);
  const origin = originOf(all);
  const incoming = browserHeaders(all);
  const inProcessFetch: typeof fetch = async (input, init) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url, origin);
    const headers = new Headers(incoming);
    // The client's own headers (Accept, Content-Type) win over the page request's.
    new Headers(init?.headers).forEach((value, name) => headers.set(name, value));
    return proxy(
      new Request(url, {
        method: init?.method ?? 'GET',
        headers,
        body: init?.body ?? null,
        ...(init?.signal === undefined || init.signal === null ? {} : { signal: init.signal }),
      }),
    );
  };
  return createOmniClient({ baseUrl: proxy.basePath, fetch: inProcessFetch, rateLimit: false });
}

/** `http(s)://host` of the page request, so that `request.url` in `authorize` looks like the browser's. */
function originOf(headers: Headers): string {
  const host = headers.get('x-forwarded-host') ?? headers.get('host');
  const proto = headers.get('x-forwarded-proto') === 'https' ? 'https' : 'http';
  if (host === null) return FALLBACK_ORIGIN;
  try {
    const url = new URL(`${proto}://${host.split(',')[0]!.trim()}`);
    return url.pathname === '/' && url.search === '' ? url.origin : FALLBACK_ORIGIN;
  } catch {
    return FALLBACK_ORIGIN;
  }
}
