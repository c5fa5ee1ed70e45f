import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
let outDir = '';

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'omni-build-'));
  await build({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'silent', build: { outDir, sourcemap: false } });
}, 120_000);
afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
});

const builtFiles = (): string[] =>
  readdirSync(outDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.js'))
    .map((file) => file.split('\\').join('/'));

const read = (file: string) => readFileSync(join(outDir, file), 'utf8');

/** Every file `entry` reaches through relative imports, and every bare package it imports. */
function reach(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const [, specifier] of read(file).matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]/g)) {
      if (specifier!.startsWith('.'))
        visit(
          relative(outDir, resolve(outDir, dirname(file), specifier!))
            .split('\\')
            .join('/'),
        );
      else packages.add(specifier!);
    }
  };
  visit(entry);
  return { files, packages };
}

describe('the built package for Next.js App Router', () => {
  it('starts exactly the React layer’s files with "use client"', () => {
    const marked = builtFiles().filter((file) => /^["']use client["'];/.test(read(file)));
    expect(marked.sort()).toEqual(
      builtFiles()
        .filter((file) => file.startsWith('react/'))
        .sort(),
    );
    expect(marked).toContain('react/useOmniQuery.js');
    expect(marked).toContain('react/OmniProvider.js');
  });

  it.each([
    'client/createOmniClient.js',
    'decode/decodeResult.js',
    'query/omniQueryOptions.js',
    'results/queryResultsOptions.js',
    'documents/documentQueriesOptions.js',
    'hydration/serializeOmniData.js',
    'hydration/deserializeOmniData.js',
    'server/createServerOmniClient.js',
    'server.js',
  ])('%s is importable from server code: it reaches no client file and no React', (entry) => {
    const { files, packages } = reach(entry);
    expect([...files].filter((file) => file.startsWith('react/'))).toEqual([]);
    expect([...packages].filter((name) => name === 'react' || name.startsWith('react/') || name === 'react-dom')).toEqual([]);
  });

  it('server.js and index.js export what a server component imports for server rendering', () => {
    expect(read('server.js')).toMatch(/createServerOmniClient/);
    expect(reach('server.js').files).toContain('server/createServerOmniClient.js');
    expect(read('index.js')).toMatch(/serializeOmniData/);
    expect(read('index.js')).toMatch(/deserializeOmniData/);
  });

  it('index.js re-exports the hooks from their client files', () => {
    const { files } = reach('index.js');
    expect(files).toContain('react/useOmniQuery.js');
    expect(read('index.js')).not.toMatch(/use client/);
  });
});
