import type { OmniClient } from '../client/OmniClient.js';
import type { OmniQuery } from './omniQuerySchema.js';
import type { OmniQueryPlan } from '../results/combineOmniQuery.js';
import type { OmniQueryOptionsInput } from './omniQueryOptions.js';
import { runQueryOptions, type RunQueryOptions } from '../run/runQueryOptions.js';
import { validateOmniQuery } from './validateOmniQuery.js';
import { contentHash } from './contentHash.js';

/** What a component asks for, worked out once per distinct query and options. */
export interface OmniQuerySetup {
  plan: OmniQueryPlan;
  /** The validated query. `undefined` when idle or invalid. */
  query: OmniQuery | undefined;
  /** The run entry's options. `undefined` when idle or invalid: nothing is sent. */
  run: RunQueryOptions | undefined;
  /** The content hash of the run entry's key: `''` when idle or invalid. */
  runKey: string;
}

/**
 * Validates a query and builds the options of its run. `undefined` is idle. Callers memoise it by
 * the `contentHash` of the query and options, since queries are usually built during render.
 */
export function planOmniQuery(client: OmniClient, query: unknown, input: OmniQueryOptionsInput): OmniQuerySetup {
  if (query === undefined) return { plan: { kind: 'idle' }, query: undefined, run: undefined, runKey: '' };
  const validated = validateOmniQuery(query);
  if (!validated.ok) return { plan: { kind: 'invalid', error: validated.error }, query: undefined, run: undefined, runKey: '' };
  const run = runQueryOptions(client, validated.query, input);
  return { plan: { kind: 'ready' }, query: validated.query, run, runKey: contentHash(run.queryKey) };
}
