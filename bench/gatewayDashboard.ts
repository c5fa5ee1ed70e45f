// Upstream cost of 24 viewers opening one 8-tile dashboard (two tenants, so 16 distinct queries)
// through two proxy instances over one memory store, sharing on vs off, against a stand-in Omni.
// Run: node --import tsx bench/gatewayDashboard.ts
import { openDashboards } from '../test/server/gateway/dashboardScenario.js';

for (const share of [false, true]) {
  const traffic = await openDashboards(share);
  console.log(
    `share ${share ? 'on ' : 'off'}: ${traffic.viewers} viewers × ${traffic.tiles} tiles, ${traffic.distinctQueries} distinct queries → ` +
      `${traffic.upstreamRuns} upstream runs, ${traffic.upstreamWaits} upstream waits, ` +
      `${traffic.completedTiles} tiles complete, last viewer after ${traffic.lastViewerMs} ms`,
  );
}
