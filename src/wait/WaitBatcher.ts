import type { OmniClient } from '../client/OmniClient.js';
import type { JobLine } from '../wire/jobLineSchema.js';
import { isTerminalLine } from '../wire/jobStatus.js';
import type { WaitResponse } from '../wire/createWaitBodyParser.js';
import { takeJobIds } from './takeJobIds.js';

/** Default of {@link WaitBatcherOptions.maxJobIdsLength}, in characters. */
export const DEFAULT_MAX_JOB_IDS_LENGTH = 6_000;

/**
 * What one wait request said about one job:
 * - a {@link JobLine}: Omni's line for the job (terminal, or the newest non-terminal line of the answer);
 * - `'pending'`: the answer lists the job in `remaining_job_ids`, or had no footer at all;
 * - `'unreported'`: the answer had a footer that neither lists the job nor came with a line for it.
 *   The caller decides how many of those in a row make a job missing.
 */
export type WaitOutcome = JobLine | 'pending' | 'unreported';

/** Options of {@link WaitBatcher}. */
export interface WaitBatcherOptions {
  /**
   * How long the first asked id waits for others before the request is sent, in ms. Ids asked in that
   * window share one request. Default `10`.
   */
  windowMs?: number;
  /**
   * Minimum age of the in-flight long poll, in ms, before it is aborted and re-sent with newly asked
   * ids included. Default `1000`; `Infinity` makes new ids wait for the in-flight request to end.
   * Lines that already streamed in are kept, so superseding loses nothing; it costs one request.
   */
  supersedeAfterMs?: number;
  /**
   * How long to hold every request after the shared request failed, in ms (`0`: no pause), given the
   * number of failures in a row (1 for the first) and the error. The retries of every job then meet
   * in one request instead of one each.
   */
  pauseAfterFailure?: (failures: number, error: unknown) => number;
  /**
   * Maximum length, in characters, of one request's `job_ids` value as sent: the URL-encoded JSON
   * array, `encodeURIComponent(JSON.stringify(ids))`. Default {@link DEFAULT_MAX_JOB_IDS_LENGTH}
   * (133 UUIDs), which keeps the whole URL well under the ~8 KB that proxies and servers
   * accept before answering 414 or 431; `Infinity` puts every queued id into one request.
   * A request carries at least one id, even one that alone is longer.
   */
  maxJobIdsLength?: number;
}

interface Caller {
  resolve: (outcome: WaitOutcome) => void;
  reject: (reason: unknown) => void;
  /** Removes the abort listener; called once the caller is settled. */
  release: () => void;
}

/** Callers per job id, in the order the ids were first asked. */
type CallerMap = Map<string, Set<Caller>>;

interface Flight {
  ids: ReadonlySet<string>;
  callers: CallerMap;
  /** Lines of this answer so far: the terminal one of a job, else its newest non-terminal one. */
  received: Map<string, JobLine>;
  controller: AbortController;
  startedAt: number;
  /**
   * Why the request was aborted, once it was: `superseded` to be re-sent with new ids (its callers
   * move to the next request), `abandoned` because no caller is left. `undefined` while it runs.
   */
  ending?: 'superseded' | 'abandoned';
  supersedeTimer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * Coalesces the wait requests of many jobs into one `GET /api/v1/query/wait` per client
 * (DataLoader-style), with at most one request in flight at a time.
 *
 * - Ids asked within {@link WaitBatcherOptions.windowMs} of each other go into one request.
 * - Each caller gets its job's line as soon as it streams in (partial results), and the rest get
 *   their outcome when the answer ends.
 * - Ids asked while a request is in flight go into the next one; once the in-flight long poll is
 *   {@link WaitBatcherOptions.supersedeAfterMs} old it is aborted and re-sent with them, so a tile
 *   mounted in the middle of a 30 s long poll does not wait for it to end.
 * - A caller's `signal` drops it; an id without callers is dropped before it is sent; when the
 *   in-flight request has no caller left, the HTTP request is aborted.
 * - After a failed request, every request is held for {@link WaitBatcherOptions.pauseAfterFailure}.
 * - A request carries only as many ids as fit in {@link WaitBatcherOptions.maxJobIdsLength} (a
 *   URL over ~8 KB is refused by proxies), taken from the front of the queue; the rest stay queued
 *   for the next request, sent when this one ends or is superseded (ids left over do not supersede
 *   by themselves: each request gets its long poll and answers its ids). An id asked again while
 *   pending, or whose request was superseded, goes to the back of the queue, so with `n` ids that
 *   stay pending each one is asked in every `ceil(n / idsPerRequest)` consecutive requests.
 */
export class WaitBatcher {
  readonly #client: OmniClient;
  readonly #windowMs: number;
  readonly #supersedeAfterMs: number;
  readonly #pauseAfterFailure: (failures: number, error: unknown) => number;
  readonly #maxJobIdsLength: number;
  /** Callers of the ids not in flight; ids leave from the front and are added at the back. */
  #queue: CallerMap = new Map();
  #flight: Flight | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #notBefore = 0;
  #failures = 0;

  constructor(client: OmniClient, options: WaitBatcherOptions = {}) {
    this.#client = client;
    this.#windowMs = options.windowMs ?? 10;
    this.#supersedeAfterMs = options.supersedeAfterMs ?? 1000;
    this.#pauseAfterFailure = options.pauseAfterFailure ?? (() => 0);
    this.#maxJobIdsLength = options.maxJobIdsLength ?? DEFAULT_MAX_JOB_IDS_LENGTH;
  }

  /** True while a wait request is in flight. */
  get isInFlight(): boolean {
    return this.#flight !== undefined;
  }

  /** Epoch ms before which no request is sent (after a failure); `0` when there is no pause. */
  get notBefore(): number {
    return this.#notBefore;
  }

  /**
   * Asks Omni about one job, in the next shared wait request (or the in-flight one, when it already
   * carries this id). Resolves with what that request said about the job.
   * @throws (rejects) the shared request's error (an `OmniError`), or `signal.reason` when aborted.
   */
  wait(jobId: string, signal?: AbortSignal): Promise<WaitOutcome> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<WaitOutcome>((resolve, reject) => {
      const onAbort = () => {
        this.#drop(jobId, caller);
        reject(signal?.reason);
      };
      const caller: Caller = {
        resolve: (outcome) => {
          caller.release();
          resolve(outcome);
        },
        reject: (reason) => {
          caller.release();
          reject(reason);
        },
        release: () => signal?.removeEventListener('abort', onAbort),
      };
      signal?.addEventListener('abort', onAbort, { once: true });

      const flight = this.#flight;
      const line = flight?.received.get(jobId);
      if (line !== undefined && isTerminalLine(line)) {
        caller.resolve(line);
        return;
      }
      if (flight !== undefined && flight.ids.has(jobId) && flight.ending === undefined) {
        addCaller(flight.callers, jobId, caller);
        return;
      }
      addCaller(this.#queue, jobId, caller);
      this.#schedule(this.#windowMs);
    });
  }

  #drop(jobId: string, caller: Caller): void {
    caller.release();
    removeCaller(this.#queue, jobId, caller);
    if (this.#queue.size === 0 && this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    const flight = this.#flight;
    if (flight === undefined) return;
    removeCaller(flight.callers, jobId, caller);
    this.#abandonIfUnwatched(flight);
  }

  /** Aborts the in-flight request once none of its callers is waiting any more. */
  #abandonIfUnwatched(flight: Flight): void {
    if (flight.callers.size > 0 || flight.ending !== undefined) return;
    flight.ending = 'abandoned';
    flight.controller.abort(new DOMException('Nobody waits for these jobs any more', 'AbortError'));
  }

  #schedule(delayMs: number): void {
    if (this.#flight !== undefined) {
      this.#planSupersede(this.#flight);
      return;
    }
    if (this.#timer !== undefined || this.#queue.size === 0) return;
    this.#timer = setTimeout(() => this.#flush(), Math.max(delayMs, this.#notBefore - Date.now()));
  }

  #flush(): void {
    this.#timer = undefined;
    if (this.#flight !== undefined || this.#queue.size === 0) return;
    const gate = this.#notBefore - Date.now();
    if (gate > 0) {
      this.#timer = setTimeout(() => this.#flush(), gate);
      return;
    }
    const callers = takeJobIds(this.#queue, this.#maxJobIdsLength);
    const flight: Flight = {
      ids: new Set(callers.keys()),
      callers,
      received: new Map(),
      controller: new AbortController(),
      startedAt: Date.now(),
      supersedeTimer: undefined,
    };
    this.#flight = flight;
    let request: Promise<WaitResponse>;
    try {
      request = this.#client.wait([...flight.ids], {
        signal: flight.controller.signal,
        onJob: (line) => this.#onJob(flight, line),
      });
    } catch (error) {
      request = Promise.reject(error);
    }
    request.then(
      (response) => this.#settle(flight, response, undefined),
      (error: unknown) => this.#settle(flight, undefined, error),
    );
  }

  #onJob(flight: Flight, line: JobLine): void {
    if (!flight.ids.has(line.jobId)) return;
    const previous = flight.received.get(line.jobId);
    if (previous !== undefined && isTerminalLine(previous)) return;
    flight.received.set(line.jobId, line);
    if (!isTerminalLine(line)) return;
    const callers = flight.callers.get(line.jobId);
    flight.callers.delete(line.jobId);
    callers?.forEach((caller) => caller.resolve(line));
    this.#abandonIfUnwatched(flight);
  }

  #planSupersede(flight: Flight): void {
    if (flight.supersedeTimer !== undefined || flight.ending !== undefined) return;
    if (!Number.isFinite(this.#supersedeAfterMs)) return;
    const age = Date.now() - flight.startedAt;
    flight.supersedeTimer = setTimeout(
      () => {
        flight.supersedeTimer = undefined;
        if (this.#flight !== flight || this.#queue.size === 0 || flight.ending !== undefined) return;
        flight.ending = 'superseded';
        flight.controller.abort(new DOMException('Superseded by a wait request with more jobs', 'AbortError'));
      },
      Math.max(this.#windowMs, this.#supersedeAfterMs - age),
    );
  }

  #settle(flight: Flight, response: WaitResponse | undefined, error: unknown): void {
    if (flight.supersedeTimer !== undefined) clearTimeout(flight.supersedeTimer);
    if (this.#flight === flight) this.#flight = undefined;

    if (flight.ending === 'superseded') {
      // Lines that streamed in were delivered already; everyone else rides the next request at once.
      for (const [jobId, callers] of flight.callers) {
        callers.forEach((caller) => addCaller(this.#queue, jobId, caller));
      }
      this.#schedule(0);
      return;
    }

    if (response !== undefined) {
      const { remainingJobIds, streamError } = response;
      if (streamError === undefined) this.#succeeded();
      else this.#failed(streamError);
      for (const [jobId, callers] of flight.callers) {
        const line = flight.received.get(jobId);
        const settle = (caller: Caller) => {
          if (line !== undefined) caller.resolve(line);
          else if (streamError !== undefined) caller.reject(streamError);
          else if (remainingJobIds === undefined || remainingJobIds.includes(jobId)) caller.resolve('pending');
          else caller.resolve('unreported');
        };
        callers.forEach(settle);
      }
    } else if (flight.ending !== 'abandoned') {
      this.#failed(error);
      flight.callers.forEach((callers) => callers.forEach((caller) => caller.reject(error)));
    }
    this.#schedule(this.#windowMs);
  }

  #succeeded(): void {
    this.#failures = 0;
    this.#notBefore = 0;
  }

  #failed(error: unknown): void {
    this.#failures += 1;
    const pause = this.#pauseAfterFailure(this.#failures, error);
    if (pause > 0) this.#notBefore = Math.max(this.#notBefore, Date.now() + pause);
  }
}

function addCaller(map: CallerMap, jobId: string, caller: Caller): void {
  const callers = map.get(jobId);
  if (callers === undefined) map.set(jobId, new Set([caller]));
  else callers.add(caller);
}

function removeCaller(map: CallerMap, jobId: string, caller: Caller): void {
  const callers = map.get(jobId);
  if (callers === undefined) return;
  callers.delete(caller);
  if (callers.size === 0) map.delete(jobId);
}
