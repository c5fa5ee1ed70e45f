import { skipToken, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { OmniError } from '../errors/OmniError.js';
import { combineOmniQuery, keepShown, type ShownResult } from '../results/combineOmniQuery.js';
import { documentQueriesOptions, type DocumentQueriesOptions } from '../documents/documentQueriesOptions.js';
import { QUERY_KEY_ROOT } from '../wait/jobQueryKey.js';
import { jobQueryOptions, type JobQueryOptions } from '../wait/jobQueryOptions.js';
import type { OmniDocumentResult } from '../documents/OmniDocumentResult.js';
import type { OmniQueryResult } from '../results/OmniQueryResult.js';
import { planDocument } from '../documents/planDocument.js';
import { pickOmniQueryOptions } from '../query/omniQueryOptions.js';
import { rerunOmniQuery } from '../run/rerunOmniQuery.js';
import type { RunQueryOptions } from '../run/runQueryOptions.js';
import type { DocumentQuery } from '../documents/documentQueriesSchema.js';
import { documentIdentifierProblem } from '../rules/documentIdentifier.js';
import { useOmniClient } from './OmniProvider.js';
import type { UseOmniQueryOptions } from './useOmniQuery.js';

/** Options of {@link useOmniDocument}: those of `useOmniQuery`, for every query, plus the page's controls. */
export interface UseOmniDocumentOptions extends UseOmniQueryOptions {
  /**
   * Page-wide filters merged into every query's own, key by key (`{ ...query.filters, ...filters }`).
   * Changing them re-runs every tile, with the previous numbers kept meanwhile (`keepPreviousData`).
   */
  filters?: Record<string, unknown> | undefined;
  /** Which queries to run. Default: every query with a definition. The others are listed with `result.status: 'idle'`. */
  select?: ((query: DocumentQuery) => boolean) | undefined;
}

const idle = (slot: string, index: number) => ({ queryKey: [QUERY_KEY_ROOT, 'idle', slot, index], queryFn: skipToken });

/**
 * Brings an Omni workbook or dashboard into a React page: reads the document's queries once
 * (`GET /api/v1/documents/{identifier}/queries`), then runs each one exactly as `useOmniQuery` would
 * (same keys, shared runs, shared wait requests, the client's request budget), with the page's
 * `filters` merged in. One failing query is that query's error; the rest render.
 *
 * `null`, `undefined` or `enabled: false` is idle. An identifier that is not one path segment
 * (`a/b`, `..`, `%2F`, empty) is `status: 'error'` (kind `schema`) and nothing is sent.
 *
 * @throws Error at render when there is no client (no `OmniProvider` and no `options.client`).
 */
export function useOmniDocument(identifier: string | null | undefined, options: UseOmniDocumentOptions = {}): OmniDocumentResult {
  const client = useOmniClient(options.client);
  const queryClient = useQueryClient();
  const { enabled, select, filters } = options;
  const picked = pickOmniQueryOptions(options);
  const active = identifier !== null && identifier !== undefined && enabled !== false;
  const problem = active ? documentIdentifierProblem(identifier) : undefined;
  const list = useQuery(
    active && problem === undefined
      ? documentQueriesOptions(client, identifier, picked.gcTime === undefined ? {} : { gcTime: picked.gcTime })
      : (idle('document', 0) as unknown as DocumentQueriesOptions),
  );
  // A document has a handful of queries: planning them each render is cheaper than keeping memos right.
  const setups = planDocument(client, list.data ?? [], filters, select, picked);
  const runs = useQueries({
    queries: setups.map((setup, index) => setup.run ?? (idle('run', index) as unknown as RunQueryOptions)),
  });
  const jobs = useQueries({
    queries: setups.map((setup, index) => {
      const jobId = setup.run === undefined ? undefined : runs[index]?.data?.jobId;
      return jobId === undefined ? (idle('job', index) as unknown as JobQueryOptions) : jobQueryOptions(client, jobId, picked);
    }),
  });
  const includeInternalColumns = picked.includeInternalColumns ?? false;
  const states = setups.map((setup, index) =>
    combineOmniQuery({
      plan: setup.plan,
      run: runs[index]!,
      job: setup.run === undefined ? undefined : jobs[index],
      includeInternalColumns,
    }),
  );
  // The last data each query showed, for placeholders while the page's filters change (see useOmniQuery).
  const [shown, setShown] = useState<Record<string, ShownResult>>({});
  const listed = list.data ?? [];
  const changed = states.some((state, index) => state.status === 'success' && shown[listed[index]!.id]?.job !== state.job);
  if (changed) {
    const next = { ...shown };
    states.forEach((state, index) => {
      if (state.status === 'success') next[listed[index]!.id] = { key: setups[index]!.runKey, job: state.job };
    });
    setShown(next);
  }

  if (!active) return { status: 'idle', error: null, queries: [] };
  if (problem !== undefined) {
    return {
      status: 'error',
      error: new OmniError('schema', `The document identifier ${problem}; nothing was sent`),
      queries: [],
    };
  }
  if (list.status === 'error') return { status: 'error', error: list.error, queries: [] };
  if (list.data === undefined) return { status: 'pending', error: null, queries: [] };
  return {
    status: 'success',
    error: null,
    queries: listed.map((entry, index) => {
      const setup = setups[index]!;
      const state = keepShown(states[index]!, shown[entry.id], setup.runKey, options.keepPreviousData ?? true);
      const rerun: OmniQueryResult['rerun'] = (rerunOptions) => {
        if (setup.query !== undefined) void rerunOmniQuery(queryClient, client, setup.query, picked, rerunOptions);
      };
      return { ...entry, result: { ...state, rerun } as OmniQueryResult };
    }),
  };
}
