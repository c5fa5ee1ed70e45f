import { http, type RequestHandler } from 'msw';
import { FAKE_OMNI_ORIGIN } from './fakeOrigin.js';
import type { WireLog } from './wireLog.js';

/**
 * What a scenario needs from a fake server: an answer to each request, as the testing kit's
 * `createFakeOmni(...).handle` gives it (`Response.error()` for a network failure).
 */
export interface FakeServer {
  handle(request: Request): Promise<Response>;
}

/** A story's server state, rebuilt every time the story renders. */
export interface FakeOmniScenario<F extends FakeServer> {
  /** Spread into the story's `parameters`: `parameters.msw.handlers` for this story only. */
  readonly parameters: { msw: { handlers: RequestHandler[] } };
  /** Put on the story: starts each render (and each test run) from a fresh server. */
  readonly beforeEach: () => void;
  /** The current run's server, for `play` to read `requests` or release a job. */
  readonly fake: F;
}

/**
 * Declares one story's fake Omni. The msw handler is declared with the story, and hands every request
 * to a server that `build` creates anew before every render, so the scenario replays from the start
 * (jobs that finish after N polls finish after N polls again) whether it runs in the test runner or is
 * opened twice in the UI. With `wireLog`, every response body is recorded there too, for a story that
 * shows what went over the wire.
 */
export function fakeOmniScenario<F extends FakeServer>(build: () => F, options: { wireLog?: WireLog } = {}): FakeOmniScenario<F> {
  let current: F | undefined;
  const server = (): F => (current ??= build());
  const handler = http.all(`${FAKE_OMNI_ORIGIN}/*`, async ({ request }) => {
    const response = await server().handle(request);
    // Reading a clone leaves the original stream to the client, chunk by chunk.
    if (options.wireLog && response.type !== 'error')
      void response
        .clone()
        .text()
        .then(options.wireLog.record, () => undefined);
    return response;
  });
  return {
    parameters: { msw: { handlers: [handler] } },
    beforeEach: () => {
      options.wireLog?.clear();
      current = build();
    },
    get fake() {
      return server();
    },
  };
}
