import type { FieldInfo } from '../../src/index.js';

const LOCALE = 'en-US';
const integer = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
// Ids read as labels, not quantities: no grouping separators.
const plainInteger = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0, useGrouping: false });
const decimal = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 2 });
const compact = new Intl.NumberFormat(LOCALE, { notation: 'compact', maximumFractionDigits: 1 });
const usd = new Intl.NumberFormat(LOCALE, { style: 'currency', currency: 'USD' });
const usdCompact = new Intl.NumberFormat(LOCALE, {
  style: 'currency',
  currency: 'USD',
  notation: 'compact',
  maximumFractionDigits: 1,
});
const percent = new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 1 });
// UTC so that a story renders the same on every machine, in tests and screenshots alike.
const dateOnly = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeZone: 'UTC' });
const dateTime = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** Text shown for a missing value. */
export const NULL_TEXT = '—';

/** How a value is shown: the text, and whether it reads as a number (right-aligned). */
export interface FormattedValue {
  text: string;
  numeric: boolean;
}

function numberFormatFor(format: string | undefined, style: 'full' | 'compact'): Intl.NumberFormat {
  const name = format?.toUpperCase() ?? '';
  if (name.startsWith('USD') || name.startsWith('CURRENCY')) return style === 'compact' ? usdCompact : usd;
  if (name.startsWith('PERCENT')) return percent;
  if (name === 'ID') return plainInteger;
  if (name === 'NUMBER_0') return integer;
  return style === 'compact' ? compact : decimal;
}

/**
 * Formats a decoded cell (see the value table) for display, using Omni's format name when the field has one.
 * `compact` is for KPI cards and chart labels ("$1.2M").
 */
export function formatValue(
  value: unknown,
  field?: Pick<FieldInfo, 'format'>,
  style: 'full' | 'compact' = 'full',
): FormattedValue {
  if (value === null || value === undefined) return { text: NULL_TEXT, numeric: false };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { text: String(value), numeric: true };
    // Compact only pays off for big numbers: "$59.40" reads better than "$59.4".
    // Zero is an axis origin, not a price: "$0" rather than "$0.00".
    const effective = style === 'compact' && (Math.abs(value) >= 10_000 || value === 0) ? 'compact' : 'full';
    return { text: numberFormatFor(field?.format, effective).format(value), numeric: true };
  }
  // Intl formats bigint exactly, so an Int64 beyond 2^53 keeps every digit.
  if (typeof value === 'bigint') return { text: numberFormatFor(field?.format, 'full').format(value), numeric: true };
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { text: 'Invalid date', numeric: false };
    const midnight = value.getUTCHours() === 0 && value.getUTCMinutes() === 0 && value.getUTCSeconds() === 0;
    return { text: (midnight ? dateOnly : dateTime).format(value), numeric: false };
  }
  if (typeof value === 'boolean') return { text: value ? 'Yes' : 'No', numeric: false };
  if (value instanceof Uint8Array) return { text: `${integer.format(value.byteLength)} bytes`, numeric: false };
  if (typeof value === 'string') return { text: value, numeric: false };
  return { text: safeJson(value), numeric: false };
}

// Lists and structs may hold bigint, which JSON.stringify rejects.
function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? String(value);
  } catch {
    return String(value);
  }
}

/** True when a field holds numbers, so its header aligns with its right-aligned cells. */
export function isNumericField(field: Pick<FieldInfo, 'dataType' | 'arrowType'>): boolean {
  return field.dataType === 'NUMBER' || /^(Int|Uint|Float|Decimal)/i.test(field.arrowType);
}

/** True when a field holds dates or times (Omni's `DATE`/`TIMESTAMP`, Arrow's `Date*`/`Timestamp*`). */
export function isTimeField(field: Pick<FieldInfo, 'dataType' | 'arrowType'>): boolean {
  return field.dataType === 'TIMESTAMP' || field.dataType === 'DATE' || /^(Timestamp|Date)/.test(field.arrowType);
}

/** Formats a count with grouping ("200,000"). */
export function formatCount(n: number): string {
  return integer.format(n);
}

/** A time waited, in whole seconds as a person counts them: "0 s", "12 s", "2 min 5 s". */
export function formatWait(ms: number): string {
  const seconds = Math.floor(Math.max(0, ms) / 1000);
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
