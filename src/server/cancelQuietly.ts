/**
 * Cancels a stream or reader without waiting for it and without an unhandled rejection. Not awaited
 * on purpose: a cancel settles only when the source has let go (for a teed or cloned body, when every
 * branch has), and neither the answer to the client nor the client's own cancel should wait for that.
 */
export function cancelQuietly(target: { cancel(reason?: unknown): Promise<void> } | null | undefined, reason?: unknown): void {
  target?.cancel(reason).catch(() => undefined);
}
