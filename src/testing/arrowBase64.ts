import { tableToIPC, type Table } from 'apache-arrow';

/**
 * Base64 of `bytes`, with web APIs only (`btoa`), so it runs in Node and in the browser alike.
 * Chunked so that a 200k-row payload does not overflow the argument limit of `String.fromCharCode`.
 */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const step = 0x8000;
  for (let at = 0; at < bytes.length; at += step) {
    binary += String.fromCharCode(...bytes.subarray(at, at + step));
  }
  return btoa(binary);
}

/**
 * A job line's `result` for `table`: base64 of its Arrow IPC bytes. `stream` (the default) is what
 * Omni's server sends (starts `/////`); `file` is what Omni's docs show (starts `QVJST1cx`, `ARROW1`).
 */
export function arrowBase64(table: Table, format: 'stream' | 'file' = 'stream'): string {
  return bytesToBase64(tableToIPC(table, format));
}
