interface BufferLike {
  from(buffer: ArrayBufferLike, byteOffset: number, length: number): { toString(encoding: 'base64'): string };
}

/**
 * Standard base64 of `bytes`: `Uint8Array.prototype.toBase64` where the platform has it, `Buffer`
 * in Node (the server, where results are serialised), `btoa` in chunks elsewhere.
 */
export function bytesToBase64(bytes: Uint8Array): string {
  const toBase64 = (bytes as Uint8Array & { toBase64?: () => string }).toBase64;
  if (typeof toBase64 === 'function') return toBase64.call(bytes);
  const NodeBuffer = (globalThis as { Buffer?: BufferLike }).Buffer;
  if (NodeBuffer !== undefined && typeof NodeBuffer.from === 'function') {
    return NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  }
  let binary = '';
  // Chunked: spreading a large array into String.fromCharCode overflows the argument limit.
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary);
}
