import { isTerminalLine } from '../../wire/jobStatus.js';
import { cancelQuietly } from '../streams.js';
import { createAnswerReader } from './createAnswerReader.js';
import type { JobRecord } from './createResultShelf.js';
import type { GatewayKeys } from './gatewayKeys.js';

/** A job a browser waits for, with where its terminal line is to be kept. */
export interface HeldJob {
  id: string;
  keys: GatewayKeys;
  record: JobRecord;
}

/** An error every browser held on a failed poll is answered with (Omni's JSON error shape). */
export interface WaitFailure {
  status: number;
  message: string;
  /** Extra headers, such as `retry-after` for a 429. */
  headers: Record<string, string>;
}

/** What {@link WaitCoalescerOptions.startPoll} got: Omni's answer streaming in, or a failure to answer with. */
export type PollStart =
  { ok: true; body: ReadableStream<Uint8Array>; redact: (text: string) => string } | { ok: false; failure: WaitFailure };

/** How a held wait ended. */
export type HoldOutcome =
  | {
      kind: 'answer';
      /** Terminal job lines for this browser's jobs, as Omni sent them. `[]` when the hold ran out. */
      lines: string[];
      /** This browser's jobs still running. */
      remaining: string[];
      /** True when the hold ran out before any of its jobs finished. */
      timedOut: boolean;
      /** `shared` when another browser was already waiting for every one of its jobs. */
      cache: 'shared' | 'miss';
    }
  | { kind: 'failed'; failure: WaitFailure }
  | { kind: 'aborted' };

/** Options of {@link createWaitCoalescer}. */
export interface WaitCoalescerOptions {
  /** Longest a browser's wait is held, in ms. */
  holdMs: number;
  /**
   * Sends one upstream long poll. `ids` is called just before the request goes out (after the
   * budget granted a slot), so that ids asked for meanwhile join it. Aborting `signal` ends it.
   */
  startPoll(ids: () => string[], signal: AbortSignal): Promise<PollStart>;
  /** Told of each terminal line the poll brought, to keep it in the store. Must not throw. */
  onTerminal(job: HeldJob, line: string): void;
}

/** Holds browsers' waits and answers them from one upstream long poll; see {@link createWaitCoalescer}. */
export interface WaitCoalescer {
  /** Holds a browser's wait for `jobs` (none of them known to be finished) until one finishes, the hold runs out, or `signal` aborts. */
  hold(jobs: readonly HeldJob[], signal: AbortSignal): Promise<HoldOutcome>;
}

/** A poll that would bring in new ids restarts at most this often: each restart costs a request. */
const RESTART_AFTER_MS = 1_000;
/** A poll that ended at once with nothing waits this long before the next, so a fast-answering upstream cannot spin. */
const EMPTY_POLL_GAP_MS = 250;
/**
 * When the last browser's hold ran out, the poll is kept this long for its next wait, which usually
 * follows at once: ending it would cost a fresh upstream request every hold.
 */
const LINGER_MS = 2_000;

interface Waiter {
  ids: ReadonlySet<string>;
  jobs: ReadonlyMap<string, HeldJob>;
  lines: string[];
  done: Set<string>;
  /** Settles the wait; `linger` keeps an otherwise unneeded poll a moment for the browser's next wait. */
  finish(outcome: HoldOutcome, linger?: boolean): void;
}

interface Poll {
  /** The ids sent; `undefined` until the request went out. */
  ids: Set<string> | undefined;
  /** Where each id sent keeps its terminal line, even once the browser that asked has left. */
  jobs: Map<string, HeldJob>;
  controller: AbortController;
  reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  stopped: boolean;
  startedAt: number;
}

/**
 * One upstream long poll at a time, in this instance, for the union of the job ids its held
 * browsers wait for. Each browser is answered in Omni's wait shape as soon as one of its jobs
 * finishes, or when its hold runs out. A browser that leaves only leaves: the poll goes on for the
 * others, and ends (its reader cancelled, not only its signal aborted) once nobody waits. A poll that
 * fails answers every browser held on it with the same error; the next wait starts a new poll.
 */
export function createWaitCoalescer(options: WaitCoalescerOptions): WaitCoalescer {
  const waiters = new Set<Waiter>();
  let poll: Poll | undefined;
  let restartTimer: ReturnType<typeof setTimeout> | undefined;
  let gapTimer: ReturnType<typeof setTimeout> | undefined;
  let lingerTimer: ReturnType<typeof setTimeout> | undefined;

  const wanted = (): string[] => {
    const ids = new Set<string>();
    for (const waiter of waiters) for (const id of waiter.ids) if (!waiter.done.has(id)) ids.add(id);
    return [...ids];
  };

  const stop = (target: Poll): void => {
    target.stopped = true;
    target.controller.abort(new Error('The shared wait is no longer needed.'));
    // Aborting alone can leave a read of a fully received body pending forever (Node 20).
    if (target.reader !== undefined) cancelQuietly(target.reader);
    if (poll === target) poll = undefined;
  };

  const kick = (): void => {
    clearTimeout(lingerTimer);
    lingerTimer = undefined;
    if (waiters.size === 0) {
      if (poll !== undefined) stop(poll);
      return;
    }
    if (poll === undefined) {
      if (gapTimer === undefined) start();
      return;
    }
    const sent = poll.ids;
    if (sent === undefined || wanted().every((id) => sent.has(id))) return;
    const due = poll.startedAt + RESTART_AFTER_MS - Date.now();
    if (due <= 0) {
      stop(poll);
      start();
    } else {
      restartTimer ??= setTimeout(() => {
        restartTimer = undefined;
        kick();
      }, due);
    }
  };

  const start = (): void => {
    const current: Poll = {
      ids: undefined,
      jobs: new Map(),
      controller: new AbortController(),
      reader: undefined,
      stopped: false,
      startedAt: Date.now(),
    };
    poll = current;
    void run(current);
  };

  const deliver = (current: Poll, id: string, line: string, touched: Set<Waiter>): void => {
    const job = current.jobs.get(id);
    if (job === undefined) return;
    current.jobs.delete(id);
    options.onTerminal(job, line);
    for (const waiter of waiters) {
      if (!waiter.jobs.has(id) || waiter.done.has(id)) continue;
      waiter.done.add(id);
      waiter.lines.push(line);
      touched.add(waiter);
    }
  };

  const answer = (waiter: Waiter): HoldOutcome => ({
    kind: 'answer',
    lines: waiter.lines,
    remaining: [...waiter.ids].filter((id) => !waiter.done.has(id)),
    timedOut: false,
    cache: 'miss',
  });

  const run = async (current: Poll): Promise<void> => {
    let delivered = 0;
    let failure: WaitFailure | undefined;
    try {
      const started = await options.startPoll(() => {
        const ids = wanted();
        current.ids = new Set(ids);
        for (const waiter of waiters) for (const [id, job] of waiter.jobs) if (!current.jobs.has(id)) current.jobs.set(id, job);
        current.startedAt = Date.now();
        return ids;
      }, current.controller.signal);
      if (current.stopped) {
        if (started.ok) cancelQuietly(started.body);
        return;
      }
      if (!started.ok) failure = started.failure;
      else {
        const reader = started.body.getReader();
        current.reader = reader;
        const answerReader = createAnswerReader(started.redact);
        for (;;) {
          const { done, value } = await reader.read();
          if (current.stopped) return;
          const touched = new Set<Waiter>();
          for (const object of done ? answerReader.end() : answerReader.push(value)) {
            for (const event of object.events) {
              if (event.kind === 'job' && isTerminalLine(event.job)) {
                delivered += 1;
                deliver(current, event.job.jobId, object.text, touched);
              } else if (event.kind === 'streamError') {
                failure ??= { status: 502, message: 'Omni failed while answering the wait.', headers: {} };
              }
            }
          }
          for (const waiter of touched) waiter.finish(answer(waiter));
          if (done) break;
        }
        if (answerReader.unreadable) failure ??= { status: 502, message: "Omni's wait answer could not be read.", headers: {} };
      }
    } catch {
      if (current.stopped) return;
      failure = { status: 502, message: 'Omni could not be reached.', headers: {} };
    } finally {
      if (poll === current) poll = undefined;
    }
    if (failure !== undefined) {
      const sent = current.ids;
      for (const waiter of [...waiters]) {
        if (sent === undefined || [...waiter.ids].some((id) => sent.has(id))) waiter.finish({ kind: 'failed', failure });
      }
    }
    if (waiters.size === 0 || poll !== undefined) return;
    if (delivered === 0 && failure === undefined && Date.now() - current.startedAt < EMPTY_POLL_GAP_MS) {
      gapTimer = setTimeout(() => {
        gapTimer = undefined;
        kick();
      }, EMPTY_POLL_GAP_MS);
      return;
    }
    start();
  };

  return {
    hold(jobs, signal) {
      return new Promise<HoldOutcome>((resolve) => {
        const ids = new Set(jobs.map((job) => job.id));
        // Joined when every id is already wanted by another browser or in the poll under way.
        const inFlight = new Set([...wanted(), ...(poll?.ids ?? [])]);
        const cache = [...ids].every((id) => inFlight.has(id)) ? 'shared' : 'miss';
        let settled = false;
        const onAbort = () => waiter.finish({ kind: 'aborted' });
        const timer = setTimeout(
          () => waiter.finish({ kind: 'answer', lines: [], remaining: [...ids], timedOut: true, cache }, true),
          options.holdMs,
        );
        const waiter: Waiter = {
          ids,
          jobs: new Map(jobs.map((job) => [job.id, job])),
          lines: [],
          done: new Set(),
          finish(outcome, linger = false) {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            signal.removeEventListener('abort', onAbort);
            waiters.delete(waiter);
            resolve(outcome.kind === 'answer' ? { ...outcome, cache } : outcome);
            if (waiters.size > 0) return;
            if (linger && poll !== undefined) lingerTimer ??= setTimeout(kick, LINGER_MS);
            else kick();
          },
        };
        if (signal.aborted) {
          clearTimeout(timer);
          resolve({ kind: 'aborted' });
          return;
        }
        signal.addEventListener('abort', onAbort, { once: true });
        waiters.add(waiter);
        kick();
      });
    },
  };
}
