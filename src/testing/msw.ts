/**
 * `omni-query-hooks/testing/msw`: the fake Omni as msw request handlers, for apps that already mock
 * their HTTP with msw. A separate entry point, so that `omni-query-hooks/testing` never imports msw
 * (an optional peer dependency) and works with `omni.fetch` alone.
 */
import { http, type RequestHandler } from 'msw';
import type { FakeOmni } from './FakeOmni.js';

/**
 * msw handlers that answer the fake's three routes under its `baseUrl` (wait, run, document
 * queries) from `omni`; every other request is left to your other handlers.
 *
 * ```ts
 * import { setupServer } from 'msw/node';
 * import { createFakeOmni } from 'omni-query-hooks/testing';
 * import { toMswHandlers } from 'omni-query-hooks/testing/msw';
 *
 * const omni = createFakeOmni({ baseUrl: 'https://acme.omniapp.co', jobs: { 'job-1': { rows: [{ 'orders.count': 3 }] } } });
 * const server = setupServer(...toMswHandlers(omni));
 * ```
 */
export function toMswHandlers(omni: Pick<FakeOmni, 'baseUrl' | 'handle'>): RequestHandler[] {
  const answer = ({ request }: { request: Request }) => omni.handle(request);
  return [
    http.get(`${omni.baseUrl}/api/v1/query/wait`, answer),
    http.post(`${omni.baseUrl}/api/v1/query/run`, answer),
    http.get(`${omni.baseUrl}/api/v1/documents/:identifier/queries`, answer),
  ];
}
