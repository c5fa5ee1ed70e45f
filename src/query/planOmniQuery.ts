import type { OmniClient } from '../client/OmniClient.js';
import type { OmniQuery } from './omniQuerySchema.js';
import type { OmniQueryPlan } from '../results/combineOmniQuery.js';
import type { OmniQueryOptionsInput } from './omniQueryOptions.js';
import { runQueryOptions, type RunQueryOptions } from '../run/runQueryOptions.js';
import { validateOmniQuery } from './validateOmniQuery.js';

/** What a component asks for, worked out once per distinct query and options. */
export interface OmniQuerySetup {
  plan: OmniQueryPlan;
  /** The validated query. `undefined` when idle or invalid. */
  query: OmniQuery | undefined;
  /** The run entry's options. `undefined` when idle or invalid: nothing is sent. */
  run: RunQueryOptions | undefined;
  /** A string that changes with the run entry's key: `''` when idle or invalid. */
  runKey: string;
}

/**
 * Validates a query (given as JSON text, so that callers can memoise on content) and builds the
 * options of its run. `undefined` is idle.
 */
export function planOmniQuery(client: OmniClient, queryJson: string | undefined, input: OmniQueryOptionsInput): OmniQuerySetup {
  if (queryJson === undefined) return { plan: { kind: 'idle' }, query: undefined, run: undefined, runKey: '' };
  const validated = validateOmniQuery(JSON.parse(queryJson));
  if (!validated.ok) return { plan: { kind: 'invalid', error: validated.error }, query: undefined, run: undefined, runKey: '' };
  const run = runQueryOptions(client, validated.query, input);
  return { plan: { kind: 'ready' }, query: validated.query, run, runKey: JSON.stringify(run.queryKey) };
}
