/**
 * A function that replaces every occurrence of `secret` in a text with `[redacted]`. Used on server
 * text before it enters an error message, in case a proxy echoes the `Authorization` header back.
 * Secrets shorter than 4 characters are left alone: replacing them would mangle ordinary words.
 */
export function redactor(secret: string | undefined): (text: string) => string {
  if (secret === undefined || secret.length < 4) return (text) => text;
  return (text) => text.split(secret).join('[redacted]');
}
