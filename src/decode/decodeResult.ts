import type { DecodedResult } from './DecodedResult.js';
import type { DecodeOptions } from './DecodeOptions.js';
import { decodeTable } from './decodeTable.js';
import { selectView } from './rows/selectView.js';

/**
 * Decodes a job's `result` (base64 text, or raw Arrow IPC bytes in stream or file format) into
 * rows, columns and field metadata, by the value table (see docs/values.md). Same as
 * `selectView(decodeTable(result, options), options)`; use those two when several views of one
 * job should share the conversion work.
 *
 * @throws OmniError of kind `decode` naming the reason, for input that cannot be decoded correctly.
 */
export function decodeResult(result: string | Uint8Array, options: DecodeOptions = {}): DecodedResult {
  return selectView(decodeTable(result, options), options);
}
