import { describe, expect, it } from 'vitest';
import { documentIdentifierProblem, MAX_DOCUMENT_IDENTIFIER_LENGTH } from '../../src/rules/documentIdentifier.js';
import { parseDocumentIdentifier } from '../../src/server/parseDocumentIdentifier.js';

describe('documentIdentifierProblem: the one document identifier rule', () => {
  it.each([
    ['', 'must not be empty'],
    ['  ', 'must not be empty'],
    ['..', 'must not be "." or ".."'],
    ['a/b', 'must be one path segment (no "/", "\\" or "%")'],
    ['a\u0085b', 'must not contain control characters'],
    ['x'.repeat(MAX_DOCUMENT_IDENTIFIER_LENGTH + 1), 'must be at most 512 characters'],
  ])('refuses %j in the client and in the proxy, with the same reason', (identifier, reason) => {
    expect(documentIdentifierProblem(identifier)).toBe(reason);
    const parsed = parseDocumentIdentifier(encodeURIComponent(identifier));
    expect(parsed.ok).toBe(false);
    if (identifier !== '' && !identifier.includes('/')) expect(!parsed.ok && parsed.message).toContain(reason);
  });

  it('accepts what both accept, up to the one 512-character limit', () => {
    for (const identifier of ['sales-dashboard', 'é l', 'x'.repeat(MAX_DOCUMENT_IDENTIFIER_LENGTH)]) {
      expect(documentIdentifierProblem(identifier)).toBeUndefined();
      expect(parseDocumentIdentifier(encodeURIComponent(identifier))).toEqual({
        ok: true,
        identifier,
        segment: encodeURIComponent(identifier),
      });
    }
  });
});
