/**
 * What an Omni error body says, from any of its three shapes:
 * - `{"detail":"Permission denied","status":403}`
 * - `{"error":{"code":403,"message":"Invalid bearer token"}}`
 * - `{"error":"…","success":false}`
 *
 * plus the mid-stream `{"message":"…","reason":"…"}` line. Returns `undefined` when `body` has none
 * of these shapes (then the caller falls back to the raw text).
 */
export function errorBodyMessage(body: unknown): ErrorBodyMessage | undefined {
  if (!isRecord(body)) return undefined;
  const status = typeof body.status === 'number' ? body.status : undefined;
  if (typeof body.detail === 'string' && body.detail.trim() !== '') {
    return { message: body.detail.trim(), status };
  }
  const error = body.error;
  if (typeof error === 'string' && error.trim() !== '') return { message: error.trim(), status };
  if (isRecord(error)) {
    const code = typeof error.code === 'number' ? error.code : status;
    if (typeof error.message === 'string' && error.message.trim() !== '') {
      return { message: error.message.trim(), status: code };
    }
  }
  if (typeof body.message === 'string' && body.message.trim() !== '') {
    const reason = typeof body.reason === 'string' && body.reason.trim() !== '' ? body.reason.trim() : undefined;
    return { message: body.message.trim(), reason, status };
  }
  return undefined;
}

/** The readable parts of an Omni error body. */
export interface ErrorBodyMessage {
  /** Omni's message (`detail`, `error.message`, `error` or `message`). Always non-empty. */
  message: string;
  /** The `reason` of a mid-stream error line. `undefined` for every other shape. */
  reason?: string | undefined;
  /** A status the body itself names (`status`, `error.code`). `undefined` when it names none. */
  status?: number | undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
