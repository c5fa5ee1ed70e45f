import { OmniError } from '../../errors/OmniError.js';
import { DecodeFailure } from '../DecodeFailure.js';

const NAMES: Record<number, string> = { 0: 'LZ4_FRAME', 1: 'ZSTD' };

/**
 * The result has compressed batches and no codec is registered for them. The codecs are not in the
 * default bundle (Omni sends uncompressed Arrow): the hook path loads them on demand and decodes
 * again; {@link decodeResult} callers register them with `import 'omni-query-hooks/codecs'`.
 */
export class MissingCodecs extends DecodeFailure {
  constructor(readonly codecs: readonly number[]) {
    super(
      `its record batches are ${codecs.map((codec) => NAMES[codec] ?? `codec ${codec}`).join(' and ')} compressed and no codec is registered: add \`import 'omni-query-hooks/codecs'\` once to your app`,
    );
  }
}

/** True for a `decode` error that only a missing compression codec caused. */
export function needsCodecs(error: unknown): boolean {
  return error instanceof OmniError && error.kind === 'decode' && error.cause instanceof MissingCodecs;
}
