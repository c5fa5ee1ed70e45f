import { documentIdentifierProblem, MAX_DOCUMENT_IDENTIFIER_LENGTH } from '../rules/documentIdentifier.js';

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
 * after decoding (double encoding), and invalid UTF-8. The decoded identifier then meets the client's
 * own rule (`documentIdentifierProblem`), so the proxy and the client refuse the same identifiers.
 */
export function parseDocumentIdentifier(raw: string): DocumentIdentifier {
  if (raw === '') return invalid('is empty');
  if (/[/\\]|%2f|%5c/i.test(raw)) return invalid('contains a slash or backslash');
  // A cheap cap before decoding anything: three encoded characters per decoded one.
  if (raw.length > MAX_DOCUMENT_IDENTIFIER_LENGTH * 3)
    return invalid(`must be at most ${MAX_DOCUMENT_IDENTIFIER_LENGTH} characters`);
  let identifier: string;
  try {
    identifier = decodeURIComponent(raw);
  } catch {
    return invalid('is not valid percent-encoded UTF-8');
  }
  if (identifier.includes('%')) return invalid('is encoded twice');
  const problem = documentIdentifierProblem(identifier);
  if (problem !== undefined) return invalid(problem);
  return { ok: true, identifier, segment: encodeURIComponent(identifier) };
}
