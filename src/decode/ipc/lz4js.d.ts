// lz4js ships no types; this declares the one function the decoder uses.
declare module 'lz4js' {
  interface Lz4js {
    /** Decompresses one LZ4 frame. */
    decompress(src: Uint8Array, maxSize?: number): Uint8Array;
  }
  const lz4js: Lz4js;
  export default lz4js;
}
