/** What a secret is replaced with, in client error messages and in error bodies the proxy passes on. */
const REDACTED = '[redacted]';

/** Secrets shorter than this are left alone: replacing them would mangle ordinary words. */
const MIN_SECRET_LENGTH = 4;

/**
 * The one redaction rule of the client and the proxy: a function that replaces every occurrence of
 * `secret` in a text with `[redacted]`, for server text on its way into an error message or an error
 * body (in case a gateway or a debug page echoes the `Authorization` header back). With `cut`, the
 * text is a prefix cut at a size limit, and a trailing beginning of the secret is dropped too.
 */
export function redactor(secret: string | undefined): (text: string, cut?: boolean) => string {
  if (secret === undefined || secret.length < MIN_SECRET_LENGTH) return (text) => text;
  return (text, cut = false) => {
    const clean = text.split(secret).join(REDACTED);
    return cut ? withoutSecretStartAtEnd(clean, secret) : clean;
  };
}

function withoutSecretStartAtEnd(text: string, secret: string): string {
  for (let length = Math.min(secret.length - 1, text.length); length > 0; length -= 1) {
    if (text.endsWith(secret.slice(0, length))) return text.slice(0, text.length - length);
  }
  return text;
}
