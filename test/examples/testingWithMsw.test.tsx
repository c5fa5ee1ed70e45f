// With msw: the same fake Omni as request handlers, next to your app's other handlers.
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createOmniClient } from '../../src/index.js';
import { createFakeOmni } from '../../src/testing/index.js';
import { toMswHandlers } from '../../src/testing/msw.js';

const omni = createFakeOmni({ baseUrl: '/api/omni', runs: () => ({ rows: [{ 'orders.count': 3 }] }) });
const server = setupServer(...toMswHandlers(omni));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

it('answers the client through msw (the global fetch, no `fetch` option)', async () => {
  const client = createOmniClient({ baseUrl: '/api/omni' });
  const answer = await client.run({ query: { modelId: 'm', table: 'orders', fields: ['orders.count'] } });
  expect(answer.jobs.map((job) => job.status)).toEqual(['COMPLETE']);
  expect(omni.stats.runs).toBe(1);
});
