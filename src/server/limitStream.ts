/** Why a stream from {@link limitStream} was cut; `onCut` receives it. */
export type StreamCut =
  | { reason: 'too-large'; maxBytes: number }
  | { reason: 'upstream-error'; error: unknown };

/**
 * Passes `source` through chunk by chunk, as the consumer asks for them, and errors the stream once
 * more than `maxBytes` have gone by, so a runaway response is cut rather than buffered or silently
 * truncated. Pull-based: nothing is read from upstream before the consumer wants it (back-pressure),
 * and cancelling the result cancels `source`, which closes the upstream connection.
 *
 * `onCut` is called once when the stream is cut for size or because `source` failed; not when the
 * consumer cancels.
 */
export function limitStream(
  source: ReadableStream<Uint8Array>,
  maxBytes: number,
  onCut: (cut: StreamCut) => void,
): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  let passed = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        onCut({ reason: 'upstream-error', error });
        controller.error(new Error('The upstream response stream failed.'));
        return;
      }
      if (chunk.done) {
        controller.close();
        return;
      }
      passed += chunk.value.byteLength;
      if (passed > maxBytes) {
        await reader.cancel().catch(() => undefined);
        onCut({ reason: 'too-large', maxBytes });
        controller.error(new Error(`The response is larger than the proxy passes through (${maxBytes} bytes).`));
        return;
      }
      controller.enqueue(chunk.value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}
