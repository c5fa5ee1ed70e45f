import { proxyErrorResponse } from './headers.js';
import type { OmniProxyCors } from './OmniProxyOptions.js';

/** {@link OmniProxyCors} checked at creation. */
export interface ResolvedCors {
  /** Listed origins, exactly as browsers send them in `Origin`. */
  origins: ReadonlySet<string>;
  credentials: boolean;
}

/** How long a browser may reuse a preflight answer, in seconds (Chromium caps it at 7200). */
export const PREFLIGHT_MAX_AGE_SECONDS = 600;

/** `Access-Control-Request-Headers`: a comma list of header names (RFC 9110 tokens). */
const headerNameList = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+(\s*,\s*[!#$%&'*+.^_`|~0-9A-Za-z-]+)*$/;

/**
 * Validates the `cors` option. Each origin must be what a browser puts in `Origin`, so that the
 * exact string comparison per request is the whole check: no wildcard, no path, no trailing `/`.
 * @throws TypeError for anything else.
 */
export function resolveCors(cors: unknown): ResolvedCors | undefined {
  if (cors === undefined) return undefined;
  const shape = new TypeError('createOmniProxy: `cors` must be { origins: string[], credentials?: boolean }.');
  if (typeof cors !== 'object' || cors === null) throw shape;
  const { origins, credentials } = cors as Partial<OmniProxyCors>;
  if (!Array.isArray(origins) || (credentials !== undefined && typeof credentials !== 'boolean')) throw shape;
  for (const origin of origins as unknown[]) {
    if (!isSerializedOrigin(origin)) {
      throw new TypeError(
        `createOmniProxy: \`cors.origins\` holds ${JSON.stringify(origin)}; each must be an origin such as https://app.example.com (scheme, host and port only, no wildcard).`,
      );
    }
  }
  return { origins: new Set(origins as string[]), credentials: credentials === true };
}

function isSerializedOrigin(origin: unknown): origin is string {
  if (typeof origin !== 'string') return false;
  try {
    const url = new URL(origin);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === origin;
  } catch {
    return false;
  }
}

/**
 * The answer to an `OPTIONS` request when `cors` is set, for a path the proxy serves: 204 with the
 * CORS grant for a listed origin, 403 without any CORS header for every other origin (and for an
 * `OPTIONS` without `Origin`, which no browser preflight is).
 *
 * The requested headers are echoed rather than listed in advance: the proxy forwards none of them to
 * Omni (its upstream headers are an allow-list), so allowing them only lets the page's CSRF or auth
 * header reach `authorize`.
 */
export function preflightResponse(request: Request, cors: ResolvedCors): Response {
  const origin = request.headers.get('origin');
  const vary = 'Origin, Access-Control-Request-Headers';
  if (origin === null || !cors.origins.has(origin)) {
    return proxyErrorResponse(403, 'Cross-origin requests from this origin are not allowed.', { vary });
  }
  const headers = new Headers({
    vary,
    'access-control-allow-origin': origin,
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-max-age': String(PREFLIGHT_MAX_AGE_SECONDS),
    'cache-control': 'no-store',
  });
  const requested = request.headers.get('access-control-request-headers')?.trim() ?? '';
  if (headerNameList.test(requested)) headers.set('access-control-allow-headers', requested.toLowerCase());
  if (cors.credentials) headers.set('access-control-allow-credentials', 'true');
  return new Response(null, { status: 204, headers });
}

/**
 * Adds the CORS headers to an answer: `Vary: Origin` always (the answer depends on it), and for a listed
 * origin the grant, with `Retry-After` exposed (it is not a CORS-safelisted header, and the client
 * needs it to honour a 429).
 *
 * The answer is copied rather than changed: one built by the app's `authorize` may have immutable
 * headers (`Response.redirect`). An answer that cannot be copied (`Response.error()`) is returned as it is.
 */
export function withCorsHeaders(response: Response, origin: string | null, cors: ResolvedCors): Response {
  const headers = new Headers(response.headers);
  headers.append('vary', 'Origin');
  if (origin !== null && cors.origins.has(origin)) {
    headers.set('access-control-allow-origin', origin);
    headers.set('access-control-expose-headers', 'Retry-After');
    if (cors.credentials) headers.set('access-control-allow-credentials', 'true');
  }
  try {
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  } catch {
    return response;
  }
}
