/** Replaces every occurrence of the token, so that nothing the gateway keeps or replays can hold it. */
export function tokenRedactor(token: string): (text: string) => string {
  return (text) => (text.includes(token) ? text.replaceAll(token, '[redacted]') : text);
}
