import { Type, type Table } from 'apache-arrow';

/** Options of {@link summaryFor}. */
export interface SummaryForOptions {
  /** Display labels by fully qualified field name. A humanised field name when absent. */
  labels?: Record<string, string> | undefined;
  /** Extra wire keys merged into each field entry, by field name (e.g. `{ format: { value: 'USD' } }`). */
  fieldExtras?: Record<string, Record<string, unknown>>;
}

/** Omni-internal columns, which Omni leaves out of `summary.fields` (the decoder has its own, stricter test). */
function isInternalColumn(name: string): boolean {
  return name.startsWith('$omni_') || /^ssort_\d+/.test(name) || name.endsWith('__raw');
}

/**
 * A wire-shaped (snake_case) `summary` for `table`, as Omni would send it: `fields` keyed by fully
 * qualified name with `field_name`, `view_name`, `data_type`, `is_dimension` and `label`, plus
 * `display_sql` and `total_rows`. Internal columns are left out, as Omni does.
 */
export function summaryFor(table: Table, options: SummaryForOptions = {}): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  table.schema.fields.forEach((field, index) => {
    const name = field.name;
    if (isInternalColumn(name)) return;
    const dot = name.indexOf('.');
    const viewName = dot === -1 ? '' : name.slice(0, dot);
    const fieldName = dot === -1 ? name : name.slice(dot + 1);
    const dataType = omniDataType(table.getChildAt(index)?.type.typeId ?? Type.NONE);
    fields[name] = {
      field_name: fieldName,
      view_name: viewName,
      fully_qualified_name: name,
      data_type: dataType,
      is_dimension: dataType !== 'NUMBER',
      label: options.labels?.[name] ?? humanise(fieldName),
      ...options.fieldExtras?.[name],
    };
  });
  const columns = Object.keys(fields)
    .map((name) => `"${name}"`)
    .join(', ');
  return {
    display_sql: `SELECT ${columns || '*'} FROM fake_table`,
    total_rows: table.numRows,
    fields,
  };
}

function omniDataType(typeId: Type): string {
  switch (typeId) {
    case Type.Int:
    case Type.Float:
    case Type.Decimal:
      return 'NUMBER';
    case Type.Utf8:
    case Type.LargeUtf8:
    case Type.Dictionary:
      return 'STRING';
    case Type.Timestamp:
    case Type.Date:
      return 'TIMESTAMP';
    case Type.Bool:
      return 'BOOLEAN';
    default:
      return 'UNKNOWN';
  }
}

function humanise(fieldName: string): string {
  const words = fieldName.replace(/[_.]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
