// The library's fake Omni (omni-query-hooks/testing) on a local port, so the example runs without an
// Omni instance: OMNI_BASE_URL=http://127.0.0.1:4010. GET /__stats tells what it received.
import { createServer } from 'node:http';
import { createFakeOmni } from 'omni-query-hooks/testing';

const port = Number(process.env.FAKE_OMNI_PORT ?? 4010);
const baseUrl = `http://127.0.0.1:${port}`;

const sales = [
  { 'orders.region': 'EU', 'orders.revenue': 1234.5, 'orders.count': 42 },
  { 'orders.region': 'US', 'orders.revenue': 2345.25, 'orders.count': 58 },
];
const salesFields = [
  { name: 'orders.region', type: 'string' },
  { name: 'orders.revenue', type: 'number' },
  { name: 'orders.count', type: 'integer' },
];
const months = ['2026-01', '2026-02', '2026-03'].map((month, i) => ({
  'orders.month': month,
  'orders.revenue': 1000 * (i + 1) + 0.5,
}));

let runCount = 0;
const omni = createFakeOmni({
  baseUrl,
  token: process.env.OMNI_API_KEY,
  // Like Omni's long poll: a wait is held until a job is done (or 20 s pass).
  holdMs: 20_000,
  runs: (body) => {
    const id = `run-${++runCount}`;
    const query = body.query ?? {};
    const fields = Array.isArray(query.fields) ? query.fields : [];
    if (fields.includes('orders.month')) {
      // The streamed page's query: done a while after the run, so the page's shell goes out first.
      return {
        id,
        rows: months,
        fields: ['orders.month', 'orders.revenue'],
        finishAfterMs: Number(process.env.FAKE_OMNI_SLOW_MS ?? 1500),
      };
    }
    const region = query.filters?.['orders.region']?.values?.[0];
    return { id, rows: sales.filter((row) => region === undefined || row['orders.region'] === region), fields: salesFields };
  },
});

const server = createServer(async (req, res) => {
  if (req.url === '/__stats') {
    const byEndpoint = {};
    for (const request of omni.requests) byEndpoint[request.endpoint] = (byEndpoint[request.endpoint] ?? 0) + 1;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ requests: omni.requests.length, byEndpoint }));
    return;
  }
  const aborted = new AbortController();
  res.on('close', () => aborted.abort());
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD' && chunks.length > 0;
  const response = await omni.handle(
    new Request(new URL(req.url ?? '/', baseUrl), {
      method: req.method,
      headers,
      body: hasBody ? Buffer.concat(chunks) : undefined,
      signal: aborted.signal,
    }),
  );
  if (response.type === 'error') {
    res.destroy();
    return;
  }
  res.writeHead(response.status, Object.fromEntries(response.headers));
  try {
    if (response.body !== null) for await (const chunk of response.body) res.write(chunk);
  } catch {
    // The client went away.
  }
  res.end();
});

server.listen(port, '127.0.0.1', () => {
  console.log(`fake Omni listening on ${baseUrl}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
