/**
 * Longest document identifier, in characters (decoded), that the client sends and the proxy
 * forwards. Omni's ids and slugs are far shorter.
 */
export const MAX_DOCUMENT_IDENTIFIER_LENGTH = 512;

/**
 * The one rule for a document identifier (decoded), shared by the client, `useOmniDocument` and the
 * proxy: why it cannot be sent as one path segment, or `undefined` when it can. Slugs and ids are
 * plain; anything that could step out of the segment (`/`, `\`, `.`/`..`, percent escapes), control
 * characters, blanks and overlong identifiers are refused before a request is made.
 */
export function documentIdentifierProblem(identifier: unknown): string | undefined {
  if (typeof identifier !== 'string') return `must be a string, got ${identifier === null ? 'null' : typeof identifier}`;
  if (identifier.trim() === '') return 'must not be empty';
  if (identifier === '.' || identifier === '..') return 'must not be "." or ".."';
  if (/[/\\%]/.test(identifier)) return 'must be one path segment (no "/", "\\" or "%")';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/[\u0000-\u001f\u007f-\u009f]/.test(identifier)) return 'must not contain control characters';
  if (identifier.length > MAX_DOCUMENT_IDENTIFIER_LENGTH) return `must be at most ${MAX_DOCUMENT_IDENTIFIER_LENGTH} characters`;
  return undefined;
}
