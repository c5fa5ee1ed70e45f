import type { Int64Policy } from '../../src/decode/DecodeOptions.js';
import type { GoldColumn, GoldField, GoldFile } from '../support/arrowGold.js';

/**
 * The value table of docs/values.md applied to golden integration JSON, written independently of
 * the decoder (BigInt arithmetic, no typed arrays), so a decoder bug cannot hide in both.
 */
export function expectedColumns(gold: GoldFile, int64: Int64Policy): unknown[][] {
  const dictionaries = new Map<number, GoldColumn>();
  for (const dictionary of gold.dictionaries ?? []) {
    dictionaries.set(dictionary.id, dictionary.data.columns[0]!);
  }
  return gold.schema.fields.map((field, c) =>
    gold.batches.flatMap((batch) => expectedValues(field, batch.columns[c]!, { int64, dictionaries })),
  );
}

interface Context {
  int64: Int64Policy;
  dictionaries: Map<number, GoldColumn>;
}

function expectedValues(field: GoldField, column: GoldColumn, ctx: Context): unknown[] {
  const valid = (i: number) => column.VALIDITY === undefined || column.VALIDITY[i] === 1;
  if (field.dictionary !== undefined) {
    const dictionary = ctx.dictionaries.get(field.dictionary.id)!;
    const { dictionary: _, ...valueField } = field;
    const values = expectedValues(valueField, dictionary, ctx);
    return range(column.count).map((i) => (valid(i) ? values[Number(column.DATA![i])] : null));
  }
  const type = field.type;
  const data = column.DATA ?? [];
  const cell = (convert: (value: unknown, i: number) => unknown) =>
    range(column.count).map((i) => (valid(i) ? convert(data[i], i) : null));
  switch (type.name) {
    case 'null':
      return range(column.count).map(() => null);
    case 'bool':
      return cell((value) => value === true || value === 1);
    case 'int':
      return cell((value) => (type['bitWidth'] === 64 ? int64Value(BigInt(String(value)), ctx.int64) : Number(value)));
    case 'floatingpoint':
      return cell((value) => (type['precision'] === 'SINGLE' ? Math.fround(Number(value)) : Number(value)));
    case 'decimal':
      return cell((value) => Number(`${String(value)}e${-Number(type['scale'] ?? 0)}`));
    case 'date':
      return cell((value) =>
        type['unit'] === 'DAY' ? new Date(Number(value) * 86400000) : new Date(Number(BigInt(String(value)))),
      );
    case 'timestamp':
      return cell((value) => new Date(Number(toMilliseconds(BigInt(String(value)), String(type['unit'])))));
    case 'time':
      return cell((value) => (type['bitWidth'] === 64 ? int64Value(BigInt(String(value)), ctx.int64) : Number(value)));
    case 'duration':
      return cell((value) => int64Value(BigInt(String(value)), ctx.int64));
    case 'interval':
      return cell((value) => intervalValue(value, String(type['unit']), ctx.int64));
    case 'binary':
    case 'largebinary':
    case 'fixedsizebinary':
      return cell((value) => hexToBytes(String(value)));
    case 'utf8':
    case 'largeutf8':
      return cell((value) => String(value));
    case 'binaryview':
    case 'utf8view':
      return cell((_, i) => viewValue(column, i, type.name === 'utf8view'));
    case 'list':
    case 'largelist': {
      const items = expectedValues(field.children[0]!, column.children![0]!, ctx);
      return cell((_, i) => items.slice(Number(column.OFFSET![i]), Number(column.OFFSET![i + 1])));
    }
    case 'fixedsizelist': {
      const size = Number(type['listSize']);
      const items = expectedValues(field.children[0]!, column.children![0]!, ctx);
      return cell((_, i) => items.slice(i * size, (i + 1) * size));
    }
    case 'struct': {
      const children = field.children.map((child, c) => expectedValues(child, column.children![c]!, ctx));
      const keys = structKeys(field.children.map((child) => child.name));
      return cell((_, i) => Object.fromEntries(keys.map((key, c) => [key, children[c]![i]])));
    }
    case 'map': {
      const entries = column.children![0]!;
      const entryField = field.children[0]!;
      const keys = expectedValues(entryField.children[0]!, entries.children![0]!, ctx);
      const values = expectedValues(entryField.children[1]!, entries.children![1]!, ctx);
      return cell((_, i) =>
        range(Number(column.OFFSET![i + 1]) - Number(column.OFFSET![i])).map((k) => {
          const e = Number(column.OFFSET![i]) + k;
          return [keys[e], values[e]];
        }),
      );
    }
    case 'union': {
      const typeIds = type['typeIds'] as number[];
      const children = field.children.map((child, c) => expectedValues(child, column.children![c]!, ctx));
      return range(column.count).map((i) => {
        const child = children[typeIds.indexOf(column.TYPE_ID![i]!)]!;
        return child[type['mode'] === 'DENSE' ? Number(column.OFFSET![i]) : i];
      });
    }
    default:
      throw new Error(`golden type ${type.name} has no expected value in the value table`);
  }
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function int64Value(value: bigint, policy: Int64Policy): number | bigint | string {
  if (policy === 'bigint') return value;
  if (value >= -9007199254740991n && value <= 9007199254740991n) return Number(value);
  return policy === 'string' ? value.toString() : value;
}

/** Floor division to milliseconds, the documented rounding for µs and ns. */
function toMilliseconds(value: bigint, unit: string): bigint {
  if (unit === 'SECOND') return value * 1000n;
  if (unit === 'MILLISECOND') return value;
  const divisor = unit === 'MICROSECOND' ? 1000n : 1000000n;
  const quotient = value / divisor;
  return value % divisor < 0n ? quotient - 1n : quotient;
}

function intervalValue(value: unknown, unit: string, policy: Int64Policy): unknown {
  if (unit === 'YEAR_MONTH') return Number(value);
  const parts = value as Record<string, number | string>;
  if (unit === 'DAY_TIME') return { days: Number(parts['days']), milliseconds: Number(parts['milliseconds']) };
  return {
    months: Number(parts['months']),
    days: Number(parts['days']),
    nanoseconds: int64Value(BigInt(String(parts['nanoseconds'])), policy),
  };
}

function viewValue(column: GoldColumn, i: number, utf8: boolean): unknown {
  const view = column.VIEWS![i]!;
  const size = Number(view['SIZE']);
  let bytes: Uint8Array;
  if (view['INLINED'] !== undefined) {
    if (utf8) return String(view['INLINED']);
    bytes = hexToBytes(String(view['INLINED']));
  } else {
    const buffer = hexToBytes(column.VARIADIC_DATA_BUFFERS![Number(view['BUFFER_INDEX'])]!);
    bytes = buffer.slice(Number(view['OFFSET']), Number(view['OFFSET']) + size);
  }
  return utf8 ? new TextDecoder().decode(bytes) : bytes;
}

function hexToBytes(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

/** The documented duplicate-name policy, restated: later repeats get " (2)", " (3)", … */
function structKeys(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return count === 1 ? name : `${name} (${count})`;
  });
}
