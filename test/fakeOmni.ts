/**
 * The fake Omni of the project's tests and stories: `omni-query-hooks/testing` (src/testing), with its
 * msw handlers attached as `handlers`, since every test and story here already runs msw.
 */
import { createFakeOmni as createFetchOnlyFakeOmni, type FakeOmni, type FakeOmniOptions } from '../src/testing/index.js';
import { toMswHandlers } from '../src/testing/msw.js';

export * from '../src/testing/index.js';
export { toMswHandlers } from '../src/testing/msw.js';

/** A fake Omni and its msw handlers (`server.use(...omni.handlers)`, or `parameters.msw.handlers` in a story). */
export type FakeOmniWithHandlers = FakeOmni & { readonly handlers: ReturnType<typeof toMswHandlers> };

/** {@link createFetchOnlyFakeOmni}, plus `handlers`: the fake's msw handlers. */
export function createFakeOmni(options: FakeOmniOptions = {}): FakeOmniWithHandlers {
  const omni = createFetchOnlyFakeOmni(options);
  return Object.assign(omni, { handlers: toMswHandlers(omni) });
}
