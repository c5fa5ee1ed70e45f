/** What {@link readStreamPrefix} read. */
export interface StreamPrefix {
  /** At most `maxBytes` bytes from the start of the stream. Empty for a `null` stream. */
  bytes: Uint8Array<ArrayBuffer>;
  /** True when the stream had more than `maxBytes` bytes; the rest was not read and the stream was cancelled. */
  truncated: boolean;
}

/**
 * Cancels a stream or reader without waiting for it and without an unhandled rejection. Not awaited
 * on purpose: a cancel settles only when the source has let go (for a teed or cloned body, when every
 * branch has), and neither the answer to the client nor the client's own cancel should wait for that.
 */
export function cancelQuietly(target: { cancel(reason?: unknown): Promise<void> } | null | undefined, reason?: unknown): void {
  target?.cancel(reason).catch(() => undefined);
}

/**
 * Reads a stream up to `maxBytes`, never holding more than that plus one chunk, and cancels it as soon
 * as it passes the limit. Rejects when the stream errors (a client that went away mid-upload, say).
 */
export async function readStreamPrefix(stream: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<StreamPrefix> {
  if (stream === null) return { bytes: new Uint8Array(0), truncated: false };
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (total + value.byteLength > maxBytes) {
      chunks.push(value.subarray(0, maxBytes - total));
      total = maxBytes;
      truncated = true;
      cancelQuietly(reader);
      break;
    }
    chunks.push(value);
    total += value.byteLength;
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { bytes, truncated };
}
