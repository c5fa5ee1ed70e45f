/** Small builders of wire text for the reliability tests, on top of the fake Omni's helpers. */
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { bytesToBase64, footerLine, type WireObject } from '../fakeOmni.js';

/** Columns as `tableFromArrays` takes them (typed arrays, or string arrays for dictionary columns). */
export type Columns = Parameters<typeof tableFromArrays>[0];

/** The Arrow IPC bytes of `columns` (stream format unless asked otherwise). */
export function arrowBytes(columns: Columns, format: 'stream' | 'file' = 'stream'): Uint8Array {
  return tableToIPC(tableFromArrays(columns), format);
}

/** A job line's `result`: base64 Arrow of `columns`. */
export function resultOf(columns: Columns, format: 'stream' | 'file' = 'stream'): string {
  return bytesToBase64(arrowBytes(columns, format));
}

/** A `COMPLETE` job line carrying `result`, plus any extra wire keys. */
export function complete(jobId: string, result: string | undefined, extra: WireObject = {}): WireObject {
  const line: WireObject = { job_id: jobId, status: 'COMPLETE', client_result_id: `cr-${jobId}` };
  if (result !== undefined) line.result = result;
  return { ...line, ...extra };
}

/** The NDJSON footer; `timedOut` is sent exactly as given (`"true"`, `true`, …). */
export function footer(remaining: readonly string[], timedOut: unknown = 'false'): WireObject {
  return { ...footerLine(remaining, false), timed_out: timedOut };
}

/** NDJSON text of `lines` joined with `eol`, ending with `eol` unless `trailing` is false. */
export function lines(items: readonly unknown[], options: { eol?: string; trailing?: boolean } = {}): string {
  const eol = options.eol ?? '\n';
  const text = items.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))).join(eol);
  return options.trailing === false ? text : `${text}${eol}`;
}
