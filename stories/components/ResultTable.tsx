import type { FieldInfo, Row } from '../../src/index.js';
import { formatValue, isNumericField } from './formatValue.js';

/** Props of {@link ResultTable}. */
export interface ResultTableProps {
  /** Accessible name of the table. */
  caption: string;
  fields: readonly FieldInfo[];
  rows: readonly Row[];
  /** Show at most this many rows (the rest is summarised below the table). */
  maxRows?: number;
  /** Show each column's field name (or Arrow type) under its label. */
  showFieldNames?: boolean;
}

/**
 * A plain table of decoded rows; headers use Omni's labels, with the field name underneath. It scrolls
 * inside its tile (both ways, header kept in view); the scroll area takes keyboard focus, so arrow keys
 * scroll it without a mouse, and is named for screen readers.
 */
export function ResultTable({ caption, fields, rows, maxRows = 50, showFieldNames = false }: ResultTableProps) {
  const shown = rows.slice(0, maxRows);
  return (
    <>
      <div className="oq-table-wrap" tabIndex={0} role="region" aria-label={`${caption}, scrollable`}>
        <table className="oq-table" aria-label={caption}>
          <thead>
            <tr>
              {fields.map((field) => (
                <th
                  key={field.name}
                  scope="col"
                  data-field={field.name}
                  className={
                    [isNumericField(field) ? 'oq-num' : '', field.internal ? 'oq-internal' : ''].filter(Boolean).join(' ') ||
                    undefined
                  }
                >
                  {field.label ?? field.name}
                  {showFieldNames ? <span className="oq-col-name">{field.label ? field.name : field.arrowType}</span> : null}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((row, i) => (
              <tr key={i}>
                {fields.map((field) => {
                  const { text, numeric } = formatValue(row[field.name], field);
                  const classes = [
                    numeric ? 'oq-num' : '',
                    row[field.name] == null ? 'oq-null' : '',
                    field.internal ? 'oq-internal' : '',
                  ]
                    .filter(Boolean)
                    .join(' ');
                  return (
                    <td key={field.name} className={classes || undefined}>
                      {text}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > shown.length ? (
        <div className="oq-footnote">
          Showing {shown.length} of {rows.length.toLocaleString('en-US')} rows.
        </div>
      ) : null}
    </>
  );
}
