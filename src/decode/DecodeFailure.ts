/**
 * An internal signal that the input cannot be decoded, carrying a reason fit for a user-facing
 * message. `decodeTable` turns it into an `OmniError` of kind `decode` with the job id.
 */
export class DecodeFailure extends Error {
  override readonly name = 'DecodeFailure';
}
