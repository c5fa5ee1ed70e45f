import { cancelQuietly } from './streams.js';

/** Why a stream from {@link limitStream} was cut; `onCut` receives it. */
export type StreamCut = { reason: 'too-large'; maxBytes: number } | { reason: 'upstream-error'; error: unknown };

/**
 * Passes `source` through chunk by chunk, as the consumer asks for them, and errors the stream once
 * more than `maxBytes` have gone by, so a runaway response is cut rather than buffered or silently
 * truncated. Pull-based: nothing is read from upstream before the consumer wants it (back-pressure).
 * Cancelling the result, or aborting `signal` (the client went away), cancels `source`, which closes
 * the upstream connection whatever the `fetch` implementation does with its own signal.
 *
 * `onCut` is called once when the stream is cut for size or because `source` failed; not when the
 * consumer cancels or `signal` aborts.
 */
export function limitStream(
  source: ReadableStream<Uint8Array>,
  maxBytes: number,
  signal: AbortSignal,
  onCut: (cut: StreamCut) => void,
): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  let passed = 0;
  let onAbort: (() => void) | undefined;
  const stop = () => {
    if (onAbort !== undefined) signal.removeEventListener('abort', onAbort);
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      onAbort = () => {
        controller.error(signal.reason);
        cancelQuietly(reader, signal.reason);
      };
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    },
    async pull(controller) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        stop();
        if (signal.aborted) return;
        onCut({ reason: 'upstream-error', error });
        controller.error(new Error('The upstream response stream failed.'));
        return;
      }
      if (signal.aborted) return;
      if (chunk.done) {
        stop();
        controller.close();
        return;
      }
      passed += chunk.value.byteLength;
      if (passed > maxBytes) {
        stop();
        cancelQuietly(reader);
        onCut({ reason: 'too-large', maxBytes });
        controller.error(new Error(`The response is larger than the proxy passes through (${maxBytes} bytes).`));
        return;
      }
      controller.enqueue(chunk.value);
    },
    cancel(reason) {
      stop();
      cancelQuietly(reader, reason);
    },
  });
}
