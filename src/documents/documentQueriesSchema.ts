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
