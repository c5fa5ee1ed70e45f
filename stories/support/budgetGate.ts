import { http, HttpResponse, type RequestHandler } from 'msw';
import { FAKE_OMNI_ORIGIN } from './fakeOrigin.js';

/** A request budget enforced by the fake server, as Omni enforces 60 requests a minute per key. */
export interface BudgetGate {
  /** Put before the fake's own handlers: answers 429 beyond the budget, lets the rest through. */
  readonly handler: RequestHandler;
  /** Arrival times (`performance.now()`) of the requests let through. */
  readonly admitted: number[];
  /** Requests answered 429. */
  readonly refused: number;
}

/**
 * Counts every request to the fake Omni in a sliding window and answers 429 (with `Retry-After`) to any
 * beyond `requests` per `intervalMs`. The window is `slackMs` (300 ms) shorter than the client's, so that delivery
 * jitter through the service worker (a request sent just as a slot frees arriving a few ms early) is not
 * taken for a client overrunning its budget.
 */
export function createBudgetGate(requests: number, intervalMs: number, slackMs = 300): BudgetGate {
  const admitted: number[] = [];
  let refused = 0;
  const handler = http.all(`${FAKE_OMNI_ORIGIN}/api/*`, () => {
    const now = performance.now();
    const recent = admitted.filter((at) => at > now - (intervalMs - slackMs));
    if (recent.length >= requests) {
      refused += 1;
      return HttpResponse.json(
        { error: { code: 429, message: 'Rate limit exceeded' } },
        { status: 429, headers: { 'Retry-After': String(Math.ceil(intervalMs / 1000)) } },
      );
    }
    admitted.push(now);
    // Nothing returned: msw hands the request to the next handler, the fake Omni.
    return undefined;
  });
  return {
    handler,
    admitted,
    get refused() {
      return refused;
    },
  };
}
