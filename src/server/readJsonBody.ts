import { cancelQuietly, readStreamPrefix } from './streams.js';

/** The outcome of {@link readJsonBody}. */
export type JsonBody =
  | {
      ok: true;
      /** The body exactly as received, to forward unchanged. */
      bytes: Uint8Array<ArrayBuffer>;
      /** The same body parsed; always a plain JSON object. */
      value: Record<string, unknown>;
    }
  | { ok: false; status: 400 | 413 | 415; message: string };

/**
 * Reads a JSON object request body of at most `maxBytes`, without ever holding more than that.
 * Rejects when the body stream fails (the client went away mid-upload).
 *
 * `Content-Type: application/json` is required: a cross-site page can make the browser send a form or
 * `text/plain` POST with the user's cookies without a CORS preflight, but not a JSON one, so a
 * cookie-authenticated proxy cannot be made to run queries by another site's form.
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<JsonBody> {
  const mediaType = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    cancelQuietly(request.body);
    return { ok: false, status: 415, message: 'The request body must be JSON, sent with Content-Type: application/json.' };
  }
  const tooLarge = {
    ok: false,
    status: 413,
    message: `The request body is larger than the proxy accepts (${maxBytes} bytes).`,
  } as const;
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    cancelQuietly(request.body);
    return tooLarge;
  }
  const { bytes, truncated } = await readStreamPrefix(request.body, maxBytes);
  if (truncated) return tooLarge;
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return { ok: false, status: 400, message: 'The request body is not valid JSON.' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, status: 400, message: 'The request body must be a JSON object.' };
  }
  return { ok: true, bytes, value: value as Record<string, unknown> };
}
