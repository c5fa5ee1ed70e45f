/**
 * What went wrong, as one of six kinds:
 * - `http`: Omni (or a proxy) answered with a non-2xx status; see {@link OmniError.status}.
 * - `network`: the request never got an HTTP answer (offline, DNS, CORS, connection reset).
 * - `schema`: a 2xx body that does not match the wire contract.
 * - `decode`: a job's `result` could not be turned into rows (bad base64, corrupt or unsupported Arrow).
 * - `job`: Omni ran the job and reported a failure for it (`ERROR`, `FAILED`, `MISSING`, a plan failure).
 * - `timeout`: `maxWaitMs` passed before the job finished.
 */
export type OmniErrorKind = 'http' | 'network' | 'schema' | 'decode' | 'job' | 'timeout';

/** Context attached to an {@link OmniError}. Every field is optional; each says when it is set. */
export interface OmniErrorContext {
  /** HTTP status. Set for `http` errors only. */
  status?: number | undefined;
  /** The job this error belongs to. Set for `job`, `decode` and `timeout` errors of one job; empty for request-wide errors. */
  jobId?: string | undefined;
  /** Milliseconds the server asked us to wait (`Retry-After`). Set only when an `http` answer carried a parseable `Retry-After`. */
  retryAfterMs?: number | undefined;
  /** Omni's `error_message` (or `error`) for a `job` error, or the server's `reason` for a mid-stream failure. Empty otherwise. */
  omniMessage?: string | undefined;
  /** Omni's `error_type` (`PLAN`, `KILL`, …) for a `job` error. Empty when Omni sent none. */
  omniErrorType?: string | undefined;
  /** The underlying error (a `TypeError` from fetch, a zod issue list, an Arrow exception). Empty when there is none. */
  cause?: unknown;
}

/**
 * The one error type this library throws or reports. Discriminate on {@link OmniError.kind}.
 *
 * Messages are built from server text and our own words only: they never contain the token,
 * because the token is never passed to any code that builds an error.
 */
export class OmniError extends Error {
  override readonly name = 'OmniError';
  /** Which of the six kinds of failure this is. Always set. */
  readonly kind: OmniErrorKind;
  /** HTTP status of an `http` error; `undefined` for every other kind. */
  readonly status: number | undefined;
  /** The job id for per-job errors (`job`, `decode`, `timeout`); `undefined` for request-wide errors. */
  readonly jobId: string | undefined;
  /** Server-requested delay before retrying, in ms; `undefined` unless the answer carried `Retry-After`. */
  readonly retryAfterMs: number | undefined;
  /** Omni's own message for a job failure or a mid-stream error; `undefined` otherwise. */
  readonly omniMessage: string | undefined;
  /** Omni's `error_type` (`PLAN`, `KILL`, …); `undefined` when Omni sent none. */
  readonly omniErrorType: string | undefined;

  constructor(kind: OmniErrorKind, message: string, context: OmniErrorContext = {}) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    this.kind = kind;
    this.status = context.status;
    this.jobId = context.jobId;
    this.retryAfterMs = context.retryAfterMs;
    this.omniMessage = context.omniMessage;
    this.omniErrorType = context.omniErrorType;
  }

  /** A JSON-safe view, so that error reporters and devtools show the context, not `{}`. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      status: this.status,
      jobId: this.jobId,
      retryAfterMs: this.retryAfterMs,
      omniMessage: this.omniMessage,
      omniErrorType: this.omniErrorType,
    };
  }
}

/** True when `value` is an {@link OmniError}, optionally of the given kind. */
export function isOmniError<K extends OmniErrorKind>(value: unknown, kind?: K): value is OmniError & { kind: K } {
  return value instanceof OmniError && (kind === undefined || value.kind === kind);
}
