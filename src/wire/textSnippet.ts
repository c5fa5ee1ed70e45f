/** How many characters of a server's text go into an error message. */
export const SNIPPET_LENGTH = 200;

/**
 * A short, readable excerpt of a body for an error message: HTML tags and runs of whitespace are
 * collapsed, and the text is cut to `max` characters (with `…`). Redact secrets in `text` before
 * calling this, not after: the cut could split a secret so that a search no longer finds it.
 */
export function textSnippet(text: string, max: number = SNIPPET_LENGTH): string {
  let readable = text;
  if (/^\s*</.test(readable)) {
    // An HTML page from a proxy: its title and headings are what a person wants to read.
    readable = readable
      .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(/<[^>]*>/g, ' ')
      .replace(/&nbsp;/g, ' ')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>');
  }
  readable = readable.replace(/\s+/g, ' ').trim();
  return readable.length > max ? `${readable.slice(0, max)}…` : readable;
}
