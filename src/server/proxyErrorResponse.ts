/** Headers on every answer the proxy writes itself. */
const errorHeaders = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
} as const;

/**
 * An error answer in one of Omni's own shapes, `{"error":{"code":404,"message":"…"}}`, so the browser
 * client turns it into an `OmniError` with the status and a readable message like any Omni error.
 * `message` must be the proxy's own words: never an exception's text, never anything holding the token.
 */
export function proxyErrorResponse(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ error: { code: status, message } }), {
    status,
    headers: { ...errorHeaders, ...headers },
  });
}
