/**
 * Longest document identifier the proxy forwards, in characters after decoding: the browser client's
 * own limit. Omni's ids and slugs are far shorter.
 */
export const MAX_DOCUMENT_IDENTIFIER_LENGTH = 512;

/** The outcome of {@link parseDocumentIdentifier}. */
export type DocumentIdentifier =
  | {
      ok: true;
      /** The identifier, percent-decoded once. Never empty. */
      identifier: string;
      /** The same identifier as one encoded path segment, to put between Omni's fixed path parts. */
      segment: string;
    }
  | { ok: false; message: string };

const invalid = (reason: string): DocumentIdentifier => ({
  ok: false,
  message: `The document identifier ${reason}; expected one path segment such as a document id or slug.`,
});

/**
 * Checks the `{identifier}` of `/api/v1/documents/{identifier}/queries` as it stands in the incoming
 * path (still percent-encoded) and returns it re-encoded for Omni.
 *
 * The identifier must stay one segment on every hop: a URL parser, a gateway or Omni's router may decode
 * it once more, so anything that could become a separator or a dot segment after any number of
 * decodings is refused rather than escaped: `/`, `\` and their encodings, `.` and `..`, and a `%` left
 * after decoding (double encoding). Control characters, invalid UTF-8 and blank identifiers are refused
 * too. Everything the browser client's own check lets through passes here.
 */
export function parseDocumentIdentifier(raw: string): DocumentIdentifier {
  if (raw === '') return invalid('is empty');
  if (/[/\\]|%2f|%5c/i.test(raw)) return invalid('contains a slash or backslash');
  if (raw.length > MAX_DOCUMENT_IDENTIFIER_LENGTH * 3)
    return invalid(`is longer than ${MAX_DOCUMENT_IDENTIFIER_LENGTH} characters`);
  let identifier: string;
  try {
    identifier = decodeURIComponent(raw);
  } catch {
    return invalid('is not valid percent-encoded UTF-8');
  }
  if (identifier.length > MAX_DOCUMENT_IDENTIFIER_LENGTH)
    return invalid(`is longer than ${MAX_DOCUMENT_IDENTIFIER_LENGTH} characters`);
  if (identifier.trim() === '') return invalid('is blank');
  if (identifier === '.' || identifier === '..') return invalid('is a dot segment');
  if (identifier.includes('%')) return invalid('is encoded twice');
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/[\u0000-\u001f\u007f-\u009f]/.test(identifier)) return invalid('contains control characters');
  return { ok: true, identifier, segment: encodeURIComponent(identifier) };
}
