import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createFakeOmni } from '../fakeOmni.js';

/** The origin every client test talks to. */
export const BASE = 'https://acme.omniapp.co';

/**
 * An msw server for one test file (unhandled requests fail the test), and a factory that installs a
 * fresh fake Omni on it for one test.
 */
export function fakeOmniServer() {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  const fake = (options: Parameters<typeof createFakeOmni>[0] = {}) => {
    const omni = createFakeOmni({ baseUrl: BASE, ...options });
    server.use(...omni.handlers);
    return omni;
  };
  return { server, fake };
}
