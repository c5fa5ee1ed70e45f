import type { OmniRunBody } from '../client/OmniClient.js';
import type { FakeRunRule } from './FakeOmni.js';

/**
 * True when a run body fits `match`: a predicate decides by itself; an object fits when each of its
 * keys deep-equals the same key of the body's `query` (so `{ fields: ['orders.count'] }` ignores the
 * query's `modelId`, `limit` and the rest).
 */
export function matchRun(match: FakeRunRule['match'], body: OmniRunBody): boolean {
  if (typeof match === 'function') return match(body);
  const query: Record<string, unknown> = body.query;
  return Object.entries(match).every(([key, value]) => deepEqual(query[key], value));
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  const bKeys = Object.keys(b);
  if (aKeys.length !== bKeys.length) return false;
  return aKeys.every((key) => deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}
