/** Path of Omni's long-poll endpoint, relative to `baseUrl`. */
export const WAIT_PATH = '/api/v1/query/wait';
/** Path of Omni's run endpoint, relative to `baseUrl`. */
export const RUN_PATH = '/api/v1/query/run';

/**
 * The URL of one wait request: `job_ids` as the documented URL-encoded JSON array
 * (`?job_ids=%5B%22id1%22%2C%22id2%22%5D`). Quotes, commas, spaces and non-ASCII ids survive
 * because the array is JSON-encoded first and then percent-encoded as a whole.
 *
 * @param baseUrl a normalised base URL (no trailing slash).
 */
export function waitUrl(baseUrl: string, jobIds: readonly string[]): string {
  return `${baseUrl}${WAIT_PATH}?job_ids=${encodeURIComponent(JSON.stringify(jobIds))}`;
}

/** Path of a document's query list as documentation writes it. */
export const DOCUMENT_QUERIES_PATH = '/api/v1/documents/{identifier}/queries';
/** Path of Omni's document query lists; its one variable part (greedy, to refuse `a/b` by name) is the identifier. */
export const DOCUMENT_QUERIES_ROUTE = /^\/api\/v1\/documents\/(.*)\/queries$/;

/**
 * The path of a document's query list. `identifier` must already have passed
 * `documentIdentifierProblem`; it is still percent-encoded, so it stays one path segment.
 */
export function documentQueriesPath(identifier: string): `/api/v1/documents/${string}/queries` {
  return `/api/v1/documents/${encodeURIComponent(identifier)}/queries`;
}
