/** A request budget enforced by the fake server, as Omni enforces 60 requests a minute per key. */
export interface BudgetGate {
  /** Put in front of the fake: a 429 (with `Retry-After`) beyond the budget, or `undefined` to let the request through. */
  refuse(): Response | undefined;
  /** Arrival times (`performance.now()`) of the requests let through. */
  readonly admitted: number[];
  /** Requests answered 429. */
  readonly refused: number;
}

/**
 * Counts every request to the fake Omni in a sliding window and answers 429 (with `Retry-After`) to any
 * beyond `requests` per `intervalMs`. The window is `slackMs` (300 ms) shorter than the client's, so that delivery
 * jitter through the service worker (a request sent just as a slot frees arriving a few ms early) is not
 * taken for a client overrunning its budget. (The kit's own `rateLimit` option has no such slack.)
 */
export function createBudgetGate(requests: number, intervalMs: number, slackMs = 300): BudgetGate {
  const admitted: number[] = [];
  let refused = 0;
  return {
    refuse() {
      const now = performance.now();
      const recent = admitted.filter((at) => at > now - (intervalMs - slackMs));
      if (recent.length >= requests) {
        refused += 1;
        return Response.json(
          { error: { code: 429, message: 'Rate limit exceeded' } },
          { status: 429, headers: { 'Retry-After': String(Math.ceil(intervalMs / 1000)) } },
        );
      }
      admitted.push(now);
      return undefined;
    },
    admitted,
    get refused() {
      return refused;
    },
  };
}
