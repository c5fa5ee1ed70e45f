import type { DataTag } from '@tanstack/react-query';
import type { OmniClient } from '../client/OmniClient.js';
import type { Int64Policy } from '../decode/DecodeOptions.js';
import type { OmniError } from '../errors/OmniError.js';
import type { OmniQuery } from './omniQuerySchema.js';
import { canonicalQuery } from './canonicalQuery.js';
import { QUERY_KEY_ROOT } from '../wait/jobQueryKey.js';
import type { JobResult } from '../results/JobResult.js';
import type { OmniQuerySettings, RunCachePolicy } from './OmniQuerySettings.js';
import type { RunRecord } from '../run/RunRecord.js';

/** The key of the run of one query: `[root, 'query', client.key, canonical query, settings]`. */
export type RunQueryKey = readonly [typeof QUERY_KEY_ROOT, 'query', string, OmniQuery, OmniQuerySettings];

/** The key of a query's finished result (Suspense, `fetchQuery`): `[root, 'query-result', client.key, canonical query, settings]`. */
export type OmniQueryResultKey = readonly [typeof QUERY_KEY_ROOT, 'query-result', string, OmniQuery, OmniQuerySettings];

/** The parts of the options that make a run distinct. */
export interface OmniQuerySettingsInput {
  cache?: RunCachePolicy | undefined;
  branchId?: string | undefined;
  userId?: string | undefined;
  int64?: Int64Policy | undefined;
}

/** The settings part of a key: only what is set, so equal runs hash equally. */
export function omniQuerySettings(input: OmniQuerySettingsInput): OmniQuerySettings {
  const settings: { -readonly [K in keyof OmniQuerySettings]: OmniQuerySettings[K] } = {};
  if (input.cache !== undefined) settings.cache = input.cache;
  if (input.branchId !== undefined) settings.branchId = input.branchId;
  if (input.userId !== undefined) settings.userId = input.userId;
  if (input.int64 !== undefined && input.int64 !== 'auto') settings.int64 = input.int64;
  return settings;
}

/**
 * The key of the run of `query`: one entry, so one `POST /run`, per distinct query. Object keys are
 * sorted (arrays keep their order), so `{ table, fields }` and `{ fields, table }` share it. Holds
 * `client.key`, never the token.
 */
export function runQueryKey(
  client: Pick<OmniClient, 'key'>,
  query: OmniQuery,
  input: OmniQuerySettingsInput = {},
): DataTag<RunQueryKey, RunRecord, OmniError> {
  return queryKeyOf('query', client, query, input) as DataTag<RunQueryKey, RunRecord, OmniError>;
}

/** The key of the finished result of `query`, whose data is the complete job (see `omniQueryOptions`). */
export function omniQueryResultKey(
  client: Pick<OmniClient, 'key'>,
  query: OmniQuery,
  input: OmniQuerySettingsInput = {},
): DataTag<OmniQueryResultKey, JobResult, OmniError> {
  return queryKeyOf('query-result', client, query, input) as DataTag<OmniQueryResultKey, JobResult, OmniError>;
}

function queryKeyOf<K extends 'query' | 'query-result'>(
  kind: K,
  client: Pick<OmniClient, 'key'>,
  query: OmniQuery,
  input: OmniQuerySettingsInput,
): readonly [typeof QUERY_KEY_ROOT, K, string, OmniQuery, OmniQuerySettings] {
  return [QUERY_KEY_ROOT, kind, client.key, canonicalQuery(query), omniQuerySettings(input)];
}
