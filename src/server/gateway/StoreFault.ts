/**
 * A gateway store call that failed or took too long. The proxy answers 503 with `Retry-After` and
 * reports it to `onError` with stage `'store'`; the store's own error, if any, is the `cause`.
 */
export class StoreFault extends Error {
  override readonly name = 'StoreFault';
}
