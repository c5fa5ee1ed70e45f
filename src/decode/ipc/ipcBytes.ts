import type { DecodedTable } from '../decodeTable.js';

/**
 * The Arrow IPC bytes each decoded table was read from, so that a finished result can be carried
 * to another process as the bytes Omni sent (server rendering), never as decoded rows. apache-arrow
 * views uncompressed buffers in place, so keeping the bytes costs no more than the table already
 * holds; a compressed result keeps its compressed bytes besides the decompressed columns.
 */
const sources = new WeakMap<DecodedTable, Uint8Array>();

/** Records that `table` was decoded from `bytes`. */
export function rememberIpcBytes(table: DecodedTable, bytes: Uint8Array): void {
  sources.set(table, bytes);
}

/** The IPC bytes `table` was decoded from; `undefined` for a table `decodeTable` did not make. */
export function ipcBytesOf(table: DecodedTable): Uint8Array | undefined {
  return sources.get(table);
}
