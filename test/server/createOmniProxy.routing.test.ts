import { describe, expect, it } from 'vitest';
import { createOmniProxy } from '../../src/server.js';
import { APP, BASE_PATH, OMNI, SERVER_TOKEN, appUrl, jobIdsQuery, setupOmniUpstream } from './omniUpstream.js';

const { received } = setupOmniUpstream();
const proxy = createOmniProxy({ baseUrl: OMNI, token: SERVER_TOKEN, basePath: BASE_PATH });
const ids = jobIdsQuery(['a']);

/** Reads an error answer as the browser client would: Omni's `{"error":{"code","message"}}` shape. */
async function omniError(response: Response): Promise<{ code: number; message: string }> {
  expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  const body = (await response.json()) as { error: { code: number; message: string } };
  expect(body.error.code).toBe(response.status);
  expect(body.error.message).toEqual(expect.any(String));
  return body.error;
}

// Each URL goes through `new Request`, so it is parsed exactly as a runtime parses an incoming
// request: `..`, `%2e%2e` and `\` are resolved before the handler sees them. Either way nothing
// may reach Omni.
const pathTricks: [name: string, url: string][] = [
  ['.. climbing out of the allowed path', appUrl(`/api/v1/query/wait/../../admin${ids}`)],
  ['.. climbing out of basePath', `${APP}${BASE_PATH}/../../api/v1/query/wait${ids}`],
  ['%2e%2e segments', appUrl(`/api/v1/query/%2e%2e/%2E%2E/users${ids}`)],
  ['mixed .%2e segments', appUrl(`/api/v1/query/wait/.%2e/.%2E/admin${ids}`)],
  ['encoded slash inside a segment', appUrl(`/api/v1/query%2Fwait${ids}`)],
  ['encoded slashes throughout', appUrl(`/api%2Fv1%2Fquery%2Fwait${ids}`)],
  ['encoded slash and dots after the path', appUrl(`/api/v1/query/wait%2F..%2F..%2Fadmin${ids}`)],
  ['encoded backslash', appUrl(`/api%5Cv1%5Cquery%5Cwait${ids}`)],
  ['backslashes with ..', appUrl(`/api/v1/query/wait\\..\\..\\admin${ids}`)],
  ['double slash after basePath', `${APP}${BASE_PATH}//api/v1/query/wait${ids}`],
  ['double slash inside the path', appUrl(`/api/v1//query/wait${ids}`)],
  ['a full URL in the path', appUrl(`/https://evil.example/api/v1/query/wait${ids}`)],
  ['a protocol-relative host in the path', appUrl(`//evil.example/api/v1/query/wait${ids}`)],
  ['an encoded protocol-relative host', appUrl(`/%2F%2Fevil.example/api/v1/query/wait${ids}`)],
  ['an encoded ? smuggling a query into the path', appUrl('/api/v1/query/wait%3Fjob_ids=%5B%22a%22%5D')],
  ['an encoded # in the path', appUrl(`/api/v1/query/wait%23${ids}`)],
  ['a ;parameter segment', appUrl(`/api/v1/query/wait;jsessionid=1${ids}`)],
  ['a percent-encoded letter', appUrl(`/api/v1/query/w%61it${ids}`)],
  ['an encoded NUL', appUrl(`/api/v1/query/wait%00${ids}`)],
  ['an encoded space', appUrl(`/api/v1/query/wait%20${ids}`)],
  ['upper case', appUrl(`/API/V1/QUERY/WAIT${ids}`)],
  ['a trailing slash', appUrl(`/api/v1/query/wait/${ids}`)],
  ['a prefix of basePath', `${APP}${BASE_PATH}x/api/v1/query/wait${ids}`],
  ['the path without basePath', `${APP}/api/v1/query/wait${ids}`],
  ['basePath alone', `${APP}${BASE_PATH}`],
  ['another Omni endpoint', appUrl('/api/v1/documents')],
  ['another query endpoint', appUrl('/api/v1/query/cancel')],
  ['a longer path', appUrl(`/api/v1/query/wait/extra${ids}`)],
  ['a prototype key', appUrl('/__proto__')],
];

describe('createOmniProxy routing', () => {
  it.each(pathTricks)('rejects %s with 404 and sends nothing upstream', async (_name, url) => {
    const response = await proxy(new Request(url));

    expect(response.status).toBe(404);
    const error = await omniError(response);
    expect(error.message).toContain(`${BASE_PATH}/api/v1/query/wait`);
    expect(received).toEqual([]);
  });

  it('still sees encoded tricks after the runtime parsed the URL (the table is not vacuous)', () => {
    expect(new URL(appUrl('/api/v1/query%2Fwait')).pathname).toBe(`${BASE_PATH}/api/v1/query%2Fwait`);
    expect(new URL(`${APP}${BASE_PATH}//api/v1/query/wait`).pathname).toBe(`${BASE_PATH}//api/v1/query/wait`);
    expect(new URL(appUrl('/api/v1/query/wait\\..\\..\\admin')).pathname).toBe(`${BASE_PATH}/api/v1/admin`);
  });

  it.each([
    ['POST', '/api/v1/query/wait', 'GET'],
    ['PUT', '/api/v1/query/wait', 'GET'],
    ['DELETE', '/api/v1/query/wait', 'GET'],
    ['HEAD', '/api/v1/query/wait', 'GET'],
    ['OPTIONS', '/api/v1/query/wait', 'GET'],
    ['GET', '/api/v1/query/run', 'POST'],
    ['PUT', '/api/v1/query/run', 'POST'],
    ['PATCH', '/api/v1/query/run', 'POST'],
  ])('answers %s %s with 405 and Allow: %s', async (method, path, allow) => {
    const hasBody = method !== 'GET' && method !== 'HEAD';
    const response = await proxy(
      new Request(appUrl(`${path}${ids}`), {
        method,
        ...(hasBody ? { body: '{}', headers: { 'content-type': 'application/json' } } : {}),
      }),
    );

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe(allow);
    if (method !== 'HEAD') expect((await omniError(response)).message).toContain(allow);
    expect(received).toEqual([]);
  });
});

describe('createOmniProxy query string', () => {
  it.each([
    ['no job_ids', ''],
    ['an empty query', '?'],
    ['job_ids twice', `?job_ids=${encodeURIComponent('["a"]')}&job_ids=${encodeURIComponent('["b"]')}`],
    ['both job_ids and jobIds', `?job_ids=${encodeURIComponent('["a"]')}&jobIds=b`],
    ['an extra parameter', `?job_ids=${encodeURIComponent('["a"]')}&url=https://evil.example`],
    ['an encoded & inside job_ids', `?job_ids=${encodeURIComponent('["a"]&admin=true')}`],
    ['an unknown parameter alone', '?ids=a'],
    ['job_ids that is not JSON', '?job_ids=a,b'],
    ['job_ids that is a JSON string', `?job_ids=${encodeURIComponent('"a"')}`],
    ['job_ids as an empty array', `?job_ids=${encodeURIComponent('[]')}`],
    ['job_ids with a number', `?job_ids=${encodeURIComponent('["a",1]')}`],
    ['job_ids with an empty id', `?job_ids=${encodeURIComponent('["a",""]')}`],
    ['jobIds with an empty item', '?jobIds=a,,b'],
    ['jobIds empty', '?jobIds='],
  ])('answers a wait with %s 400 and sends nothing upstream', async (_name, query) => {
    const response = await proxy(new Request(appUrl(`/api/v1/query/wait${query}`)));

    expect(response.status).toBe(400);
    await omniError(response);
    expect(received).toEqual([]);
  });

  it('answers a run with a query string 400', async () => {
    const response = await proxy(
      new Request(appUrl('/api/v1/query/run?resultType=csv'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query":{}}',
      }),
    );

    expect(response.status).toBe(400);
    await omniError(response);
    expect(received).toEqual([]);
  });
});
