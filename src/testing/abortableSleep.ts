/**
 * Resolves after `ms`, as soon as `signal` aborts, or when `wakers` is rung (each function in the
 * set is called once by whoever changed the world, e.g. a job was released). Never rejects. An
 * infinite `ms` sleeps until aborted or woken: `setTimeout` would treat it as 1 ms.
 * @returns `'slept'` when the full time passed, `'woken'` when rung early, `'aborted'` when the signal cut it short.
 */
export function abortableSleep(
  ms: number,
  signal: AbortSignal,
  wakers?: Set<() => void>,
): Promise<'slept' | 'woken' | 'aborted'> {
  if (signal.aborted) return Promise.resolve('aborted');
  return new Promise((resolve) => {
    const done = (outcome: 'slept' | 'woken' | 'aborted') => {
      if (timer !== undefined) clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      wakers?.delete(onWake);
      resolve(outcome);
    };
    const onAbort = () => done('aborted');
    const onWake = () => done('woken');
    const timer = Number.isFinite(ms) ? setTimeout(() => done('slept'), Math.max(0, ms)) : undefined;
    signal.addEventListener('abort', onAbort, { once: true });
    wakers?.add(onWake);
  });
}
