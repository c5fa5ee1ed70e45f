import { RateLimitedError, type ReleaseSlot } from '../../budget/createRateLimiter.js';
import { isTerminalLine } from '../../wire/jobStatus.js';
import { fetchUpstream } from '../fetchUpstream.js';
import { downstreamResponseHeaders, proxyErrorResponse, upstreamRequestHeaders } from '../headers.js';
import { MAX_ERROR_BODY_BYTES, readRedactedErrorBody } from '../readRedactedErrorBody.js';
import { reportError } from '../reportError.js';
import type { ResolvedProxyOptions } from '../resolveProxyOptions.js';
import { cancelQuietly } from '../streams.js';
import { createAnswerReader } from './createAnswerReader.js';
import type { StoredLine } from './createResultShelf.js';
import type { ProxyBudget } from './ProxyBudget.js';
import { redactor } from '../../rules/redactor.js';

/** Not a registered status, but the common one (nginx) for "the client closed the request first". */
export const CLIENT_CLOSED_REQUEST = 499;

/** What a run sent upstream ended with, once its body was read to the end. */
export interface RunEnd {
  /** The `jobs_submitted` header; `undefined` when the answer had none. */
  jobs: Record<string, string | null> | undefined;
  /** Terminal job lines, in order, as Omni sent them (minus the token). */
  lines: StoredLine[];
  /** False when the body broke, was cut or held something unreadable: its lines are not a whole result. */
  clean: boolean;
}

/** Hooks of {@link submitRun}: how the gateway learns what the run became. */
export interface RunHooks {
  /** Called once with the header's job ids, before the header reaches the browser. */
  onHeader(jobs: Record<string, string | null>): Promise<void>;
  /** Called once the upstream body was read to its end (whether or not the browser stayed). */
  onEnd(end: RunEnd): void;
  /** Called instead of the other two when nothing was submitted, or no header came: the answer the browser got. */
  onFailure(answer: FailedRun): void;
}

/** A run that submitted nothing the gateway knows of: what every browser joined on it is answered. */
export interface FailedRun {
  /** True when the browser went away before the run was sent: someone else should run it. */
  retry: boolean;
  status: number;
  headers: [string, string][];
  body: Uint8Array<ArrayBuffer>;
}

/** Options of {@link submitRun}. */
export interface SubmitRunOptions {
  request: Request;
  config: ResolvedProxyOptions;
  budget: ProxyBudget | undefined;
  budgetKey: string;
  token: string;
  body: Uint8Array<ArrayBuffer>;
  /**
   * When true (sharing off), the browser going away cancels the upstream request, as a plain proxy
   * does. When false, the run's answer is read to its end regardless, because other browsers and
   * the store depend on its header and lines.
   */
  followClient: boolean;
  hooks: RunHooks;
}

/**
 * Sends one `POST /api/v1/query/run` through the key's budget and streams Omni's answer to the
 * browser, reading its header and terminal job lines on the way. Error answers are passed on
 * (redacted) as a plain proxy would; the answer's `x-omni-proxy-cache` is `miss`.
 */
export async function submitRun(options: SubmitRunOptions): Promise<Response> {
  const { request, config, budget, token, hooks } = options;
  const fail = async (response: Response, retry = false): Promise<Response> => {
    const body = new Uint8Array(await response.clone().arrayBuffer());
    hooks.onFailure({ retry, status: response.status, headers: [...response.headers], body });
    return response;
  };

  let release: ReleaseSlot | undefined;
  if (budget !== undefined) {
    try {
      const maxWaitMs = config.rateLimit?.maxWaitMs ?? Infinity;
      release = await budget.acquire(options.budgetKey, {
        signal: request.signal,
        maxWaitMs: maxWaitMs === Infinity ? undefined : maxWaitMs,
      });
    } catch (error) {
      if (error instanceof RateLimitedError) {
        const seconds = Math.max(1, Math.ceil(error.retryAfterMs / 1000));
        return fail(
          proxyErrorResponse(429, `Too many requests: the proxy's request budget for Omni is used up. Retry in ${seconds} s.`, {
            'retry-after': String(seconds),
          }),
        );
      }
      if (request.signal.aborted) return fail(proxyErrorResponse(CLIENT_CLOSED_REQUEST, 'The client closed the request.'), true);
      hooks.onFailure({ retry: true, status: 503, headers: [], body: new Uint8Array(0) });
      throw error;
    }
  }

  const signal = options.followClient ? request.signal : new AbortController().signal;
  const headers = upstreamRequestHeaders(request.headers, token, true);
  const url = `${config.upstreamPrefix}/api/v1/query/run`;
  let result;
  try {
    result = await fetchUpstream(config.fetch, { url, method: 'POST', headers, body: options.body }, signal, config.timeoutMs);
  } finally {
    release?.();
  }
  if (!result.ok) {
    if (result.reason === 'client-abort')
      return fail(proxyErrorResponse(CLIENT_CLOSED_REQUEST, 'The client closed the request.'));
    if (result.reason === 'timeout') {
      reportError(config, new Error(`Omni sent no response headers within ${config.timeoutMs} ms.`), 'upstream');
      return fail(proxyErrorResponse(504, 'Omni did not answer in time.'));
    }
    reportError(config, result.error, 'upstream');
    return fail(proxyErrorResponse(502, 'Omni could not be reached.'));
  }

  const upstream = result.response;
  const { status } = upstream;
  if (status < 200 || status > 599 || (status >= 300 && status < 400)) {
    cancelQuietly(upstream.body);
    reportError(config, new Error(`Omni answered with status ${status}, which the proxy does not pass on.`), 'upstream');
    return fail(proxyErrorResponse(502, 'Omni answered with a redirect or an unexpected status.'));
  }
  const responseHeaders = downstreamResponseHeaders(upstream.headers);
  const declaredLength = Number(upstream.headers.get('content-length') ?? Number.NaN);
  if (declaredLength > config.maxResponseBodyBytes) {
    cancelQuietly(upstream.body);
    reportError(config, new Error(`Omni's response of ${declaredLength} bytes is over maxResponseBodyBytes.`), 'response');
    return fail(
      proxyErrorResponse(502, `Omni's response is larger than the proxy passes through (${config.maxResponseBodyBytes} bytes).`),
    );
  }
  if (status >= 300 || upstream.body === null) {
    const limit = Math.min(MAX_ERROR_BODY_BYTES, config.maxResponseBodyBytes);
    return fail(new Response(await readRedactedErrorBody(upstream.body, token, limit), { status, headers: responseHeaders }));
  }
  return new Response(relay(upstream.body, options), { status, headers: responseHeaders });
}

/**
 * Passes Omni's run answer to the browser chunk by chunk while reading its header and job lines.
 * The header's chunk is held until `onHeader` has recorded the job ids, so that the browser can
 * never wait for an id the gateway does not know yet.
 */
function relay(source: ReadableStream<Uint8Array>, options: SubmitRunOptions): ReadableStream<Uint8Array> {
  const { config, request, hooks, followClient } = options;
  const reader = source.getReader();
  const answer = createAnswerReader(redactor(options.token));
  let browser: ReadableStreamDefaultController<Uint8Array> | undefined;
  let attached = true;
  const detach = () => {
    attached = false;
    if (followClient) cancelQuietly(reader);
  };
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      browser = controller;
    },
    cancel: detach,
  });
  if (request.signal.aborted) detach();
  else request.signal.addEventListener('abort', detach, { once: true });

  let headerSent = false;
  void (async () => {
    let jobs: Record<string, string | null> | undefined;
    const lines: StoredLine[] = [];
    let clean = true;
    let passed = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        for (const object of done ? answer.end() : answer.push(value)) {
          for (const event of object.events) {
            if (event.kind === 'header') jobs = { ...jobs, ...event.jobsSubmitted };
            else if (event.kind === 'job' && isTerminalLine(event.job)) lines.push({ id: event.job.jobId, line: object.text });
            else if (event.kind === 'streamError') clean = false;
          }
        }
        if (jobs !== undefined && !headerSent) {
          headerSent = true;
          try {
            await hooks.onHeader(jobs);
          } catch (error) {
            // The jobs exist whatever the store says: the browser still gets them.
            reportError(config, error, 'store');
          }
        }
        if (done) break;
        passed += value.byteLength;
        if (passed > config.maxResponseBodyBytes) {
          clean = false;
          cancelQuietly(reader);
          reportError(
            config,
            new Error(`Omni's response passed maxResponseBodyBytes (${config.maxResponseBodyBytes}); the stream was cut.`),
            'response',
          );
          if (attached)
            browser?.error(
              new Error(`The response is larger than the proxy passes through (${config.maxResponseBodyBytes} bytes).`),
            );
          attached = false;
          break;
        }
        if (attached) browser?.enqueue(value);
      }
      if (attached) browser?.close();
    } catch (error) {
      clean = false;
      if (attached) {
        reportError(config, error, 'response');
        browser?.error(new Error('The upstream response stream failed.'));
      }
    } finally {
      request.signal.removeEventListener('abort', detach);
    }
    if (answer.unreadable) clean = false;
    if (jobs === undefined) {
      hooks.onFailure({ retry: false, status: 502, headers: [], body: new Uint8Array(0) });
      return;
    }
    hooks.onEnd({ jobs, lines, clean });
  })();
  return stream;
}
