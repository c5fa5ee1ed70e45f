import type { setupServer } from 'msw/node';
import type { FakeJobSpec, FakeOmniOptions } from '../fakeOmni.js';
import { omniHarness, type OmniHarness } from './harness.js';

/** A run body as the fake receives it. */
export interface RunBody {
  query: { modelId: string; table: string; fields: string[]; filters?: Record<string, unknown>; [key: string]: unknown };
  cache?: string;
  branchId?: string;
  userId?: string;
}

/** The base query of these tests; `filters` vary. */
export const QUERY = { modelId: 'model-1', table: 'order_items', fields: ['order_items.region', 'order_items.total'] };

/**
 * A fake Omni whose runs make one job each: `job(body, n)` says how that job behaves (default: done
 * in the run answer, one row whose `order_items.total` is the run's number). Records run bodies.
 */
export function runHarness(
  server: ReturnType<typeof setupServer>,
  job: (body: RunBody, n: number) => Partial<FakeJobSpec> = () => ({}),
  options: FakeOmniOptions = {},
): OmniHarness & { bodies: RunBody[] } {
  const bodies: RunBody[] = [];
  const harness = omniHarness(server, {
    ...options,
    onRun: (body) => {
      const run = body as RunBody;
      bodies.push(run);
      const n = bodies.length;
      return {
        id: `run-${n}`,
        table: { 'order_items.region': [String(run.query.filters?.['order_items.region'] ?? 'all')], 'order_items.total': [n * 100] },
        ...job(run, n),
      };
    },
  });
  return { ...harness, bodies };
}

/** Run requests the fake received. */
export const runRequests = (harness: OmniHarness) => harness.omni.requests.filter((request) => request.endpoint === 'run');
