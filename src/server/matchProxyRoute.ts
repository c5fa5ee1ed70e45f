/** One of the two Omni endpoints the proxy forwards. */
export interface ProxyRoute {
  endpoint: 'wait' | 'run';
  /** The only method forwarded for this endpoint. */
  method: 'GET' | 'POST';
  /** Omni's path, appended to `baseUrl`: a constant, never derived from the incoming URL. */
  upstreamPath: '/api/v1/query/wait' | '/api/v1/query/run';
}

/** The outcome of {@link matchProxyRoute}: a route, or the status and message to answer with. */
export type RouteMatch =
  | { ok: true; route: ProxyRoute }
  | { ok: false; status: 404; message: string }
  | { ok: false; status: 405; message: string; allow: string };

const routes = new Map<string, ProxyRoute>([
  ['/api/v1/query/wait', { endpoint: 'wait', method: 'GET', upstreamPath: '/api/v1/query/wait' }],
  ['/api/v1/query/run', { endpoint: 'run', method: 'POST', upstreamPath: '/api/v1/query/run' }],
]);

/**
 * Matches the incoming path against the two allowed endpoints below `basePath`, byte for byte.
 *
 * Exact comparison is the whole defence against path tricks: the URL parser has already resolved
 * `..`, `%2e%2e` and backslashes, and anything it left alone that is not literally an allowed path
 * (`%2F`, `//`, `%5C`, `;params`, case changes, a trailing slash, a URL inside the path) does not
 * match and is answered 404. Nothing of the incoming path is ever forwarded.
 */
export function matchProxyRoute(pathname: string, method: string, basePath: string): RouteMatch {
  const route = pathname.startsWith(`${basePath}/`) ? routes.get(pathname.slice(basePath.length)) : undefined;
  if (route === undefined) {
    return {
      ok: false,
      status: 404,
      message: `Not found: this proxy forwards only GET ${basePath}/api/v1/query/wait and POST ${basePath}/api/v1/query/run.`,
    };
  }
  if (method !== route.method) {
    return {
      ok: false,
      status: 405,
      message: `Method ${method} is not allowed on ${basePath}${route.upstreamPath}; use ${route.method}.`,
      allow: route.method,
    };
  }
  return { ok: true, route };
}
