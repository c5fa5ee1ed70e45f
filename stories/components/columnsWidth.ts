import type { FieldInfo } from '../../src/index.js';
import { formatValue } from './formatValue.js';
import { measureText } from './measureText.js';

/** Horizontal padding of a cell, 10 px each side, as in styles.css. */
const CELL_PADDING = 20;
/** Laid-out text lands on whole and half pixels where the canvas measures fractions: a pixel per column covers it. */
const ROUNDING = 1;

/**
 * The width a table needs to show every column whole, side by side (its scroll area's inner width, the
 * border excluded): per column the widest of its label (12 px, semibold), its field name when shown
 * (11 px mono) and the values of rows `0 … rowCount - 1` (14 px, read through `valueAt`), plus padding.
 * Both tables of the demo compare it with their width to choose columns or cards.
 */
export function columnsWidth(
  fields: readonly FieldInfo[],
  rowCount: number,
  valueAt: (field: FieldInfo, row: number) => unknown,
  showFieldNames = false,
): number {
  let total = 0;
  for (const field of fields) {
    let widest = measureText(field.label ?? field.name, 12, { weight: 600 });
    if (showFieldNames) widest = Math.max(widest, measureText(field.label ? field.name : field.arrowType, 11, { mono: true }));
    for (let row = 0; row < rowCount; row++)
      widest = Math.max(widest, measureText(formatValue(valueAt(field, row), field).text, 14));
    total += widest + CELL_PADDING + ROUNDING;
  }
  return Math.ceil(total);
}
