/** The outcome of {@link fetchUpstream}: Omni's response, or why there is none. */
export type UpstreamResult =
  | { ok: true; response: Response }
  | { ok: false; reason: 'client-abort' }
  | { ok: false; reason: 'timeout' }
  | { ok: false; reason: 'network'; error: unknown };

/** Longest delay `setTimeout` honours; a larger one fires at once, so it counts as no timeout. */
const maxTimerMs = 2 ** 31 - 1;

/**
 * Calls Omni with the client's abort signal linked in, and aborts when the response headers take
 * longer than `timeoutMs`. The link to the client's signal outlives this call on purpose: a client
 * that goes away while the body streams aborts the upstream request too.
 */
export async function fetchUpstream(
  fetchImpl: typeof fetch,
  { url, method, headers, body }: { url: string; method: string; headers: Headers; body: Uint8Array<ArrayBuffer> | undefined },
  clientSignal: AbortSignal,
  timeoutMs: number,
): Promise<UpstreamResult> {
  if (clientSignal.aborted) return { ok: false, reason: 'client-abort' };
  const controller = new AbortController();
  clientSignal.addEventListener('abort', () => controller.abort(clientSignal.reason), { once: true });
  let timedOut = false;
  const timer =
    timeoutMs <= maxTimerMs
      ? setTimeout(() => {
          timedOut = true;
          controller.abort(new Error(`No response headers within ${timeoutMs} ms.`));
        }, timeoutMs)
      : undefined;
  try {
    const response = await fetchImpl(url, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
      signal: controller.signal,
      // A redirect would send the request (and, for some runtimes, the token) elsewhere.
      redirect: 'manual',
      // Next.js patches fetch and may cache GETs; a wait answer must never be served from a cache.
      cache: 'no-store',
    });
    return { ok: true, response };
  } catch (error) {
    if (clientSignal.aborted) return { ok: false, reason: 'client-abort' };
    if (timedOut) return { ok: false, reason: 'timeout' };
    return { ok: false, reason: 'network', error };
  } finally {
    clearTimeout(timer);
  }
}
