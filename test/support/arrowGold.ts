import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The Arrow C++ gold files live in ../shared next to the repository and must not be copied into
 * it. Tests that need them skip, saying why, when the folder is missing (e.g. a fresh clone).
 */
export const goldDir = fileURLToPath(new URL('../../../shared/fixtures/arrow-gold/', import.meta.url));

/** True when ../shared/fixtures/arrow-gold is present. */
export const hasGold = existsSync(`${goldDir}MANIFEST.md`);

/** Title suffix for gold suites, so a skipped run says why it skipped. */
export const goldSkipReason = hasGold ? '' : ' (skipped: ../shared/fixtures/arrow-gold is missing)';

/** The two IPC containers each gold file comes in. */
export type GoldContainer = 'arrow_file' | 'stream';

/** Every gold fixture base name (`cpp-21.0.0-primitive`, …), from its golden JSON. */
export function goldBases(): string[] {
  if (!hasGold) return [];
  return readdirSync(goldDir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .sort();
}

/** The raw IPC bytes of one gold file. */
export function loadGoldBytes(base: string, container: GoldContainer): Uint8Array {
  return new Uint8Array(readFileSync(`${goldDir}${base}.${container}`));
}

/** A field of the Arrow integration JSON schema. */
export interface GoldField {
  name: string;
  type: { name: string } & Record<string, unknown>;
  nullable: boolean;
  children: GoldField[];
  dictionary?: { id: number; indexType: Record<string, unknown> };
}

/** A column of an integration JSON batch. Buffers keep the names of the format. */
export interface GoldColumn {
  name: string;
  count: number;
  VALIDITY?: number[];
  DATA?: unknown[];
  OFFSET?: (number | string)[];
  TYPE_ID?: number[];
  VIEWS?: Record<string, unknown>[];
  VARIADIC_DATA_BUFFERS?: string[];
  children?: GoldColumn[];
}

/** A whole golden JSON file. */
export interface GoldFile {
  schema: { fields: GoldField[] };
  batches: { count: number; columns: GoldColumn[] }[];
  dictionaries?: { id: number; data: { count: number; columns: GoldColumn[] } }[];
}

/**
 * Parses a golden JSON without losing precision: bare integers of 16 digits or more (interval_mdn's
 * nanoseconds, above 2^53) are turned into strings before `JSON.parse` could round them.
 */
export function loadGoldJson(base: string): GoldFile {
  const text = readFileSync(`${goldDir}${base}.json`, 'utf8');
  return JSON.parse(text.replace(/([[,:]\s*)(-?\d{16,})(?=\s*[,\]}])/g, '$1"$2"')) as GoldFile;
}
