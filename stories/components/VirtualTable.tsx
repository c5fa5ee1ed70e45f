import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { FieldInfo } from '../../src/index.js';
import { formatValue, isNumericField } from './formatValue.js';

/** Props of {@link VirtualTable}. */
export interface VirtualTableProps {
  /** Accessible name of the table. */
  caption: string;
  fields: readonly FieldInfo[];
  /** Column arrays (the hook's `columns`): only the visible cells are read, so no row objects are built. */
  columns: Record<string, ArrayLike<unknown>>;
  numRows: number;
  /** Height of the scroll area in px. */
  height?: number;
}

const ROW_HEIGHT = 34;

/**
 * A virtualized table (@tanstack/react-virtual): whatever the row count, only the rows in view (plus a few)
 * are in the DOM. ARIA row indices tell assistive tech (and tests) where each rendered row sits.
 */
export function VirtualTable({ caption, fields, columns, numRows, height = 420 }: VirtualTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // react-virtual returns functions that the React Compiler must not memoise; this component is not compiled.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: numRows,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  // Numbers are short and text is long: share the width accordingly.
  const template = fields
    .map((field) =>
      isNumericField(field)
        ? 'minmax(90px, 0.7fr)'
        : field.dataType === 'TIMESTAMP'
          ? 'minmax(170px, 1fr)'
          : 'minmax(140px, 1.4fr)',
    )
    .join(' ');

  return (
    <div
      ref={scrollRef}
      className="oq-vtable"
      style={{ height }}
      role="table"
      aria-label={caption}
      aria-rowcount={numRows + 1}
      data-testid="virtual-scroll"
      tabIndex={0}
    >
      <div className="oq-vhead" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template }}>
        {fields.map((field) => (
          <div key={field.name} role="columnheader" style={isNumericField(field) ? { textAlign: 'right' } : undefined}>
            {field.label ?? field.name}
          </div>
        ))}
      </div>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }} role="rowgroup">
        {virtualizer.getVirtualItems().map((item) => (
          <div
            key={item.key}
            className="oq-vrow"
            role="row"
            aria-rowindex={item.index + 2}
            style={{ top: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)`, gridTemplateColumns: template }}
          >
            {fields.map((field) => {
              const { text, numeric } = formatValue(columns[field.name]?.[item.index], field);
              return (
                <div key={field.name} role="cell" style={numeric ? { textAlign: 'right' } : undefined}>
                  {text}
                </div>
              );
            })}
          </div>
        ))}
      </div>
    </div>
  );
}
