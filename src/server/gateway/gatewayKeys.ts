/** The first part of every key the gateway writes, so that its keys are easy to find in a shared Redis. */
const KEY_PREFIX = 'oqh';

/**
 * The store keys of one token and partition: `oqh : tokenHash : partition : kind : …`. The token
 * appears only as a keyed hash; the partition is percent-encoded, so no partition can reach into
 * another's keys with a `:`.
 */
export interface GatewayKeys {
  /** The key's budget: per token, shared by every partition (Omni counts per key). */
  budget: string;
  /** The claim, then the published job ids, of a run in flight. */
  run(runHash: string): string;
  /** A finished result, keyed without `cache` so that a `SkipCache` run replaces it. */
  result(resultHash: string): string;
  /** The record of a job id issued to this partition. */
  job(jobId: string): string;
  /** The terminal line of a job whose run has other jobs still running. */
  done(jobId: string): string;
}

/** The keys of `partition` under a token's hash (see {@link hashToken}). */
export function gatewayKeys(tokenHash: string, partition: string): GatewayKeys {
  const base = `${KEY_PREFIX}:${tokenHash}:${encodeURIComponent(partition)}`;
  return {
    budget: `${KEY_PREFIX}:${tokenHash}:budget`,
    run: (runHash) => `${base}:run:${runHash}`,
    result: (resultHash) => `${base}:result:${resultHash}`,
    job: (jobId) => `${base}:job:${encodeURIComponent(jobId)}`,
    done: (jobId) => `${base}:done:${encodeURIComponent(jobId)}`,
  };
}
