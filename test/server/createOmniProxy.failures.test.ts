import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { createOmniProxy, type OmniProxyErrorStage, type OmniProxyOptions } from '../../src/server.js';
import {
  BASE_PATH,
  OMNI,
  RUN_URL,
  SERVER_TOKEN,
  WAIT_URL,
  appUrl,
  exposedText,
  jobIdsQuery,
  setupOmniUpstream,
} from './omniUpstream.js';
import { PLAIN_FORWARDING } from './omniUpstream.js';

const { server, received } = setupOmniUpstream();
const waitRequest = () => new Request(appUrl(`/api/v1/query/wait${jobIdsQuery(['a'])}`));
const runRequest = () =>
  new Request(appUrl('/api/v1/query/run'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"query":{}}',
  });

/** A proxy whose `onError` calls are recorded. */
function observedProxy(extra: Partial<OmniProxyOptions> = {}) {
  const errors: { error: unknown; stage: OmniProxyErrorStage }[] = [];
  const proxy = createOmniProxy({
    ...PLAIN_FORWARDING,
    baseUrl: OMNI,
    token: SERVER_TOKEN,
    basePath: BASE_PATH,
    onError: (error, stage) => errors.push({ error, stage }),
    ...extra,
  });
  return { proxy, errors };
}

/** Everything an error exposes to a logger: message, stack, JSON, and its causes. */
function loggable(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return [String(error), error.stack, JSON.stringify(error), loggable(error.cause)].join('\n');
}

const consoleMethods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
let consoleSpies: MockInstance[] = [];
beforeEach(() => {
  consoleSpies = consoleMethods.map((method) => vi.spyOn(console, method));
});
afterEach(() => {
  // The proxy never logs, whatever happened.
  for (const spy of consoleSpies) expect(spy).not.toHaveBeenCalled();
  vi.restoreAllMocks();
});

describe('createOmniProxy upstream failures', () => {
  it('answers 502 with a JSON error when Omni cannot be reached', async () => {
    server.use(http.get(WAIT_URL, () => HttpResponse.error()));
    const { proxy, errors } = observedProxy();

    const response = await proxy(waitRequest());

    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({ error: { code: 502, message: 'Omni could not be reached.' } });
    expect(errors).toEqual([{ error: expect.any(TypeError), stage: 'upstream' }]);
  });

  it('answers 502 for a redirect instead of following it or passing Location on', async () => {
    server.use(
      http.post(
        RUN_URL,
        () => new HttpResponse(null, { status: 307, headers: { location: 'https://evil.example/api/v1/query/run' } }),
      ),
    );
    const { proxy, errors } = observedProxy();

    const response = await proxy(runRequest());

    expect(response.status).toBe(502);
    expect(response.headers.has('location')).toBe(false);
    expect(received.map(({ url }) => url.host)).toEqual(['omni.test']);
    expect(errors.map(({ stage }) => stage)).toEqual(['upstream']);
  });

  it('passes Omni’s own error statuses through (403 for a bad server key, 5xx)', async () => {
    server.use(
      http.get(WAIT_URL, () => HttpResponse.json({ error: { code: 403, message: 'Invalid bearer token' } }, { status: 403 })),
      http.post(RUN_URL, () => HttpResponse.json({ detail: 'Internal error', status: 500 }, { status: 500 })),
    );
    const { proxy, errors } = observedProxy();

    const forbidden = await proxy(waitRequest());
    const failed = await proxy(runRequest());

    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toEqual({ error: { code: 403, message: 'Invalid bearer token' } });
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({ detail: 'Internal error', status: 500 });
    expect(errors).toEqual([]);
  });
});

describe('createOmniProxy token handling', () => {
  it('answers 500 when the token function rejects, without calling Omni', async () => {
    const { proxy, errors } = observedProxy({ token: () => Promise.reject(new Error('vault sealed')) });

    const response = await proxy(waitRequest());

    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain('vault');
    expect(errors).toEqual([{ error: new Error('vault sealed'), stage: 'token' }]);
    expect(received).toEqual([]);
  });

  it.each([
    ['an empty string', ''],
    ['a value with a line break (header injection)', `${SERVER_TOKEN}\r\nx-admin: 1`],
    ['a value with a space', `${SERVER_TOKEN} extra`],
    ['a number', 42],
    ['undefined', undefined],
  ])('answers 500 for a token function giving %s, never quoting it', async (_name, value) => {
    const { proxy, errors } = observedProxy({ token: () => value as string });

    const response = await proxy(runRequest());

    expect(response.status).toBe(500);
    expect(errors.map(({ stage }) => stage)).toEqual(['token']);
    expect(loggable(errors[0]?.error)).not.toContain(SERVER_TOKEN);
    expect(received).toEqual([]);
  });

  it('redacts the token from an upstream error body that echoes it', async () => {
    server.use(
      http.get(WAIT_URL, ({ request }) =>
        HttpResponse.json({ error: { code: 401, message: `Rejected ${request.headers.get('authorization')}` } }, { status: 401 }),
      ),
    );
    const { proxy } = observedProxy();

    const response = await proxy(waitRequest());

    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { code: 401, message: 'Rejected Bearer [redacted]' } });
  });

  it('removes the start of a token cut in half where a long error body is truncated', async () => {
    const page = `${'x'.repeat(64 * 1024 - 12)}${SERVER_TOKEN} and more`;
    server.use(http.get(WAIT_URL, () => new HttpResponse(page, { status: 500, headers: { 'content-type': 'text/plain' } })));
    const { proxy } = observedProxy();

    const body = await (await proxy(waitRequest())).text();

    expect(body).toBe('x'.repeat(64 * 1024 - 12));
  });
});

describe('the server token never reaches the client', () => {
  it('appears in no response status, header or body and in no onError error, across every outcome', async () => {
    const echo = ({ request }: { request: Request }) =>
      new HttpResponse(`echo ${request.headers.get('authorization')} ${[...request.headers].join(';')}`, {
        status: 400,
        headers: { 'content-type': 'text/html', 'x-echo': request.headers.get('authorization') ?? '' },
      });
    const scenarios: [string, () => void, () => Request, Partial<OmniProxyOptions>?][] = [
      ['success', () => undefined, waitRequest],
      ['run success', () => undefined, runRequest],
      ['echoing error', () => server.use(http.get(WAIT_URL, echo)), waitRequest],
      ['network failure', () => server.use(http.get(WAIT_URL, () => HttpResponse.error())), waitRequest],
      [
        'redirect',
        () => server.use(http.get(WAIT_URL, () => HttpResponse.redirect(`https://evil.example/?t=${SERVER_TOKEN}`, 302))),
        waitRequest,
      ],
      [
        'timeout',
        () => server.use(http.get(WAIT_URL, () => new Promise<Response>(() => undefined))),
        waitRequest,
        { timeoutMs: 1 },
      ],
      ['unknown path', () => undefined, () => new Request(appUrl('/api/v1/users'))],
      ['wrong method', () => undefined, () => new Request(appUrl('/api/v1/query/run'))],
      ['bad query', () => undefined, () => new Request(appUrl('/api/v1/query/wait?job_ids=x'))],
      ['body too large', () => undefined, runRequest, { maxRequestBodyBytes: 4 }],
      ['response too large', () => undefined, waitRequest, { maxResponseBodyBytes: 4 }],
      ['forbidden', () => undefined, waitRequest, { authorize: () => false }],
      [
        'authorize throws',
        () => undefined,
        waitRequest,
        {
          authorize: () => {
            throw new Error('boom');
          },
        },
      ],
      ['bad token value', () => undefined, waitRequest, { token: () => `${SERVER_TOKEN}\n` }],
      [
        'client sends its own token',
        () => undefined,
        () => new Request(waitRequest(), { headers: { authorization: 'Bearer omni_osk_CLIENT' } }),
      ],
    ];

    for (const [name, arrange, request, options] of scenarios) {
      arrange();
      const { proxy, errors } = observedProxy(options);
      const response = await proxy(request());
      let exposed: string;
      try {
        exposed = await exposedText(response);
      } catch (error) {
        exposed = loggable(error);
      }
      const leaks = exposed.includes(SERVER_TOKEN);
      expect({ name, leaks }).toEqual({ name, leaks: false });
      for (const { error } of errors)
        expect({ name, error: loggable(error).includes(SERVER_TOKEN) }).toEqual({ name, error: false });
      server.resetHandlers();
    }
  });
});
