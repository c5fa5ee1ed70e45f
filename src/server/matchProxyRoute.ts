import { DOCUMENT_QUERIES_PATH, DOCUMENT_QUERIES_ROUTE, RUN_PATH, WAIT_PATH, documentQueriesPath } from '../rules/apiPaths.js';
import { parseDocumentIdentifier } from './parseDocumentIdentifier.js';

/** One of the three Omni endpoints the proxy forwards. */
export type ProxyRoute =
  | {
      endpoint: 'wait';
      /** The only method forwarded for this endpoint. */
      method: 'GET';
      /** Omni's path, appended to `baseUrl`: a constant, never derived from the incoming URL. */
      upstreamPath: typeof WAIT_PATH;
    }
  | { endpoint: 'run'; method: 'POST'; upstreamPath: typeof RUN_PATH }
  | {
      endpoint: 'documentQueries';
      method: 'GET';
      /** Omni's fixed path around the identifier, re-encoded as one segment by {@link parseDocumentIdentifier}. */
      upstreamPath: `/api/v1/documents/${string}/queries`;
      /** The document id or slug, decoded. */
      identifier: string;
    };

/** The outcome of {@link matchProxyRoute}: a route, or the status and message to answer with. */
export type RouteMatch =
  | { ok: true; route: ProxyRoute }
  | { ok: false; status: 400 | 404; message: string }
  | { ok: false; status: 405; message: string; allow: string };

const fixedRoutes = new Map<string, ProxyRoute>([
  [WAIT_PATH, { endpoint: 'wait', method: 'GET', upstreamPath: WAIT_PATH }],
  [RUN_PATH, { endpoint: 'run', method: 'POST', upstreamPath: RUN_PATH }],
]);

/**
 * Matches the incoming path against the allowed endpoints below `basePath`, byte for byte.
 *
 * Exact comparison is the whole defence against path tricks: the URL parser has already resolved
 * `..`, `%2e%2e` and backslashes, and anything it left alone that is not literally an allowed path
 * (`%2F`, `//`, `%5C`, `;params`, case changes, a trailing slash, a URL inside the path) does not
 * match and is answered 404. The one variable part, a document identifier, is checked by
 * {@link parseDocumentIdentifier} (400 when refused). Nothing else of the incoming path is ever forwarded.
 */
export function matchProxyRoute(pathname: string, method: string, basePath: string): RouteMatch {
  const path = pathname.startsWith(`${basePath}/`) ? pathname.slice(basePath.length) : '';
  const fixed = fixedRoutes.get(path);
  if (fixed !== undefined) {
    return method === fixed.method
      ? { ok: true, route: fixed }
      : wrongMethod(method, `${basePath}${fixed.upstreamPath}`, fixed.method);
  }
  // Greedy on purpose: `documents/a/b/queries` is a bad identifier (400 saying why), not an unknown path.
  const document = DOCUMENT_QUERIES_ROUTE.exec(path);
  if (document === null) {
    return {
      ok: false,
      status: 404,
      message: `Not found: this proxy forwards only GET ${basePath}${WAIT_PATH}, POST ${basePath}${RUN_PATH} and GET ${basePath}${DOCUMENT_QUERIES_PATH}.`,
    };
  }
  if (method !== 'GET') return wrongMethod(method, `${basePath}${DOCUMENT_QUERIES_PATH}`, 'GET');
  const parsed = parseDocumentIdentifier(document[1] ?? '');
  if (!parsed.ok) return { ok: false, status: 400, message: parsed.message };
  return {
    ok: true,
    route: {
      endpoint: 'documentQueries',
      method: 'GET',
      // The client's own path builder: `segment` is `encodeURIComponent(identifier)`, as it encodes.
      upstreamPath: documentQueriesPath(parsed.identifier),
      identifier: parsed.identifier,
    },
  };
}

function wrongMethod(method: string, path: string, allow: 'GET' | 'POST'): RouteMatch {
  return { ok: false, status: 405, message: `Method ${method} is not allowed on ${path}; use ${allow}.`, allow };
}
