/**
 * Every header the proxy writes: what goes to Omni, what comes back to the browser, and the proxy's
 * own error answers. Kept together because they share one policy: allow-lists in both directions,
 * and `no-store` plus `nosniff` on everything the browser sees.
 */

/**
 * On every answer the browser gets, whatever Omni says. `no-store`: the answer was authorized for
 * this user by the app, so no shared cache (CDN, reverse proxy) may keep it for the next one.
 */
const policyHeaders = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } as const;

/** The headers a request's `Connection` header names as hop-by-hop, lower case: never passed on. */
export function namedByConnection(headers: Headers): Set<string> {
  return new Set((headers.get('connection') ?? '').split(',').map((name) => name.trim().toLowerCase()));
}

/**
 * The headers sent to Omni: the server token, and from the client only `Accept`.
 *
 * An allow-list rather than a block-list, so the client's `Authorization`, `Cookie`,
 * `Proxy-Authorization`, `Host`, `Forwarded`, `X-Forwarded-*`, hop-by-hop headers and anything
 * invented later never reach Omni. `Accept` is dropped too when the client's `Connection` header
 * names it as hop-by-hop.
 */
export function upstreamRequestHeaders(incoming: Headers, token: string, hasJsonBody: boolean): Headers {
  const headers = new Headers();
  const hopByHop = namedByConnection(incoming);
  const accept = incoming.get('accept');
  if (accept !== null && !hopByHop.has('accept')) headers.set('accept', accept);
  if (hasJsonBody) headers.set('content-type', 'application/json');
  headers.set('authorization', `Bearer ${token}`);
  return headers;
}

/**
 * The headers sent back to the browser: Omni's `Content-Type` (when it is a safe text type) and
 * `Retry-After`, plus the proxy's policy headers. Nothing else passes: no `Set-Cookie`, no
 * `Content-Length` or `Content-Encoding` (fetch has already decompressed the body, so both would be
 * wrong), no server or infrastructure headers.
 */
export function downstreamResponseHeaders(upstream: Headers): Headers {
  const headers = new Headers(policyHeaders);
  const contentType = upstream.get('content-type');
  if (contentType !== null) headers.set('content-type', safeContentType(contentType));
  const retryAfter = upstream.get('retry-after');
  if (retryAfter !== null) headers.set('retry-after', retryAfter);
  return headers;
}

/**
 * JSON, NDJSON and plain text pass unchanged; any other type (an HTML error page of a load balancer,
 * say) becomes `text/plain`, so nothing from upstream is ever rendered as a page on the app's origin.
 * The client reads such bodies as text anyway.
 */
function safeContentType(contentType: string): string {
  const essence = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  const safe = /^(application|text)\/([a-z0-9.-]+\+)?(json|x-ndjson|ndjson|jsonl|plain)$/.test(essence);
  return safe ? contentType : 'text/plain; charset=utf-8';
}

/**
 * An error answer in one of Omni's own shapes, `{"error":{"code":404,"message":"…"}}`, so the browser
 * client turns it into an `OmniError` with the status and a readable message like any Omni error.
 * `message` must be the proxy's own words: never an exception's text, never anything holding the token.
 */
export function proxyErrorResponse(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ error: { code: status, message } }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...policyHeaders, ...headers },
  });
}

/** How an answer of the gateway was served; see `OmniProxyOptions.share`. */
export type ProxyCacheStatus = 'hit' | 'shared' | 'miss';

/** The header naming how a run or wait answer was served. */
export const PROXY_CACHE_HEADER = 'x-omni-proxy-cache';

/**
 * An answer the gateway writes itself in Omni's NDJSON wire shape (job lines, footer, maybe a
 * header line), with the same policy headers as a forwarded one.
 */
export function ndjsonResponse(lines: readonly string[], cache: ProxyCacheStatus): Response {
  return new Response(lines.map((line) => `${line}\n`).join(''), {
    status: 200,
    headers: { 'content-type': 'text/ndjson; charset=utf-8', ...policyHeaders, [PROXY_CACHE_HEADER]: cache },
  });
}
