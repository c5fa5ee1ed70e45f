import type { OmniClient } from '../client/OmniClient.js';
import { retryDelayMs, shouldRetry } from '../client/retryPolicy.js';
import { WaitBatcher, type WaitBatcherOptions } from './WaitBatcher.js';

const batchers = new WeakMap<OmniClient, WaitBatcher>();

/**
 * The one {@link WaitBatcher} of a client: every job of every component, on every QueryClient, that
 * uses this client shares its wait requests. Created on first use with `options` (later calls'
 * options are ignored) and dropped with the client.
 *
 * The pause after a failure follows the retry policy: when react-query will retry the failed wait,
 * the batcher holds all requests for the policy's delay (`Retry-After`, or backoff with jitter),
 * drawn once for everyone, so that the retries of thirty tiles are one request, not thirty.
 */
export function batcherFor(client: OmniClient, options: WaitBatcherOptions = {}): WaitBatcher {
  let batcher = batchers.get(client);
  if (batcher === undefined) {
    batcher = new WaitBatcher(client, { pauseAfterFailure: pauseLikeRetries, ...options });
    batchers.set(client, batcher);
  }
  return batcher;
}

/** react-query counts failures before the current one; the batcher counts the current one too. */
function pauseLikeRetries(failures: number, error: unknown): number {
  return shouldRetry(failures - 1, error) ? retryDelayMs(failures - 1, error) : 0;
}
