/**
 * `npm run bench:memory` (node --expose-gc --import tsx bench/memory.ts [--quick] [iterations] [modes]):
 * mounts and unmounts a 30-tile dashboard 1,000 times against the fake Omni and prints heap growth
 * after GC. A script, not a test: it measures, prints and gives a verdict, and exits non-zero on
 * growth, on a mount that does not finish, or on any thrown error.
 *
 * `--quick` (what CI runs): 40 mounts per mode, sampled every 10, numbers printed but no verdict: too
 * few mounts to tell a leak from noise, enough to prove that every mode still mounts, renders and
 * unmounts past the 30 mounts a default request budget would allow.
 *
 * Each mount: 30 tiles (20 jobs of their own, 9 tiles sharing 2–3 of those jobs, one tile on a job
 * that never finishes), one shared wait request answers the 20 jobs, every tile renders its rows,
 * then the never-finishing job's long poll is in flight when the dashboard unmounts (so abort and
 * cleanup paths run every time too).
 *
 * Two ways apps use the library, measured one after the other:
 * - `app`: one QueryClient and one OmniClient for the whole session, as a single-page app has; every
 *   mount is a new page view with new job ids. The QueryClient's `gcTime` is 0, so the cache drops a
 *   job as soon as no tile shows it: with the default 5 minutes the cache would rightly hold 30,000
 *   finished jobs after 1,000 views, which is retention by design, not a leak.
 * - `fresh`: a new QueryClient and OmniClient per mount, same job ids (tests, micro-frontends, a
 *   dashboard remounted with its providers); the QueryClient is cleared after unmount.
 *
 * - `control`: the same 30 tiles rendering fixed rows, with no hook and no request: the growth of
 *   React, happy-dom and V8 themselves, to read the other two against.
 *
 * React runs its production build under happy-dom. The heap is sampled after forced GC every 100
 * mounts from mount 100 on (the first 100 warm up JIT, module caches and pools). The verdict fits a
 * line through the samples and subtracts the control's slope: growth beyond it by more than 1 KB per
 * mount (about 1 MB over 1,000 mounts, less than one leaked tile's records and views per mount)
 * is a leak; anything below is noise.
 */
import { Window } from 'happy-dom';

process.env.NODE_ENV = 'production';
const quick = process.argv.includes('--quick');
const [iterationsArg, modesArg] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const iterations = Number(iterationsArg ?? (quick ? 40 : 1_000));
const modes = (modesArg ?? 'control,app,fresh').split(',') as Mode[];
type Mode = 'control' | 'app' | 'fresh';
const SAMPLE_EVERY = quick ? 10 : 100;
const LEAK_BYTES_PER_MOUNT = 1_024;
/**
 * The request budget of every OmniClient here. The default (Omni's 60 requests a minute) is spent by
 * mount 30 of the `app` mode, each mount sending a wait for its 20 jobs and the stuck job's long
 * poll; mount 31 then waits a minute for a slot and times out. The fake Omni enforces no limit, so the
 * budget only has to exceed what the bench sends (a few hundred requests a second at most). It stays
 * on rather than `rateLimit: false` so the limiter's slots are part of what is measured for growth.
 */
const BENCH_RATE_LIMIT = { requests: 10_000, intervalMs: 1_000 };
if (!Number.isInteger(iterations) || iterations < SAMPLE_EVERY * 2) {
  console.error(`bench:memory needs at least ${SAMPLE_EVERY * 2} mounts per mode to fit a line, got ${String(iterationsArg)}`);
  process.exit(2);
}
const unknownModes = modes.filter((mode) => !['control', 'app', 'fresh'].includes(mode));
if (unknownModes.length > 0) {
  console.error(`bench:memory: unknown mode(s) ${unknownModes.join(', ')}; use control, app, fresh`);
  process.exit(2);
}

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) {
  console.error('Run with --expose-gc: npm run bench:memory');
  process.exit(2);
}

// A DOM for React: happy-dom's window, its globals copied onto Node's global object.
const window = new Window({ url: 'https://dashboard.example/' });
const domGlobals = [
  'window',
  'document',
  'navigator',
  'HTMLElement',
  'HTMLDivElement',
  'Element',
  'Node',
  'Text',
  'Event',
  'CustomEvent',
  'EventTarget',
  'MutationObserver',
  'getComputedStyle',
  'requestAnimationFrame',
  'cancelAnimationFrame',
];
for (const name of domGlobals) {
  const value = (window as unknown as Record<string, unknown>)[name];
  const bound =
    typeof value === 'function' && /^[a-z]/.test(name) ? (value as (...args: unknown[]) => unknown).bind(window) : value;
  Object.defineProperty(globalThis, name, { value: bound, configurable: true, writable: true });
}

const React = await import('react');
const { createRoot } = await import('react-dom/client');
const { QueryClient, QueryClientProvider } = await import('@tanstack/react-query');
const { setupServer } = await import('msw/node');
const { createOmniClient } = await import('../src/client/createOmniClient.js');
const { OmniProvider } = await import('../src/react/OmniProvider.js');
const { useQueryResults } = await import('../src/react/useQueryResults.js');
const { createFakeOmni } = await import('../test/fakeOmni.js');
type QueryClientType = InstanceType<typeof QueryClient>;
type OmniClientType = ReturnType<typeof createOmniClient>;

const omni = createFakeOmni({ holdMs: 60_000 });
const server = setupServer(...omni.handlers);
server.listen({ onUnhandledRequest: 'error' });

const JOBS = 20;
const TILES = 30;
/** Tile → job indexes: 20 tiles with one job each, 9 sharing 2–3 of them, and the never-finishing job (-1). */
const layout: number[][] = [
  ...Array.from({ length: JOBS }, (_, index) => [index]),
  ...Array.from({ length: TILES - JOBS - 1 }, (_, index) =>
    [index, (index * 7 + 3) % JOBS, (index * 11 + 5) % JOBS].slice(0, 2 + (index % 2)),
  ),
  [-1],
];

function Tile({ ids, onStatus }: { ids: string[]; onStatus: (status: string) => void }) {
  const results = useQueryResults(ids);
  React.useEffect(() => {
    onStatus(results.status);
  }, [results.status, onStatus]);
  return React.createElement(
    'ul',
    null,
    results.jobs.flatMap((job) =>
      job.rows.map((row, index) => React.createElement('li', { key: `${job.jobId}-${index}` }, String(row['tile.value']))),
    ),
  );
}

function StaticTile({ values }: { values: number[] }) {
  return React.createElement(
    'ul',
    null,
    values
      .flatMap((value) => [value, value * 10])
      .map((value, index) => React.createElement('li', { key: index }, String(value))),
  );
}

/** Mounts the same layout with fixed rows and no hook: the baseline. */
async function mountControl(): Promise<void> {
  const container = document.createElement('div');
  document.body.appendChild(container);
  const root = createRoot(container as unknown as Element);
  root.render(
    React.createElement(
      React.Fragment,
      null,
      ...layout.map((jobs, tile) => React.createElement(StaticTile, { key: tile, values: jobs })),
    ),
  );
  while (container.querySelectorAll('li').length === 0) await new Promise((settle) => setTimeout(settle, 1));
  root.unmount();
  container.remove();
}

/** Mounts the dashboard, waits for every finishing tile's rows and the stuck job's poll, unmounts. */
async function mountOnce(queryClient: QueryClientType, client: OmniClientType, prefix: string): Promise<void> {
  omni.reset();
  const id = (index: number) => (index < 0 ? `${prefix}never` : `${prefix}job-${index}`);
  for (let index = 0; index < JOBS; index += 1)
    omni.addJob({ id: id(index), table: { 'tile.value': Int32Array.from([index, index * 10]) } });
  omni.addJob({ id: id(-1), table: { 'tile.value': Int32Array.from([0]) }, finishAfterPolls: Infinity });

  const container = document.createElement('div');
  document.body.appendChild(container);
  const root = createRoot(container as unknown as Element);
  const statuses = new Map<number, string>();
  const tiles = layout.map((jobs, tile) =>
    React.createElement(Tile, { key: tile, ids: jobs.map(id), onStatus: (status: string) => void statuses.set(tile, status) }),
  );
  root.render(
    React.createElement(QueryClientProvider, { client: queryClient }, React.createElement(OmniProvider, { client }, ...tiles)),
  );
  // Ready when every finishing tile shows its rows and the never-finishing job's next long poll is held.
  await new Promise<void>((resolve, reject) => {
    const deadline = setTimeout(() => {
      clearInterval(poll);
      reject(new Error(`mount ${prefix || '(fresh)'} did not finish: ${JSON.stringify([...statuses])}`));
    }, 10_000);
    const poll = setInterval(() => {
      const finished = [...statuses].filter(([tile, status]) => tile < TILES - 1 && status === 'success').length;
      if (finished === TILES - 1 && omni.inFlight === 1) {
        clearInterval(poll);
        clearTimeout(deadline);
        resolve();
      }
    }, 1);
  });
  root.unmount();
  container.remove();
  // The never-finishing job's long poll is aborted by the unmount; wait until the fake has seen it end.
  while (omni.inFlight > 0) await new Promise((settle) => setTimeout(settle, 1));
}

async function heapAfterGc(): Promise<number> {
  for (let round = 0; round < 4; round += 1) {
    await new Promise((settle) => setTimeout(settle, 10));
    gc!();
  }
  return process.memoryUsage().heapUsed;
}

/** Least-squares slope of `ys` over `xs`. */
function slope(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i += 1) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

/** Fitted growth per mount of the control run, the baseline the other modes are read against. */
let baselinePerMount = 0;

async function run(mode: Mode): Promise<boolean> {
  const shared =
    mode === 'app'
      ? {
          queryClient: new QueryClient({ defaultOptions: { queries: { gcTime: 0 } } }),
          client: createOmniClient({ baseUrl: omni.baseUrl, rateLimit: BENCH_RATE_LIMIT }),
        }
      : undefined;
  const xs: number[] = [];
  const ys: number[] = [];
  const started = performance.now();
  for (let mount = 1; mount <= iterations; mount += 1) {
    if (mode === 'control') {
      await mountControl();
    } else {
      const queryClient = shared?.queryClient ?? new QueryClient();
      const client = shared?.client ?? createOmniClient({ baseUrl: omni.baseUrl, rateLimit: BENCH_RATE_LIMIT });
      await mountOnce(queryClient, client, mode === 'app' ? `m${mount}-` : '');
      if (shared === undefined) queryClient.clear();
    }
    if (mount % SAMPLE_EVERY === 0) {
      const heap = await heapAfterGc();
      xs.push(mount);
      ys.push(heap);
      console.log(`  ${mode.padEnd(5)} mount ${String(mount).padStart(5)}: heap ${mb(heap)}`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const perMount = slope(xs, ys);
  const growth = ys.at(-1)! - ys[0]!;
  if (mode === 'control') baselinePerMount = Math.max(0, perMount);
  const excess = perMount - (mode === 'control' ? 0 : baselinePerMount);
  // Quick runs are too short to tell a leak from noise: they print the numbers and judge nothing.
  const ok = quick || excess < LEAK_BYTES_PER_MOUNT;
  if (shared !== undefined) {
    console.log(`  ${mode}: cache holds ${shared.queryClient.getQueryCache().getAll().length} queries after the last unmount`);
  }
  console.log(
    `${mode}: ${iterations} mounts in ${seconds.toFixed(1)} s; heap after GC ${mb(ys[0]!)} at mount ${xs[0]} → ${mb(ys.at(-1)!)} at mount ${xs.at(-1)} ` +
      `(${growth >= 0 ? '+' : ''}${mb(growth)}); fitted growth ${Math.round(perMount)} bytes/mount` +
      (mode === 'control' ? '' : `, ${Math.round(excess)} beyond the control's`) +
      ` → ${quick ? 'not judged (--quick)' : ok ? 'no growth beyond noise' : `GROWS (limit ${LEAK_BYTES_PER_MOUNT} bytes/mount)`}`,
  );
  return ok;
}

console.log(
  `bench:memory${quick ? ' --quick' : ''} — ${iterations} mounts of a ${TILES}-tile dashboard per mode: ${modes.join(', ')} (React ${React.version}, production build, happy-dom)`,
);
// A mount that does not finish throws; CI runs this script, so any error must end it with a non-zero
// exit instead of leaving msw and happy-dom holding the process open.
let exitCode = 1;
try {
  const results: boolean[] = [];
  for (const mode of modes) results.push(await run(mode));
  exitCode = results.every(Boolean) ? 0 : 1;
} catch (error) {
  console.error('bench:memory failed:', error);
} finally {
  server.close();
  await window.happyDOM.close();
}
process.exit(exitCode);
