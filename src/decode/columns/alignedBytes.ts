/**
 * The bytes themselves when they start on an 8-byte boundary, else an aligned copy: apache-arrow
 * views buffers in place as Int32Array, Float64Array and BigInt64Array, which need aligned offsets.
 */
export function alignedBytes(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
}
