import { describe, expect, it } from 'vitest';
import { openDashboards } from './dashboardScenario.js';

// 192 tiles through real timers: seconds on a busy machine, so more room than the default 5 s.
describe('24 viewers of an 8-tile dashboard, two tenants, two instances over one store', { timeout: 30_000 }, () => {
  it('sends each distinct (tenant, query) pair upstream once with sharing on', async () => {
    const traffic = await openDashboards(true);

    expect(traffic.completedTiles).toBe(24 * 8);
    expect(traffic.upstreamRuns).toBe(traffic.distinctQueries);
    // Waits are coalesced per instance: a poll ends when one of its jobs finishes, so at most one
    // poll per job and instance, however many viewers wait (far fewer than one per tile).
    expect(traffic.upstreamWaits).toBeLessThanOrEqual(2 * traffic.distinctQueries);
  });

  it('control: with share: false every tile of every viewer runs and waits on its own', async () => {
    const traffic = await openDashboards(false);

    expect(traffic.completedTiles).toBe(24 * 8);
    expect(traffic.upstreamRuns).toBe(24 * 8);
    expect(traffic.upstreamWaits).toBeGreaterThanOrEqual(24 * 8);
  });
});
