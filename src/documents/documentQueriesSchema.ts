import { z } from 'zod';
import type { OmniQuery } from '../query/omniQuerySchema.js';

/** One query of an Omni document (workbook or dashboard), as `GET /api/v1/documents/{id}/queries` lists it. */
export interface DocumentQuery {
  /** The query's id in the document. Always set. */
  id: string;
  /** The tab or tile name (`Revenue by month`). Always set, possibly `""`. */
  name: string;
  /**
   * The query JSON, checked later by the run layer. `undefined` for a tile without a query (a text
   * or markdown tile).
   */
  query: OmniQuery | undefined;
  /** The document's key for this query (`"1"`), as in its URL's `?key=`. Always set. */
  queryIdentifierMapKey: string;
  /** Link to the query in Omni. Always set. */
  url: string;
}

const idLike = z.union([z.string(), z.number().transform(String)]);

/** The answer of `GET /api/v1/documents/{identifier}/queries`. */
export const documentQueriesSchema = z
  .looseObject({
    queries: z.array(
      z.looseObject({
        id: idLike,
        name: z.string().nullish(),
        // Checked as an OmniQuery when it is run, so that one bad query is that query's error only.
        query: z.record(z.string(), z.unknown()).nullish(),
        queryIdentifierMapKey: idLike,
        url: z.string(),
      }),
    ),
  })
  .transform(({ queries }): DocumentQuery[] =>
    queries.map((entry) => ({
      id: entry.id,
      name: entry.name ?? '',
      query: (entry.query ?? undefined) as OmniQuery | undefined,
      queryIdentifierMapKey: entry.queryIdentifierMapKey,
      url: entry.url,
    })),
  );

/**
 * Why `identifier` cannot be sent as one path segment, or `undefined` when it can. Slugs and ids
 * are plain; anything that could step out of the segment (`/`, `\`, `.`/`..`, percent escapes) or
 * control characters are refused before a request is made.
 */
export function documentIdentifierProblem(identifier: unknown): string | undefined {
  if (typeof identifier !== 'string') return `must be a string, got ${identifier === null ? 'null' : typeof identifier}`;
  if (identifier.trim() === '') return 'must not be empty';
  if (identifier === '.' || identifier === '..') return 'must not be "." or ".."';
  if (/[/\\%]/.test(identifier)) return 'must be one path segment (no "/", "\\" or "%")';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(identifier)) return 'must not contain control characters';
  if (identifier.length > 512) return 'must be at most 512 characters';
  return undefined;
}
