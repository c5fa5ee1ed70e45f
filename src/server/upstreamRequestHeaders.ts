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
  const hopByHop = new Set((incoming.get('connection') ?? '').split(',').map((name) => name.trim().toLowerCase()));
  const accept = incoming.get('accept');
  if (accept !== null && !hopByHop.has('accept')) headers.set('accept', accept);
  if (hasJsonBody) headers.set('content-type', 'application/json');
  headers.set('authorization', `Bearer ${token}`);
  return headers;
}
