import type { GatewayKeys } from './gatewayKeys.js';
import type { GatewayStore } from './GatewayStore.js';

/** How long an issued job id stays bound to its partition: far longer than any query runs. */
export const JOB_RECORD_TTL_MS = 60 * 60_000;

/** Most results over `maxResultBytes` kept in this process at once; the oldest goes first. */
const MAX_LOCAL_RESULTS = 16;

/** A job id issued by this gateway, as recorded under its partition. */
export interface JobRecord {
  /** The finished-result hash of the run that submitted it. */
  run: string;
  /** The run's `jobs_submitted` header: every job of that run, with its client result id or `null`. */
  jobs: Record<string, string | null>;
}

/** A job's terminal line, exactly as Omni sent it (minus the token, should it appear). */
export interface StoredLine {
  id: string;
  line: string;
}

/** A run whose every job is terminal: what a later identical run is answered with. */
export interface StoredResult {
  jobs_submitted: Record<string, string | null>;
  lines: StoredLine[];
}

/** Reads and writes job records and finished results over the store; see {@link createResultShelf}. */
export interface ResultShelf {
  /** Records every job of a run as issued to the partition of `keys`. */
  recordIssued(keys: GatewayKeys, resultHash: string, jobs: Record<string, string | null>): Promise<void>;
  /** The record of `jobId` in the partition of `keys`; `undefined` when it was never issued there. */
  readJob(keys: GatewayKeys, jobId: string): Promise<JobRecord | undefined>;
  /** The finished result of a run; `undefined` when none is kept. */
  readResult(keys: GatewayKeys, resultHash: string): Promise<StoredResult | undefined>;
  /** The terminal line of an issued job; `undefined` while it is still running (or was forgotten). */
  readDone(keys: GatewayKeys, jobId: string, record: JobRecord): Promise<string | undefined>;
  /**
   * Keeps a terminal line. When it was the run's last running job, the whole result is written in
   * one `set`; otherwise the line waits under the job until its siblings finish.
   */
  recordTerminal(keys: GatewayKeys, record: JobRecord, line: StoredLine): Promise<void>;
  /** Writes a finished result in one `set`, replacing any kept one (a `SkipCache` run's, say). */
  writeResult(keys: GatewayKeys, resultHash: string, result: StoredResult): Promise<void>;
}

/** Options of {@link createResultShelf}. */
export interface ResultShelfOptions {
  resultTtlMs: number;
  maxResultBytes: number;
  /** Told when a result is kept in this process only because it is too large for the store. */
  onOversize: (error: Error) => void;
}

/**
 * Job records and finished results in the store, plus an in-process shelf for results over
 * `maxResultBytes`: they are shared by the browsers of this instance only, and reported, never
 * dropped silently. Every value is one string written with one `set`, so a reader sees a whole
 * result or none.
 */
export function createResultShelf(store: GatewayStore, options: ResultShelfOptions): ResultShelf {
  const { resultTtlMs, maxResultBytes } = options;
  const local = new Map<string, { value: string; expiresAt: number }>();

  const readLocal = (key: string): string | undefined => {
    const entry = local.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt > Date.now()) return entry.value;
    local.delete(key);
    return undefined;
  };

  const keep = async (key: string, value: string): Promise<void> => {
    if (value.length <= maxResultBytes) {
      local.delete(key);
      await store.set(key, value, resultTtlMs);
      return;
    }
    local.delete(key);
    local.set(key, { value, expiresAt: Date.now() + resultTtlMs });
    while (local.size > MAX_LOCAL_RESULTS) local.delete(local.keys().next().value!);
    await store.delete(key);
    options.onOversize(
      new Error(
        `A result of ${value.length} bytes is over share.maxResultBytes (${maxResultBytes}); it is shared within this process only.`,
      ),
    );
  };

  const read = async (key: string): Promise<string | undefined> => readLocal(key) ?? (await store.get(key));

  const shelf: ResultShelf = {
    async recordIssued(keys, resultHash, jobs) {
      const record = JSON.stringify({ run: resultHash, jobs } satisfies JobRecord);
      await Promise.all(Object.keys(jobs).map((jobId) => store.set(keys.job(jobId), record, JOB_RECORD_TTL_MS)));
    },
    async readJob(keys, jobId) {
      const text = await store.get(keys.job(jobId));
      return text === undefined ? undefined : (JSON.parse(text) as JobRecord);
    },
    async readResult(keys, resultHash) {
      const text = await read(keys.result(resultHash));
      return text === undefined ? undefined : (JSON.parse(text) as StoredResult);
    },
    async readDone(keys, jobId, record) {
      const done = await read(keys.done(jobId));
      if (done !== undefined) return done;
      const result = await shelf.readResult(keys, record.run);
      if (result === undefined || !Object.hasOwn(result.jobs_submitted, jobId)) return undefined;
      return result.lines.find((line) => line.id === jobId)?.line;
    },
    async recordTerminal(keys, record, line) {
      const siblings = Object.keys(record.jobs).filter((jobId) => jobId !== line.id);
      const others = await Promise.all(siblings.map(async (id) => ({ id, line: await read(keys.done(id)) })));
      if (others.every((other) => other.line !== undefined)) {
        const lines = [...(others as StoredLine[]), line];
        await shelf.writeResult(keys, record.run, { jobs_submitted: record.jobs, lines });
        return;
      }
      await keep(keys.done(line.id), line.line);
    },
    async writeResult(keys, resultHash, result) {
      await keep(keys.result(resultHash), JSON.stringify(result));
    },
  };
  return shelf;
}
