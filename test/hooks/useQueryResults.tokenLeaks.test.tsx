/**
 * The token never shows: a full flow with a recognisable token, through success, a 429, a job
 * error, a decode error, a 403, and servers or proxies that echo the token back (an HTML error page,
 * a mid-stream error line, a job's error message, a 200 login page). Then everything a developer,
 * a devtools panel or an error reporter could see is serialised and searched for the token: query
 * keys and hashes, the whole query cache (keys, options, data, errors), every OmniError (message,
 * stack, toJSON, cause chain), all console output, and the DOM while the dashboard is mounted and
 * shows every failure. Positive controls show that each search finds what it looks for: real content
 * in every place, and a token planted in the DOM and the console.
 */
import { render, screen, waitFor } from '@testing-library/react';
import type { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { OmniError } from '../../src/errors/OmniError.js';
import type { QueryResults } from '../../src/results/OmniJobsResult.js';
import { useQueryResults } from '../../src/react/useQueryResults.js';
import { createFakeOmni } from '../fakeOmni.js';
import { newClient, providers, recordUnhandledRejections, server, TOKEN } from '../support/omniTest.js';
import { scriptedOmni } from '../support/scriptedOmni.js';
import { complete, footer, lines, resultOf } from '../support/wire.js';

const unhandled = recordUnhandledRejections();
const CONSOLE_METHODS = [
  'log',
  'info',
  'warn',
  'error',
  'debug',
  'trace',
  'dir',
  'dirxml',
  'table',
  'group',
  'groupCollapsed',
  'assert',
  'count',
  'timeLog',
] as const;

/**
 * JSON of anything, leaving nothing out: bigints as text, typed arrays and buffers as their bytes
 * read as Latin-1 text (a token held in raw bytes would show), errors with name, message, stack,
 * cause and own properties, Maps and Sets as arrays, and each object once (cycles).
 */
function serialise(value: unknown): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(value, function replacer(_key, item: unknown) {
    if (typeof item === 'bigint') return `${item}n`;
    if (typeof item === 'function') return `[function ${item.name}]`;
    if (typeof item !== 'object' || item === null) return item;
    if (seen.has(item)) return '[seen]';
    seen.add(item);
    if (ArrayBuffer.isView(item) || item instanceof ArrayBuffer) {
      const bytes =
        item instanceof ArrayBuffer ? new Uint8Array(item) : new Uint8Array(item.buffer, item.byteOffset, item.byteLength);
      return `[${item.constructor.name} ${new TextDecoder('latin1').decode(bytes)}]`;
    }
    if (item instanceof Error) {
      return {
        ...item,
        name: item.name,
        message: item.message,
        stack: item.stack,
        cause: item.cause,
        json: 'toJSON' in item ? (item as OmniError).toJSON() : undefined,
      };
    }
    if (item instanceof Map) return [...item.entries()];
    if (item instanceof Set) return [...item.values()];
    return item;
  });
}

/** Everything a developer, devtools or an error reporter could see, serialised, by where it was found. */
function everythingVisible(
  apps: readonly { queryClient: QueryClient }[],
  errors: readonly OmniError[],
  seen: ReadonlyMap<string, QueryResults[]>,
  consoleCalls: readonly MockInstance[],
): Record<string, string> {
  return {
    keys: serialise(
      apps.flatMap((app) =>
        app.queryClient
          .getQueryCache()
          .getAll()
          .map((query) => [query.queryKey, query.queryHash]),
      ),
    ),
    cache: serialise(
      apps.map((app) => ({
        queries: app.queryClient
          .getQueryCache()
          .getAll()
          .map((query) => ({
            key: query.queryKey,
            hash: query.queryHash,
            state: query.state,
            options: query.options,
            meta: query.meta,
          })),
        mutations: app.queryClient
          .getMutationCache()
          .getAll()
          .map((mutation) => mutation.state),
        defaults: app.queryClient.getDefaultOptions(),
      })),
    ),
    errorText: serialise(errors) + errors.map((error) => `${error.message}\n${error.stack ?? ''}\n${String(error)}`).join('\n'),
    results: serialise([...seen.values()].map((history) => history.at(-1))),
    consoleText: serialise(consoleCalls.map((spy) => spy.mock.calls)),
    dom: document.body.innerHTML,
  };
}

/** The places where the token was found: `[]` when it is nowhere. */
function placesWithToken(texts: Record<string, string>): string[] {
  return Object.entries(texts)
    .filter(([, text]) => text.includes(TOKEN))
    .map(([name]) => name);
}

/**
 * Positive control of the DOM and console searches: a token planted in a DOM attribute and in a
 * console call is found by the same searches, and nowhere else; the plants are removed after.
 */
function expectPlantedTokenFound(search: () => Record<string, string>) {
  const plant = document.createElement('div');
  plant.setAttribute('data-planted', `Bearer ${TOKEN}`);
  document.body.append(plant);
  try {
    expect(placesWithToken(search())).toEqual(['dom']);
  } finally {
    plant.remove();
  }
  const logged = vi.mocked(console.error);
  const before = logged.mock.calls.length;
  console.error('planted', { header: `Bearer ${TOKEN}` });
  try {
    expect(placesWithToken(search())).toEqual(['consoleText']);
  } finally {
    logged.mock.calls.splice(before);
  }
  expect(placesWithToken(search())).toEqual([]);
}

/** Every OmniError the components rendered, whole-request and per job. */
function renderedErrors(seen: ReadonlyMap<string, QueryResults[]>): OmniError[] {
  const errors: OmniError[] = [];
  for (const history of seen.values()) {
    for (const results of history) {
      if (results.error !== null) errors.push(results.error);
      for (const job of results.jobs) if (job.error !== undefined) errors.push(job.error);
    }
  }
  return errors;
}

function Tile({ name, ids, seen }: { name: string; ids: string[]; seen: QueryResults[] }) {
  const results = useQueryResults(ids);
  seen.push(results);
  return (
    <div data-testid={name} data-status={results.status}>
      {results.error?.message}{' '}
      {results.jobs.map((job) => `${job.jobId}:${job.status}:${job.error?.message ?? job.numRows}`).join(' | ')}
    </div>
  );
}

describe('the token appears nowhere', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('is absent from keys, cache, errors, console and DOM after a flow through every kind of failure, echoes included', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const consoleCalls = CONSOLE_METHODS.map((method) => vi.spyOn(console, method).mockImplementation(() => undefined));
    const echo = `Authorization: Bearer ${TOKEN}`;

    // Omni itself: good and failed jobs, a garbled result, a 429, then the token is revoked (403).
    const omni = createFakeOmni({ holdMs: 30, token: TOKEN });
    omni.addJob(
      { id: 'ok', table: { 'orders.count': Int32Array.from([3]) } },
      { id: 'failed', status: 'ERROR', errorMessage: 'Query failed: division by zero' },
      { id: 'garbled', result: 'bm90IGFycm93IGF0IGFsbA==' },
      { id: 'pending', table: { 'orders.count': Int32Array.from([4]) }, finishAfterPolls: Infinity },
    );
    omni.failNext({ status: 429, headers: { 'Retry-After': '0.05' }, body: { error: 'Too many requests', success: false } });
    // Servers and proxies that echo the Authorization header back, on every attempt.
    const proxy = scriptedOmni({
      baseUrl: 'https://proxy.omniapp.co',
      then: {
        status: 502,
        headers: { 'content-type': 'text/html', 'retry-after': '0' },
        body: `<html><h1>502 Bad Gateway</h1><pre>${echo}</pre></html>`,
      },
    });
    const midStream = scriptedOmni({
      baseUrl: 'https://midstream.omniapp.co',
      answers: [
        {
          body: lines(
            [
              complete('mid-ok', resultOf({ 'v.x': Int32Array.from([1]) })),
              { message: `upstream rejected ${echo}`, reason: echo },
            ],
            { trailing: false },
          ),
        },
      ],
      then: { body: lines([{ message: `upstream rejected ${echo}`, reason: echo }]) },
    });
    const portal = scriptedOmni({
      baseUrl: 'https://portal.omniapp.co',
      answers: [{ headers: { 'content-type': 'text/html' }, body: `<html><body>Signed in with ${echo}</body></html>` }],
    });
    server.use(...omni.handlers, ...proxy.handlers, ...midStream.handlers, ...portal.handlers);

    const apps = [
      { name: 'omni', ...providers(newClient(omni.baseUrl)), ids: ['ok', 'failed', 'garbled', 'pending'] },
      { name: 'proxy', ...providers(newClient(proxy.baseUrl, { token: () => Promise.resolve(TOKEN) })), ids: ['proxy-job'] },
      { name: 'midStream', ...providers(newClient(midStream.baseUrl)), ids: ['mid-ok', 'mid-job'] },
      { name: 'portal', ...providers(newClient(portal.baseUrl)), ids: ['portal-job'] },
    ];
    const seen = new Map(apps.map((app) => [app.name, [] as QueryResults[]]));
    const view = render(
      <>
        {apps.map(({ name, wrapper: Wrapper, ids }) => (
          <Wrapper key={name}>
            <Tile name={name} ids={ids} seen={seen.get(name)!} />
          </Wrapper>
        ))}
      </>,
    );
    await waitFor(() => expect(screen.getByTestId('omni').textContent).toContain('failed:error'), { timeout: 3_000 });
    omni.setToken('revoked-and-replaced');
    await waitFor(() => expect(screen.getByTestId('omni').dataset.status).toBe('error'), { timeout: 3_000 });
    await waitFor(() => expect(screen.getByTestId('proxy').dataset.status).toBe('error'), { timeout: 3_000 });
    await waitFor(() => expect(screen.getByTestId('midStream').dataset.status).toBe('error'), { timeout: 3_000 });
    await waitFor(() => expect(screen.getByTestId('portal').dataset.status).toBe('error'), { timeout: 3_000 });

    // The flow really happened: the token was sent, each failure reached the user as a typed error.
    expect(omni.requests[0]?.authorization).toBe(`Bearer ${TOKEN}`);
    for (const echoing of [proxy, midStream, portal]) {
      expect(echoing.requests.every((request) => request.authorization === `Bearer ${TOKEN}`)).toBe(true);
    }
    expect(omni.requests.map((request) => request.status)).toContain(429);
    expect(omni.requests.at(-1)?.status).toBe(403);
    const errors = renderedErrors(seen);
    const kinds = new Set(errors.map((error) => `${error.kind}${error.status ?? ''}`));
    for (const kind of ['http403', 'job', 'decode', 'http502', 'http500', 'schema']) expect(kinds).toContain(kind);
    expect(errors.every((error) => error instanceof OmniError)).toBe(true);

    // Searched while the dashboard is mounted and shows every failure.
    const search = () => everythingVisible(apps, errors, seen, consoleCalls);
    const texts = search();
    // Positive controls: the search looks at real content (the errors, the redacted echoes) ...
    expect(texts.keys).toContain('omni-query-hooks');
    expect(texts.cache).toContain('Invalid bearer token');
    expect(texts.cache).toContain('division by zero');
    expect(texts.errorText).toContain('[redacted]');
    expect(texts.errorText).toContain('502 Bad Gateway');
    for (const shown of ['Invalid bearer token', 'division by zero', '502 Bad Gateway', '[redacted]', 'garbled:error'])
      expect(texts.dom).toContain(shown);
    expect(placesWithToken(texts)).toEqual([]);
    // ... and finds a token where there is one.
    expectPlantedTokenFound(search);
    view.unmount();
    for (const request of omni.requests) expect(request.path).not.toContain(TOKEN);
    for (const request of [proxy, midStream, portal].flatMap((echoing) => echoing.requests))
      expect(request.search).not.toContain(TOKEN);
    expect(unhandled).toEqual([]);
  });

  it("is absent when Omni echoes it in a job line's error_message, error and kill_reason", async () => {
    const consoleCalls = CONSOLE_METHODS.map((method) => vi.spyOn(console, method).mockImplementation(() => undefined));
    const echo = `Authorization: Bearer ${TOKEN}`;
    const jobEcho = scriptedOmni({
      baseUrl: 'https://jobecho.omniapp.co',
      answers: [
        {
          body: lines([
            {
              job_id: 'echo-job',
              status: 'ERROR',
              client_result_id: 'null',
              error_message: `permission check failed for ${echo}`,
              error: { header: echo },
              kill_reason: echo,
            },
            { job_id: 'echo-plan', status: 'COMPLETE', summary: { display_sql: `-- Failed to plan query: ${echo}` } },
            footer([]),
          ]),
        },
      ],
    });
    server.use(...jobEcho.handlers);
    const app = { name: 'jobEcho', ...providers(newClient(jobEcho.baseUrl)) };
    const seen = new Map([[app.name, [] as QueryResults[]]]);
    const view = render(
      <app.wrapper>
        <Tile name="jobEcho" ids={['echo-job', 'echo-plan']} seen={seen.get(app.name)!} />
      </app.wrapper>,
    );
    await waitFor(() => expect(screen.getByTestId('jobEcho').dataset.status).toBe('success'));
    const errors = renderedErrors(seen);
    expect(errors.map((error) => [error.kind, error.jobId])).toContainEqual(['job', 'echo-job']);
    expect(errors.map((error) => [error.kind, error.jobId])).toContainEqual(['job', 'echo-plan']);
    const search = () => everythingVisible([app], errors, seen, consoleCalls);
    const texts = search();
    expect(texts.errorText).toContain('permission check failed');
    expect(texts.dom).toContain('permission check failed');
    expect(placesWithToken(texts)).toEqual([]);
    expectPlantedTokenFound(search);
    view.unmount();
    expect(unhandled).toEqual([]);
  });
});
