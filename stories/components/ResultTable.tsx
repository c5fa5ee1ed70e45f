import { useMemo } from 'react';
import type { FieldInfo, Row } from '../../src/index.js';
import { formatValue, isNumericField, isTimeField } from './formatValue.js';
import { columnsWidth } from './columnsWidth.js';
import { useElementSize } from './useElementSize.js';

/** Props of {@link ResultTable}. */
export interface ResultTableProps {
  /** Accessible name of the table. */
  caption: string;
  fields: readonly FieldInfo[];
  rows: readonly Row[];
  /** Show at most this many rows (the rest is summarised below the table). */
  maxRows?: number;
  /** Show each column's field name (or Arrow type) under its label (in the side-by-side layout). */
  showFieldNames?: boolean;
}

/**
 * Decoded rows as a table; headers use Omni's labels. It scrolls inside its tile, header kept in view; the
 * scroll area takes keyboard focus, so arrow keys scroll it without a mouse, and is named for screen readers.
 *
 * The layout rule: the columns sit side by side only when all of them fit whole in the tile (each as
 * wide as its label and its widest value). Otherwise, on a phone or in a narrow tile, each row becomes a
 * card: the first text column names the card, and every other column is a line "label … value". No
 * column is then cut ("Ord…") or pushed off to the side behind a faint scroll shadow: Revenue and Last
 * order are lines of every card, and the cards scroll down, not sideways. It is still one `<table>` (the
 * header row is only visually hidden), so screen readers read cells with their column names either way.
 */
export function ResultTable({ caption, fields, rows, maxRows = 50, showFieldNames = false }: ResultTableProps) {
  const shown = useMemo(() => rows.slice(0, maxRows), [rows, maxRows]);
  const needed = useMemo(
    () => columnsWidth(fields, shown.length, (field, row) => shown[row]?.[field.name], showFieldNames),
    [fields, shown, showFieldNames],
  );
  const [ref, { width }] = useElementSize<HTMLDivElement>({ width: 1024, height: 0 });
  const stacked = width < needed;
  // The card's name: the first text column (a product, a brand), not a number or a date; with none, every column is a labelled line.
  const nameIndex = fields.findIndex((field) => !isNumericField(field) && !isTimeField(field) && !field.internal);
  return (
    <>
      <div ref={ref} className="oq-table-wrap" tabIndex={0} role="region" aria-label={`${caption}, scrollable`}>
        <table
          className={stacked ? 'oq-table oq-table-stacked' : 'oq-table'}
          aria-label={caption}
          // `display: block` (the cards) drops a table's built-in roles in some browsers: say them outright.
          role={stacked ? 'table' : undefined}
          data-layout={stacked ? 'cards' : 'columns'}
        >
          <thead role={stacked ? 'rowgroup' : undefined}>
            <tr role={stacked ? 'row' : undefined}>
              {fields.map((field) => (
                <th
                  key={field.name}
                  scope="col"
                  role={stacked ? 'columnheader' : undefined}
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
          <tbody role={stacked ? 'rowgroup' : undefined}>
            {shown.map((row, i) => (
              <tr key={i} role={stacked ? 'row' : undefined}>
                {fields.map((field, column) => {
                  const { text, numeric } = formatValue(row[field.name], field);
                  const classes = [
                    numeric ? 'oq-num' : '',
                    row[field.name] == null ? 'oq-null' : '',
                    field.internal ? 'oq-internal' : '',
                    stacked && column === nameIndex ? 'oq-card-name' : '',
                  ]
                    .filter(Boolean)
                    .join(' ');
                  return (
                    <td
                      key={field.name}
                      role={stacked ? 'cell' : undefined}
                      className={classes || undefined}
                      // The card's line label, drawn by CSS so that the cell's text stays its value alone.
                      data-label={stacked && column !== nameIndex ? (field.label ?? field.name) : undefined}
                    >
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
