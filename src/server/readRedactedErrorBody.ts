import { redactor } from '../rules/redactor.js';
import { readStreamPrefix } from './streams.js';

/** How much of an upstream error body is passed on: error bodies are short; an HTML page is cut here. */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;

/**
 * Reads an upstream error body (at most `maxBytes`) and replaces every occurrence of the token, in
 * case something between the proxy and Omni (a gateway, a debug page) echoes the request's headers.
 * A token cut in half by the size limit is removed too. Bodies without the token pass byte for byte.
 * A body whose stream fails mid-read is replaced by an empty one: the status still tells the story.
 */
export async function readRedactedErrorBody(
  body: ReadableStream<Uint8Array> | null,
  token: string,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer>> {
  let prefix;
  try {
    prefix = await readStreamPrefix(body, maxBytes);
  } catch {
    return new Uint8Array(0);
  }
  const text = new TextDecoder().decode(prefix.bytes);
  const clean = redactor(token)(text, prefix.truncated);
  return clean === text ? prefix.bytes : new TextEncoder().encode(clean);
}
