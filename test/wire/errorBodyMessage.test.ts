import { describe, expect, it } from 'vitest';
import { errorBodyMessage } from '../../src/wire/errorBodyMessage.js';
import { textSnippet } from '../../src/wire/textSnippet.js';

describe('errorBodyMessage', () => {
  it.each([
    [
      { detail: 'Permission denied', status: 403 },
      { message: 'Permission denied', status: 403 },
    ],
    [{ error: { code: 403, message: 'Invalid bearer token' } }, { message: 'Invalid bearer token', status: 403 }],
    [
      { error: 'Model not found', success: false },
      { message: 'Model not found', status: undefined },
    ],
    [
      { message: 'Internal error', reason: 'db' },
      { message: 'Internal error', reason: 'db', status: undefined },
    ],
    [
      { message: 'Internal error', reason: '' },
      { message: 'Internal error', reason: undefined, status: undefined },
    ],
  ])('reads %j', (body, expected) => {
    expect(errorBodyMessage(body)).toEqual(expected);
  });

  it.each([null, 42, 'text', [], {}, { detail: '' }, { error: { code: 1 } }, { error: 3 }, { message: 7 }])(
    'finds nothing in %j',
    (body) => {
      expect(errorBodyMessage(body)).toBeUndefined();
    },
  );
});

describe('textSnippet', () => {
  it('reads an HTML page as its text, without scripts and styles', () => {
    const page =
      '<html><head><style>h1{}</style><script>var a = "<b>";</script><title>Oops &amp; more</title></head><body>\n\n<p>Try&nbsp;again</p></body></html>';
    expect(textSnippet(page)).toBe('Oops & more Try again');
  });

  it('collapses whitespace and leaves non-HTML text alone', () => {
    expect(textSnippet('  a \n\t b <c> ')).toBe('a b <c>');
  });

  it('cuts long text with an ellipsis', () => {
    expect(textSnippet('abcdef', 3)).toBe('abc…');
    expect(textSnippet('abc', 3)).toBe('abc');
  });
});
