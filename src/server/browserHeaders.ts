import { namedByConnection } from './headers.js';

/**
 * Headers that describe one connection or one request body, not the user: a request the server
 * client makes in-process has neither, so none of them is passed on.
 */
const notForwarded = new Set([
  'host',
  'content-length',
  'content-type',
  'content-encoding',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'upgrade',
  'expect',
  'http2-settings',
]);

/** The incoming headers, as `createServerOmniClient` accepts them. */
export type IncomingHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/** `source` as a `Headers` object: array values joined with `, `, `undefined` dropped. */
export function toHeaders(source: IncomingHeaders | undefined): Headers {
  const headers = new Headers();
  if (source === undefined || source === null) return headers;
  if (isHeadersLike(source)) {
    source.forEach((value, name) => headers.append(name, value));
    return headers;
  }
  for (const [name, value] of Object.entries(source)) {
    if (value === undefined) continue;
    headers.append(name, typeof value === 'string' ? value : value.join(', '));
  }
  return headers;
}

/**
 * The headers of a page request that a browser would also send to the proxy (cookies, `Authorization`,
 * a CSRF header, `Accept-Language`, …): no `Host`, no `Content-Length` or other body header, no
 * hop-by-hop header (the fixed list, and any the `Connection` header names).
 */
export function browserHeaders(all: Headers): Headers {
  const named = namedByConnection(all);
  const kept = new Headers();
  all.forEach((value, name) => {
    if (!notForwarded.has(name) && !named.has(name)) kept.append(name, value);
  });
  return kept;
}

// Next.js hands out its own Headers class (a subclass, or an adapter in older versions).
function isHeadersLike(value: object): value is Headers {
  return (
    value instanceof Headers || (typeof (value as Headers).forEach === 'function' && typeof (value as Headers).get === 'function')
  );
}
