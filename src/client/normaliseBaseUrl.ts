/**
 * `baseUrl` without trailing slashes, so that `https://acme.omniapp.co/` and `https://acme.omniapp.co`
 * make the same client key. An absolute URL also gets its scheme and host lower-cased (by `URL`).
 *
 * @throws TypeError when `baseUrl` is not a string, or carries a query string or fragment (paths
 *   are appended to it, so those would end up in the wrong place).
 */
export function normaliseBaseUrl(baseUrl: unknown): string {
  if (typeof baseUrl !== 'string') {
    throw new TypeError(`createOmniClient: baseUrl must be a string, got ${baseUrl === null ? 'null' : typeof baseUrl}`);
  }
  const text = baseUrl.trim();
  if (/[?#]/.test(text)) {
    throw new TypeError('createOmniClient: baseUrl must not contain a query string or fragment');
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch (cause) {
      throw new TypeError(`createOmniClient: baseUrl is not a valid URL: ${text}`, { cause });
    }
    return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
  }
  return text.replace(/\/+$/, '');
}
