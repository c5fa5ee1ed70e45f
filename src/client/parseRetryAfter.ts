const MONTH = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/i;
const TIME = /\b\d{1,2}:\d{2}:\d{2}\b/;

/**
 * The delay a `Retry-After` header asks for, in milliseconds.
 *
 * Accepts both forms of RFC 9110: delay-seconds (`"120"`, also a decimal `"1.5"`) and an HTTP date
 * (`"Wed, 21 Oct 2026 07:28:00 GMT"`, or the obsolete RFC 850 and asctime forms), measured from
 * `now`. A date in the past gives `0`.
 *
 * @returns `undefined` when the header is absent, empty, negative or not one of those forms.
 *   Dates must name a month and a time of day: `Date.parse` alone accepts too much (`"1"` is 2001).
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  if (!MONTH.test(text) || !TIME.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
