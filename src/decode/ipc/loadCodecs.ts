/**
 * Registers the LZ4 and ZSTD codecs, loading them first: bundlers put the dynamic import in a chunk
 * of its own, which only a user who meets a compressed result ever downloads.
 */
export async function loadCodecs(): Promise<void> {
  const { registerCodecs } = await import('./registerCodecs.js');
  registerCodecs();
}
