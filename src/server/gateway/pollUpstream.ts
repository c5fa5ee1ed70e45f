import { RateLimitedError } from '../../budget/createRateLimiter.js';
import { fetchUpstream } from '../fetchUpstream.js';
import { upstreamRequestHeaders } from '../headers.js';
import { limitStream } from '../limitStream.js';
import { readToken } from '../readToken.js';
import { reportError } from '../reportError.js';
import type { ResolvedProxyOptions } from '../resolveProxyOptions.js';
import { cancelQuietly } from '../streams.js';
import type { PollStart, WaitFailure } from './createWaitCoalescer.js';
import type { GatewayKeys } from './gatewayKeys.js';
import type { ProxyBudget } from './ProxyBudget.js';
import { StoreFault } from './StoreFault.js';
import { redactor } from '../../rules/redactor.js';

/**
 * The coalescer's upstream long poll: one `GET /api/v1/query/wait` with the server token, through
 * the key's budget, answered with Omni's body (capped at `maxResponseBodyBytes`) or the failure
 * every browser held on it gets: Omni's own status for an error answer (with its `Retry-After`),
 * 502 when Omni cannot be reached, 504 when it sent no headers in time, 429 when the budget is spent,
 * 503 when the store failed.
 */
export function pollUpstream(
  config: ResolvedProxyOptions,
  budget: ProxyBudget | undefined,
  keys: (token: string, partition: string) => Promise<GatewayKeys>,
) {
  return async (ids: () => string[], signal: AbortSignal): Promise<PollStart> => {
    const token = await readToken(config);
    if (token === undefined) return failed(500, 'The Omni proxy is not configured with a usable token.');
    let release: (() => void) | undefined;
    if (budget !== undefined) {
      try {
        const maxWaitMs = config.rateLimit?.maxWaitMs ?? Infinity;
        release = await budget.acquire((await keys(token, '')).budget, {
          signal,
          maxWaitMs: maxWaitMs === Infinity ? undefined : maxWaitMs,
        });
      } catch (error) {
        if (error instanceof RateLimitedError) {
          const seconds = Math.max(1, Math.ceil(error.retryAfterMs / 1000));
          return failed(429, `Too many requests: the proxy's request budget for Omni is used up. Retry in ${seconds} s.`, {
            'retry-after': String(seconds),
          });
        }
        if (error instanceof StoreFault) {
          reportError(config, error, 'store');
          return failed(503, 'The Omni proxy’s shared store is unavailable.', { 'retry-after': '1' });
        }
        throw error;
      }
    }
    const url = `${config.upstreamPrefix}/api/v1/query/wait?job_ids=${encodeURIComponent(JSON.stringify(ids()))}`;
    const headers = upstreamRequestHeaders(new Headers({ accept: 'application/x-ndjson, application/json' }), token, false);
    let result;
    try {
      result = await fetchUpstream(config.fetch, { url, method: 'GET', headers, body: undefined }, signal, config.timeoutMs);
    } finally {
      release?.();
    }
    if (!result.ok) {
      if (result.reason === 'client-abort') throw signal.reason;
      if (result.reason === 'timeout') {
        reportError(config, new Error(`Omni sent no response headers within ${config.timeoutMs} ms.`), 'upstream');
        return failed(504, 'Omni did not answer in time.');
      }
      reportError(config, result.error, 'upstream');
      return failed(502, 'Omni could not be reached.');
    }
    const upstream = result.response;
    if (upstream.status < 200 || upstream.status > 299 || upstream.body === null) {
      cancelQuietly(upstream.body);
      const status = upstream.status >= 400 && upstream.status <= 599 ? upstream.status : 502;
      reportError(config, new Error(`Omni answered the shared wait with status ${upstream.status}.`), 'upstream');
      const retryAfter = upstream.headers.get('retry-after');
      return failed(
        status,
        status === 429 ? 'Too many requests: Omni refused the wait.' : `Omni answered the wait with status ${upstream.status}.`,
        retryAfter === null ? {} : { 'retry-after': retryAfter },
      );
    }
    const body = limitStream(upstream.body, config.maxResponseBodyBytes, signal, (cut) => {
      reportError(
        config,
        cut.reason === 'too-large' ? new Error(`Omni's wait answer passed maxResponseBodyBytes (${cut.maxBytes}).`) : cut.error,
        'response',
      );
    });
    return { ok: true, body, redact: redactor(token) };
  };
}

function failed(status: number, message: string, headers: Record<string, string> = {}): { ok: false; failure: WaitFailure } {
  return { ok: false, failure: { status, message, headers } };
}
