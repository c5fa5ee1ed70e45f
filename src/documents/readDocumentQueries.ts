import { OmniError } from '../errors/OmniError.js';
import { documentQueriesSchema, type DocumentQuery } from './documentQueriesSchema.js';
import { textSnippet } from '../wire/textSnippet.js';

/** Options of {@link readDocumentQueries}. */
export interface ReadDocumentQueriesOptions {
  /** Removes secrets from server text before it goes into an error message. */
  redact: (text: string) => string;
  /** The request's signal: once aborted, its reason is thrown unchanged. */
  signal?: AbortSignal | undefined;
}

/**
 * Reads and validates a 2xx answer of `GET /api/v1/documents/{identifier}/queries`.
 * @throws OmniError `schema` naming the path of the first unexpected value (`queries.2.url: …`), or
 *   for a body that is not JSON; `network` when the connection broke while reading.
 */
export async function readDocumentQueries(response: Response, options: ReadDocumentQueriesOptions): Promise<DocumentQuery[]> {
  const { redact, signal } = options;
  let text: string;
  try {
    text = await response.text();
  } catch (cause) {
    if (signal?.aborted) throw signal.reason;
    throw new OmniError('network', 'The connection to Omni broke while reading the document’s queries', { cause });
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (cause) {
    throw new OmniError(
      'schema',
      `Omni’s list of document queries is not JSON: ${textSnippet(redact(text)) || 'the body was empty'}`,
      { cause },
    );
  }
  const parsed = documentQueriesSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.length ? issue.path.join('.') : 'the body';
    throw new OmniError(
      'schema',
      `Omni’s list of document queries is not as expected at ${path}: ${issue?.message ?? 'invalid'}`,
      {
        cause: parsed.error,
      },
    );
  }
  return parsed.data;
}
