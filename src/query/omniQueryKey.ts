import type { DataTag } from '@tanstack/react-query';
import type { OmniClient } from '../client/OmniClient.js';
import type { OmniError } from '../errors/OmniError.js';
import type { OmniQuery } from './omniQuerySchema.js';
import { canonicalQuery } from './contentHash.js';
import { QUERY_KEY_ROOT } from '../wait/jobQueryKey.js';
import type { JobResult } from '../results/JobResult.js';
import { pickQuerySettings, type OmniQuerySettings } from './OmniQuerySettings.js';
import type { RunRecord } from '../run/runQueryOptions.js';

/** The key of the run of one query: `[root, 'query', client.key, canonical query, settings]`. */
export type RunQueryKey = readonly [typeof QUERY_KEY_ROOT, 'query', string, OmniQuery, OmniQuerySettings];

/** The key of a query's finished result (`omniQueryOptions`): `[root, 'query-result', client.key, canonical query, settings]`. */
export type OmniQueryResultKey = readonly [typeof QUERY_KEY_ROOT, 'query-result', string, OmniQuery, OmniQuerySettings];

/**
 * The parts of the options that make a run distinct.
 * @deprecated Use {@link OmniQuerySettings}, the same list; this name goes in the next major release.
 */
export type OmniQuerySettingsInput = OmniQuerySettings;

/**
 * The key of the run of `query`: one entry, so one `POST /run`, per distinct query. Object keys are
 * sorted (arrays keep their order), so `{ table, fields }` and `{ fields, table }` share it. Holds
 * `client.key`, never the token.
 */
export function runQueryKey(
  client: Pick<OmniClient, 'key'>,
  query: OmniQuery,
  settings: OmniQuerySettings = {},
): DataTag<RunQueryKey, RunRecord, OmniError> {
  return queryKeyOf('query', client, query, settings) as DataTag<RunQueryKey, RunRecord, OmniError>;
}

/** The key of the finished result of `query`, whose data is the complete job (see `omniQueryOptions`). */
export function omniQueryResultKey(
  client: Pick<OmniClient, 'key'>,
  query: OmniQuery,
  settings: OmniQuerySettings = {},
): DataTag<OmniQueryResultKey, JobResult, OmniError> {
  return queryKeyOf('query-result', client, query, settings) as DataTag<OmniQueryResultKey, JobResult, OmniError>;
}

function queryKeyOf<K extends 'query' | 'query-result'>(
  kind: K,
  client: Pick<OmniClient, 'key'>,
  query: OmniQuery,
  settings: OmniQuerySettings,
): readonly [typeof QUERY_KEY_ROOT, K, string, OmniQuery, OmniQuerySettings] {
  return [QUERY_KEY_ROOT, kind, client.key, canonicalQuery(query), pickQuerySettings(settings)];
}
