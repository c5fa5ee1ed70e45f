// `import 'omni-query-hooks/codecs'`: registers the LZ4 and ZSTD codecs with apache-arrow, so that
// `decodeResult` reads compressed batches. Omni sends uncompressed Arrow, so the main entry point
// leaves the codecs out; the hooks load them by themselves when a compressed result arrives.
import { registerCodecs } from './decode/ipc/registerCodecs.js';

registerCodecs();

export { registerCodecs };
