import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { decodeResult } from '../../src/decode/decodeResult.js';
import { decodeTable } from '../../src/decode/decodeTable.js';
import { selectView } from '../../src/decode/rows/selectView.js';
import type { SummaryField } from '../../src/wire/summarySchema.js';
import * as rowsModule from '../../src/decode/rows/buildRows.js';
import * as readModule from '../../src/decode/columns/readData.js';

vi.mock(import('../../src/decode/rows/buildRows.js'), async (importOriginal) => {
  const original = await importOriginal();
  return { ...original, buildRows: vi.fn(original.buildRows) };
});
vi.mock(import('../../src/decode/columns/readData.js'), async (importOriginal) => {
  const original = await importOriginal();
  return { ...original, readColumn: vi.fn(original.readColumn) };
});

const base64 = readFileSync(new URL('../fixtures/omni-docs-result.b64', import.meta.url), 'utf8').trim();
const userFields = [
  'inventory_items.product_department',
  'inventory_items.product_category',
  'inventory_items.product_brand',
  'inventory_items.count',
];
const internalColumns = ['ssort_0', 'ssort_1', '$omni_group_grouping', '$omni_column_total_indicator', '$omni_total_sort'];

function summaryField(label: string, dataType: string, isDimension: boolean, format?: string): SummaryField {
  return {
    fieldName: undefined,
    viewName: undefined,
    fullyQualifiedName: undefined,
    dataType,
    isDimension,
    label,
    format,
    aggregateType: undefined,
    dateType: undefined,
    isCalc: undefined,
    hidden: undefined,
  };
}

describe("Omni's documented result payload", () => {
  it('decodes the first row as Men / Accessories / 180s / 284', () => {
    const result = decodeResult(base64);
    expect(result.numRows).toBe(10);
    expect(result.rows[0]).toEqual({
      'inventory_items.product_department': 'Men',
      'inventory_items.product_category': 'Accessories',
      'inventory_items.product_brand': '180s',
      'inventory_items.count': 284,
    });
    expect(result.columns['inventory_items.count']![0]).toBe(284);
  });

  it('hides the internal columns by default and shows them, marked, on request', () => {
    const hidden = decodeResult(base64);
    expect(hidden.fields.map((field) => field.name)).toEqual(userFields);
    expect(Object.keys(hidden.columns)).toEqual(userFields);
    expect(Object.keys(hidden.rows[3]!)).toEqual(userFields);
    expect(hidden.table.numCols).toBe(9);

    const shown = decodeResult(base64, { includeInternalColumns: true });
    expect(shown.fields.map((field) => field.name)).toEqual([...userFields, ...internalColumns]);
    expect(shown.fields.map((field) => field.internal)).toEqual([
      ...userFields.map(() => false),
      ...internalColumns.map(() => true),
    ]);
    expect(shown.rows[0]!['ssort_0']).toBe(0);
    expect(shown.rows[0]!['$omni_column_total_indicator']).toBeNull();
  });

  it('shows exactly the query fields, in their order, and marks the rest internal', () => {
    const fields = ['inventory_items.count', 'inventory_items.product_brand', 'not_in.the_table'];
    const result = decodeResult(base64, { fields });
    expect(result.fields.map((field) => field.name)).toEqual(['inventory_items.count', 'inventory_items.product_brand']);
    expect(result.rows[0]).toEqual({ 'inventory_items.count': 284, 'inventory_items.product_brand': '180s' });

    const all = decodeResult(base64, { fields, includeInternalColumns: true });
    expect(all.fields.slice(0, 2).map((field) => field.name)).toEqual(['inventory_items.count', 'inventory_items.product_brand']);
    expect(all.fields.filter((field) => field.internal).map((field) => field.name)).toEqual([
      'inventory_items.product_department',
      'inventory_items.product_category',
      ...internalColumns,
    ]);
  });

  it('never shows internal-pattern columns, even when the query lists them', () => {
    const result = decodeResult(base64, { fields: ['ssort_0', 'inventory_items.count'] });
    expect(result.fields.map((field) => field.name)).toEqual(['inventory_items.count']);
  });

  it('falls back to the keys of summary.fields and joins their metadata', () => {
    const summaryFields = {
      'inventory_items.count': summaryField('Inventory Items Count', 'NUMBER', false, 'NUMBER_0'),
      'inventory_items.product_brand': summaryField('Brand', 'STRING', true),
    };
    const result = decodeResult(base64, { summaryFields });
    expect(result.fields).toEqual([
      {
        name: 'inventory_items.product_brand',
        arrowName: 'inventory_items.product_brand',
        columnIndex: 2,
        arrowType: 'Utf8',
        internal: false,
        label: 'Brand',
        dataType: 'STRING',
        isDimension: true,
      },
      {
        name: 'inventory_items.count',
        arrowName: 'inventory_items.count',
        columnIndex: 3,
        arrowType: 'Int64',
        internal: false,
        label: 'Inventory Items Count',
        dataType: 'NUMBER',
        isDimension: false,
        format: 'NUMBER_0',
      },
    ]);
    // `fields` wins over summary.fields for choosing columns; the metadata still joins.
    const both = decodeResult(base64, { fields: ['inventory_items.count'], summaryFields });
    expect(both.fields.map((field) => [field.name, field.label])).toEqual([['inventory_items.count', 'Inventory Items Count']]);
  });

  it('decodes the same from base64 and from raw bytes', () => {
    const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
    expect(decodeResult(bytes).rows).toEqual(decodeResult(base64).rows);
  });

  it('gives rows that survive spreading, Object.keys and JSON.stringify', () => {
    const [row] = decodeResult(base64).rows;
    expect({ ...row }).toEqual(row);
    expect(Object.keys(row!)).toEqual(userFields);
    expect(JSON.parse(JSON.stringify(row))).toEqual(row);
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
  });

  it('follows the int64 policy for the Int64 count', () => {
    expect(decodeResult(base64, { int64: 'bigint' }).rows[0]!['inventory_items.count']).toBe(284n);
    expect(decodeResult(base64, { int64: 'string' }).rows[0]!['inventory_items.count']).toBe(284);
  });
});

describe('laziness and sharing', () => {
  const buildRows = vi.mocked(rowsModule.buildRows);

  it('builds no rows when only columns, fields or table are read', () => {
    buildRows.mockClear();
    const result = decodeResult(base64, { includeInternalColumns: true });
    for (const field of result.fields) expect(result.columns[field.name]).toHaveLength(10);
    expect(result.table.numRows).toBe(10);
    expect(JSON.stringify(result.columns)).toContain('Accessories');
    expect(buildRows).not.toHaveBeenCalled();
  });

  it('builds rows once per view, on first read', () => {
    buildRows.mockClear();
    const result = decodeResult(base64);
    const first = result.rows;
    expect(result.rows).toBe(first);
    expect(buildRows).toHaveBeenCalledTimes(1);
  });

  it('converts each column once, on demand, for all views of one table', () => {
    const readColumn = vi.mocked(readModule.readColumn);
    const table = decodeTable(base64);
    readColumn.mockClear();
    const narrow = selectView(table);
    const wide = selectView(table, { includeInternalColumns: true });
    expect(readColumn).not.toHaveBeenCalled();
    expect(narrow.columns['inventory_items.count']).toBe(wide.columns['inventory_items.count']);
    expect(readColumn).toHaveBeenCalledTimes(1);
    expect(narrow.rows).toHaveLength(10);
    expect(readColumn).toHaveBeenCalledTimes(4);
    expect(wide.rows).toHaveLength(10);
    expect(readColumn).toHaveBeenCalledTimes(9);
    expect(table.values(3)).toBe(narrow.columns['inventory_items.count']);
  });
});
