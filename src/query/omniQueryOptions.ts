import type { DataTag, QueryKey, SkipToken, UseQueryOptions } from '@tanstack/react-query';
import type { OmniClient } from '../client/OmniClient.js';
import type { OmniError } from '../errors/OmniError.js';
import type { OmniQuery } from './omniQuerySchema.js';
import { followJob } from '../wait/followJob.js';
import type { JobQueryOptionsInput } from '../wait/jobQueryOptions.js';
import type { JobResult } from '../results/JobResult.js';
import { jobResultView } from '../results/jobResultView.js';
import { omniQueryResultKey, type OmniQueryResultKey } from './omniQueryKey.js';
import { runQueryOptions, type RunQueryOptionsInput } from '../run/runQueryOptions.js';
import { validateOmniQuery } from './validateOmniQuery.js';
import type { RowOf, RowsSchema } from '../decode/rows/RowsSchema.js';
import { rowsSignature } from '../decode/rows/rowsSignature.js';
import { validateRows } from '../decode/rows/validateRows.js';
import { typedJobResult, type TypedJobResult } from './TypedJobResult.js';

/** Result entries whose last fetch ended with their job's own failure (not a request's). */
const failedJobs = new WeakSet<object>();

/** Options of {@link omniQueryOptions} (and of `useOmniQuery`, which adds more). */
export interface OmniQueryOptionsInput extends RunQueryOptionsInput, JobQueryOptionsInput {
  /** Show Omni-internal columns (`$omni_*`, `ssort_*`, `*__raw`, unrequested fields) too. Default `false`. */
  includeInternalColumns?: boolean | undefined;
}

// `satisfies` fails the build when an option is added to the input but not here, or the other way round.
const QUERY_OPTION_NAMES = Object.keys({
  cache: true,
  branchId: true,
  userId: true,
  int64: true,
  staleTime: true,
  gcTime: true,
  maxWaitMs: true,
  pollDelayMs: true,
  includeInternalColumns: true,
} satisfies Record<keyof OmniQueryOptionsInput, true>) as Array<keyof OmniQueryOptionsInput>;

/**
 * The query options among `options` (a hook's, which hold more), only those that are set: the one
 * place that lists them, so that every hook builds its run and job entries from the same list and
 * memoises on the same content.
 */
export function pickOmniQueryOptions(options: OmniQueryOptionsInput): OmniQueryOptionsInput {
  const picked: Record<string, unknown> = {};
  for (const name of QUERY_OPTION_NAMES) if (options[name] !== undefined) picked[name] = options[name];
  return picked as OmniQueryOptionsInput;
}

/**
 * The key of a query's finished result checked by a rows schema: the result's key plus the schema's
 * field types (see `rowsSignature`), so a schema re-created on each render keeps one entry.
 */
export type OmniQueryRowsKey = readonly [...OmniQueryResultKey, { rows: Record<string, string> }];

/** The react-query options of a query's finished result: data is the complete job (typed rows with `rows`). */
export type OmniQueryOptions<TData = JobResult, TKey extends QueryKey = OmniQueryResultKey> = UseQueryOptions<
  TData,
  OmniError,
  TData,
  TKey
> & {
  queryKey: DataTag<TKey, TData, OmniError>;
  // Always a function (never skipToken), so the options also fit useSuspenseQuery.
  queryFn: Exclude<UseQueryOptions<TData, OmniError, TData, TKey>['queryFn'], SkipToken | undefined>;
};

/** The `rows` option of {@link omniQueryOptions}: a zod object schema keyed by field name. */
export interface OmniQueryRowsInput<S extends RowsSchema> {
  /**
   * Checks every row of the finished result once and types `rows` as the schema's output; a mismatch
   * rejects with a `schema` `OmniError` naming the field, the row index, and what was expected against
   * what came. Int64 columns decode as the schema says (`z.bigint()` or `z.number()`).
   */
  rows: S;
}

/**
 * The react-query options of a query's **finished** result, for `queryClient.fetchQuery`,
 * `prefetchQuery`, `ensureQueryData` (router loaders, server code, tests) and `useSuspenseQuery`:
 * the promise resolves with the complete job's {@link JobResult} (`jobId`, `rows`, `columns`,
 * `fields`, `numRows`, `table`, `summary`), or rejects with the `OmniError`: the run's, a
 * request-wide one, or the job's own (`job`, `decode`).
 *
 * It runs the query through the same run entry and the same per-job entries as `useOmniQuery`, so it
 * shares the run and every wait request with mounted hooks: fetching a query a tile already shows
 * sends nothing more. An invalid query rejects with a `schema` error and sends nothing. Retrying
 * after the job itself failed (an error boundary's reset) runs the query again: that is a user's choice.
 *
 * With `options.rows` (a zod object schema keyed by field name), the data's `rows` are the schema's
 * output, checked once when the job completed; a mismatch rejects with a `schema` `OmniError`. Its key
 * is the result's key plus the schema's field types, and it shares the result's entry and requests.
 */
export function omniQueryOptions<S extends RowsSchema>(
  client: OmniClient,
  query: OmniQuery,
  options: OmniQueryOptionsInput & OmniQueryRowsInput<S>,
): OmniQueryOptions<TypedJobResult<RowOf<S>>, OmniQueryRowsKey>;
export function omniQueryOptions(
  client: OmniClient,
  query: OmniQuery,
  options?: OmniQueryOptionsInput & { rows?: undefined },
): OmniQueryOptions;
export function omniQueryOptions(
  client: OmniClient,
  query: OmniQuery,
  options: OmniQueryOptionsInput & { rows?: RowsSchema | undefined } = {},
): OmniQueryOptions | OmniQueryOptions<TypedJobResult<unknown>, OmniQueryRowsKey> {
  const base = resultOptions(client, query, options);
  const schema = options.rows;
  if (schema === undefined) return base;
  // A derived entry over the result's: the job is fetched (and shared) as without `rows`, then checked once.
  const queryKey = [...base.queryKey, { rows: rowsSignature(schema) }] as const;
  type Typed = OmniQueryOptions<TypedJobResult<unknown>, OmniQueryRowsKey>;
  const queryFn: Typed['queryFn'] = async (context) => {
    const job = await context.client.fetchQuery(base);
    const checked = validateRows(job, schema, { jobId: job.jobId });
    if (!checked.ok) throw checked.error;
    return typedJobResult(job, checked.rows);
  };
  return {
    ...(base as unknown as Typed),
    queryKey: queryKey as unknown as Typed['queryKey'],
    queryFn,
  };
}

function resultOptions(client: OmniClient, query: OmniQuery, options: OmniQueryOptionsInput): OmniQueryOptions {
  const validated = validateOmniQuery(query);
  const includeInternalColumns = options.includeInternalColumns ?? false;
  const queryKey = omniQueryResultKey(client, validated.ok ? validated.query : query, options);
  return {
    queryKey,
    queryFn: async (context) => {
      if (!validated.ok) throw validated.error;
      const queryClient = context.client;
      const entry = queryClient.getQueryCache().get(queryClient.defaultQueryOptions({ queryKey }).queryHash);
      const run = runQueryOptions(client, validated.query, options);
      // Asked again after its job failed (an error boundary's reset): the user wants a new run.
      const again = entry !== undefined && failedJobs.delete(entry);
      const { jobId } = await queryClient.fetchQuery(again ? { ...run, staleTime: 0 } : run);
      const record = await followJob(queryClient, client, jobId, options, context.signal);
      const result = jobResultView(jobId, record, includeInternalColumns);
      if (result.error === undefined) return result;
      if (entry !== undefined) failedJobs.add(entry);
      throw result.error;
    },
    staleTime: options.staleTime ?? Infinity,
    ...(options.gcTime === undefined ? {} : { gcTime: options.gcTime }),
    structuralSharing: false,
    // The run and the job entries retry what is worth retrying; this one only waits for them.
    retry: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  };
}
