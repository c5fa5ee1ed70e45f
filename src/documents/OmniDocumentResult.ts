import type { OmniError } from '../errors/OmniError.js';
import type { DocumentQuery } from './documentQueriesSchema.js';
import type { OmniQueryResult } from '../results/OmniQueryResult.js';

/** One query of a document, with its result. */
export interface OmniDocumentQuery extends DocumentQuery {
  /**
   * The query's own result, as `useOmniQuery` gives it (a union on `status`), with the page's filters
   * merged in. `idle` for a tile without a query definition, and for queries `select` left out. One
   * failing query is that query's `error`; the others render.
   */
  result: OmniQueryResult;
}

/** What every state of {@link OmniDocumentResult} has. */
export interface OmniDocumentResultBase {
  /**
   * - `idle`: no identifier (or `enabled: false`); nothing is sent.
   * - `pending`: the document's query list is loading.
   * - `success`: the list is here; each query has its own `result.status`.
   * - `error`: the list itself failed (404: no such document, 403, network, an unexpected shape) or
   *   the identifier is not usable (kind `schema`, nothing sent). See `error`.
   */
  status: 'idle' | 'pending' | 'success' | 'error';
  /** Why the list failed; `null` unless `status` is `error`. */
  error: OmniError | null;
  /** The document's queries in document order, each with its result. `[]` until the list arrived, and on error. */
  queries: OmniDocumentQuery[];
}

/** No identifier, or `enabled: false`: nothing sent. */
export interface OmniDocumentIdleResult extends OmniDocumentResultBase {
  status: 'idle';
  error: null;
}

/** The document's query list is loading. */
export interface OmniDocumentPendingResult extends OmniDocumentResultBase {
  status: 'pending';
  error: null;
}

/** The list is here: `queries` holds every query of the document, each with its own `result`. */
export interface OmniDocumentSuccessResult extends OmniDocumentResultBase {
  status: 'success';
  error: null;
}

/** The list failed, or the identifier is not usable (kind `schema`, nothing sent). */
export interface OmniDocumentErrorResult extends OmniDocumentResultBase {
  status: 'error';
  error: OmniError;
}

/**
 * What `useOmniDocument` returns: a union on `status`, so `status === 'error'` narrows `error` to an
 * `OmniError`, and each query's `result` narrows the same way.
 */
export type OmniDocumentResult =
  OmniDocumentIdleResult | OmniDocumentPendingResult | OmniDocumentSuccessResult | OmniDocumentErrorResult;
