// The example's end-to-end test: builds the app without secrets, starts the fake Omni and `next start`,
// then checks the server HTML and, in Chromium, what the browser sends. Prints the measurements and a
// closing `N passed, N failed`. `--skip-build` reuses the last build (for quick iterations).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const example = fileURLToPath(new URL('..', import.meta.url));
const FAKE_PORT = Number(process.env.FAKE_OMNI_PORT ?? 4010);
const APP_PORT = Number(process.env.APP_PORT ?? 3100);
const APP = `http://127.0.0.1:${APP_PORT}`;
const SECRETS = { OMNI_BASE_URL: `http://127.0.0.1:${FAKE_PORT}`, OMNI_API_KEY: 'example-fake-key' };
const TIMING_RUNS = Number(process.env.TIMING_RUNS ?? 5);
const next = fileURLToPath(new URL('../node_modules/next/dist/bin/next', import.meta.url));

const results = [];
const measurements = [];
const children = [];

/** Runs one named check; a throw fails it, the others still run. */
async function check(name, body) {
  try {
    await body();
    results.push({ name, ok: true });
    console.log(`✓ ${name}`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(`✗ ${name}\n    ${error instanceof Error ? error.message : String(error)}`);
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** The environment of every child: no telemetry, and the Omni variables only where given. */
function env(extra = {}) {
  const inherited = { ...process.env };
  delete inherited.OMNI_BASE_URL;
  delete inherited.OMNI_API_KEY;
  return { ...inherited, NEXT_TELEMETRY_DISABLED: '1', ...extra };
}

function start(command, args, extra, ready) {
  const child = spawn(command, args, { cwd: example, env: env(extra), stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  const collect = (chunk) => (output += chunk);
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} did not start:\n${output}`)), 60_000);
    const poll = setInterval(() => {
      if (ready.test(output)) {
        clearTimeout(timer);
        clearInterval(poll);
        resolve({ child, output: () => output });
      }
    }, 50);
    child.on('exit', (code) => {
      clearTimeout(timer);
      clearInterval(poll);
      reject(new Error(`${args.join(' ')} exited with ${code}:\n${output}`));
    });
  });
}

async function fakeStats() {
  return (await fetch(`http://127.0.0.1:${FAKE_PORT}/__stats`)).json();
}

/** The server HTML of `path`, with when (ms after the request) its first byte and `marker` arrived. */
async function serverHtml(path, marker) {
  const startedAt = performance.now();
  const response = await fetch(`${APP}${path}`);
  const decoder = new TextDecoder();
  let html = '';
  let firstByteMs;
  let markerMs;
  for await (const chunk of response.body) {
    firstByteMs ??= performance.now() - startedAt;
    html += decoder.decode(chunk, { stream: true });
    if (markerMs === undefined && marker.test(html)) markerMs = performance.now() - startedAt;
  }
  return { status: response.status, html, firstByteMs, markerMs, totalMs: performance.now() - startedAt };
}

/** The requests a page sends to the proxy, recorded from before navigation. */
function proxyRequests(page) {
  const seen = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/omni/')) seen.push(`${request.method()} ${url.pathname.replace('/api/omni/api/v1/', '')}`);
  });
  return seen;
}

/** Until React has hydrated `selector` (its props are attached), so that events reach React. */
async function hydrated(page, selector) {
  await page.waitForFunction(
    (css) => {
      const element = document.querySelector(css);
      return element !== null && Object.keys(element).some((key) => key.startsWith('__reactProps'));
    },
    selector,
    { timeout: 20_000 },
  );
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  if (!process.argv.includes('--skip-build')) {
    await check('next build passes with neither OMNI_BASE_URL nor OMNI_API_KEY set', async () => {
      const startedAt = performance.now();
      const build = spawn(process.execPath, [next, 'build'], { cwd: example, env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      build.stdout.on('data', (chunk) => (output += chunk));
      build.stderr.on('data', (chunk) => (output += chunk));
      const [code] = await once(build, 'exit');
      const seconds = (performance.now() - startedAt) / 1000;
      measurements.push(`next build (no secrets): ${seconds.toFixed(1)} s`);
      assert(code === 0, `next build exited with ${code}:\n${output}`);
    });
  }

  await start(process.execPath, ['scripts/fake-omni.mjs'], { ...SECRETS, FAKE_OMNI_PORT: String(FAKE_PORT) }, /listening/);
  await start(process.execPath, [next, 'start', '-p', String(APP_PORT), '-H', '127.0.0.1'], SECRETS, /Ready|started server/i);

  await check('the prefetched page has the tile’s values in its server HTML', async () => {
    const page = await serverHtml('/', /1234\.5/);
    assert(page.status === 200, `status ${page.status}`);
    const tile = /<table data-testid="sales-tile"[^>]*data-status="success"[\s\S]*?<\/table>/.exec(page.html)?.[0] ?? '';
    for (const value of ['EU', '1234.5', '42', 'US', '2345.25', '58'])
      assert(tile.includes(`>${value}<`), `no ${value} in the tile's HTML`);
    assert(!page.html.includes(SECRETS.OMNI_API_KEY), 'the token is in the HTML');
    assert(!page.html.includes(SECRETS.OMNI_BASE_URL), 'the Omni URL is in the HTML');
  });

  await check('the streamed page sends its shell first, then the tile in the same response', async () => {
    const page = await serverHtml('/streamed', /2026-03/);
    assert(page.status === 200, `status ${page.status}`);
    assert(page.html.includes('data-testid="monthly-fallback"'), 'no fallback in the shell');
    assert(page.markerMs !== undefined, 'the tile never arrived in the HTML');
    assert(page.markerMs - page.firstByteMs > 500, `the tile came with the shell (${page.firstByteMs} ms, ${page.markerMs} ms)`);
    assert(!page.html.includes(SECRETS.OMNI_API_KEY), 'the token is in the HTML');
    measurements.push(
      `streamed page: shell after ${page.firstByteMs.toFixed(0)} ms, tile in the HTML after ${page.markerMs.toFixed(0)} ms (query takes 1.5 s)`,
    );
  });

  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    await check('prefetched page: 0 requests to /api/omni after hydration; a filter change sends exactly 1 run', async () => {
      const page = await browser.newPage();
      const seen = proxyRequests(page);
      await page.goto(`${APP}/`);
      await hydrated(page, '[data-testid="region"]');
      await page.waitForTimeout(1500);
      assert(seen.length === 0, `requests after hydration: ${seen.join(', ')}`);
      measurements.push(`prefetched page: ${seen.length} requests to /api/omni after load`);

      await page.selectOption('[data-testid="region"]', 'EU');
      await page.waitForFunction(() => {
        const tile = document.querySelector('[data-testid="sales-tile"]');
        return tile?.getAttribute('data-status') === 'success' && tile.querySelectorAll('tr').length === 1;
      });
      await page.waitForTimeout(1000);
      const runs = seen.filter((request) => request === 'POST query/run');
      assert(runs.length === 1, `runs after the filter change: ${runs.length} (${seen.join(', ')})`);
      assert((await page.textContent('[data-testid="sales-tile"]')).includes('1234.5'), 'the EU row is not shown');
      measurements.push(`prefetched page, filter change: ${seen.length} request(s): ${seen.join(', ')}`);
      await page.close();
    });

    await check('streamed page: the Suspense tile fills in with 0 requests from the browser, at most 1 run in all', async () => {
      const before = await fakeStats();
      const page = await browser.newPage();
      const seen = proxyRequests(page);
      await page.goto(`${APP}/streamed`);
      await page.waitForSelector('[data-testid="monthly-tile"] tr', { timeout: 20_000 });
      await hydrated(page, '[data-testid="monthly-tile"]');
      await page.waitForTimeout(1500);
      assert(seen.length === 0, `browser requests: ${seen.join(', ')}`);
      const after = await fakeStats();
      const runs = (after.byEndpoint.run ?? 0) - (before.byEndpoint.run ?? 0);
      // At most the server's prefetch: 0 when the proxy still shares the result an earlier request of this test made.
      assert(runs <= 1, `runs that reached Omni for the page: ${runs}`);
      measurements.push(`streamed page: ${seen.length} requests to /api/omni from the browser, ${runs} run(s) at Omni`);
      await page.close();
    });

    await check('client-only page: the tile loads in the browser through the route handler', async () => {
      const page = await browser.newPage();
      const seen = proxyRequests(page);
      await page.goto(`${APP}/client-only`);
      await page.waitForSelector('[data-testid="sales-tile"] tr', { timeout: 20_000 });
      await page.waitForTimeout(1000);
      assert(seen.filter((request) => request === 'POST query/run').length === 1, `requests: ${seen.join(', ')}`);
      measurements.push(`client-only page: ${seen.length} request(s) to /api/omni: ${seen.join(', ')}`);
      await page.close();
    });

    await check('time to first tile: server-rendered page vs client-only page', async () => {
      const times = { '/': [], '/client-only': [] };
      const html = [];
      for (let i = 0; i < TIMING_RUNS; i++) {
        html.push((await serverHtml('/', /1234\.5/)).markerMs);
        for (const path of Object.keys(times)) {
          const page = await browser.newPage();
          // Noted by the page itself, as the parser or React inserts the first row (ms since navigation start).
          await page.addInitScript(() => {
            new MutationObserver((_, observer) => {
              if (document.querySelector('[data-testid="sales-tile"] tr') === null) return;
              globalThis.firstTileAt = performance.now();
              observer.disconnect();
            }).observe(document, { childList: true, subtree: true });
          });
          await page.goto(`${APP}${path}`);
          await page.waitForFunction(() => globalThis.firstTileAt !== undefined, undefined, { timeout: 20_000 });
          times[path].push(await page.evaluate(() => globalThis.firstTileAt));
          await page.close();
        }
      }
      const prefetched = median(times['/']);
      const clientOnly = median(times['/client-only']);
      measurements.push(
        `time to first tile (median of ${TIMING_RUNS}): in the server HTML ${median(html).toFixed(0)} ms after the request; ` +
          `first row in Chromium's DOM ${prefetched.toFixed(0)} ms (server-rendered) vs ${clientOnly.toFixed(0)} ms (client-only) after navigation start, ` +
          `ratio ${(clientOnly / prefetched).toFixed(2)}`,
      );
      assert(prefetched > 0 && clientOnly > 0, 'no timing');
    });
  } finally {
    await browser.close();
  }
}

try {
  await main();
} catch (error) {
  results.push({ name: 'setup', ok: false });
  console.log(`✗ setup\n    ${error instanceof Error ? error.message : String(error)}`);
} finally {
  for (const child of children) child.kill('SIGTERM');
}
console.log('\nMeasurements:');
for (const line of measurements) console.log(`  ${line}`);
const passed = results.filter((result) => result.ok).length;
const failed = results.length - passed;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
