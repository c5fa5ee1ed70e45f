/**
 * `baseUrl` without trailing slashes, so that `https://acme.omniapp.co/` and `https://acme.omniapp.co`
 * make the same client key. An absolute URL also gets its scheme and host lower-cased (by `URL`).
 * `/` (the page's own origin) becomes `''`.
 *
 * Every path of the API (`/api/v1/query/run`, …) is appended to it, so the mistakes that would send
 * requests somewhere else are refused here, each with what to write instead (a 404 later would not
 * say why):
 * - empty;
 * - no scheme and no leading `/` (`acme.omniapp.co` would be a path relative to the page);
 * - ending in `/api/v1` or `/api` (the client adds `/api/v1` itself);
 * - a query string or fragment (the paths would land inside it).
 *
 * @throws TypeError naming the mistake and the value to write instead.
 */
export function normaliseBaseUrl(baseUrl: unknown): string {
  if (typeof baseUrl !== 'string') {
    throw new TypeError(`createOmniClient: baseUrl must be a string, got ${baseUrl === null ? 'null' : typeof baseUrl}`);
  }
  const text = baseUrl.trim();
  if (text === '') {
    throw new TypeError(
      'createOmniClient: baseUrl is empty. Write the Omni instance\'s origin ("https://acme.omniapp.co"), ' +
        'your proxy\'s path ("/api/omni"), or "/" for the page\'s own origin.',
    );
  }
  const cut = text.search(/[?#]/);
  if (cut !== -1) {
    const what = text[cut] === '?' ? 'a query string' : 'a fragment';
    throw new TypeError(
      `createOmniClient: baseUrl must not have ${what}: the client appends /api/v1/… to it. ` +
        `Write ${JSON.stringify(text.slice(0, cut).replace(/(.)\/+$/, '$1') || '/')} instead.`,
    );
  }
  const absolute = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
  if (!absolute && !text.startsWith('/')) {
    // `localhost:8787` parses as a scheme without `//`: it still needs one.
    const host = text.replace(/\/+$/, '');
    const scheme = /^(localhost|127\.0\.0\.1)(:|$)/i.test(host) ? 'http' : 'https';
    throw new TypeError(
      `createOmniClient: baseUrl ${JSON.stringify(text)} has no scheme, so requests would go to a path of the page ` +
        `(/${host}/api/v1/…). Write ${JSON.stringify(`${scheme}://${host}`)} for ` +
        'an Omni instance, or a path starting with "/" ("/api/omni") for your proxy.',
    );
  }
  let normalised: string;
  if (absolute) {
    let url: URL;
    try {
      url = new URL(text);
    } catch (cause) {
      throw new TypeError(`createOmniClient: baseUrl is not a valid URL: ${text}`, { cause });
    }
    normalised = `${url.origin}${url.pathname}`.replace(/\/+$/, '');
  } else {
    normalised = text.replace(/\/+$/, '');
  }
  const apiSuffix = /\/api(?:\/v1)?$/i.exec(normalised)?.[0];
  // A same-origin proxy may well be mounted at `/api` (`/api/api/v1/…` reaches it); an instance's
  // origin never ends in `/api`, and no proxy path ends in `/api/v1` by accident.
  const refused = apiSuffix !== undefined && (absolute || apiSuffix.toLowerCase() === '/api/v1');
  if (refused) {
    const instead = normalised.slice(0, normalised.length - apiSuffix.length) || '/';
    throw new TypeError(
      `createOmniClient: baseUrl must not end in ${apiSuffix}: the client adds /api/v1/… itself, so requests would go to ` +
        `${normalised}/api/v1/…. Write ${JSON.stringify(instead)} instead.`,
    );
  }
  return normalised;
}
