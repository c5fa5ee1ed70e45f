/**
 * The headers sent back to the browser: Omni's `Content-Type` (when it is a safe text type) and
 * `Retry-After`, plus the proxy's own cache and sniffing policy. Nothing else passes: no
 * `Set-Cookie`, no `Content-Length` or `Content-Encoding` (fetch has already decompressed the body,
 * so both would be wrong), no server or infrastructure headers.
 *
 * `Cache-Control` is always `no-store`, whatever Omni says: the answer was authorized for this user by
 * the app, so no shared cache (CDN, reverse proxy) may keep it for the next one.
 */
export function downstreamResponseHeaders(upstream: Headers): Headers {
  const headers = new Headers({ 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
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
