/**
 * The origin every mocked story talks to. `.test` is reserved (RFC 2606), so a request that escapes the
 * mock can never reach a real host; msw's service worker answers it inside the browser.
 */
export const FAKE_OMNI_ORIGIN = 'https://acme.omni.test';
