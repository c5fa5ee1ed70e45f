import { readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import ts from 'typescript';
import tseslint from 'typescript-eslint';

// ---- local/no-import-cycles -------------------------------------------------------------------
// A module that imports itself through others sees half-initialised exports depending on which side
// is loaded first. Only runtime edges count: `import type` and `export type` are erased, while
// `import { type X }` stays as an import under verbatimModuleSyntax. Other files are read with the
// TypeScript parser and cached by modification time, so the whole src/ graph costs a few ms.

const runtimeImportsCache = new Map();

/** Relative module specifiers a file imports or re-exports at runtime. */
function runtimeSpecifiers(file) {
  let mtime;
  try {
    mtime = statSync(file).mtimeMs;
  } catch {
    return [];
  }
  const cached = runtimeImportsCache.get(file);
  if (cached !== undefined && cached.mtime === mtime) return cached.specifiers;
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const specifiers = [];
  for (const statement of source.statements) {
    const typeOnly =
      (ts.isImportDeclaration(statement) && statement.importClause?.isTypeOnly === true) ||
      (ts.isExportDeclaration(statement) && statement.isTypeOnly);
    const specifier =
      (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) &&
      statement.moduleSpecifier !== undefined &&
      ts.isStringLiteral(statement.moduleSpecifier)
        ? statement.moduleSpecifier.text
        : undefined;
    if (!typeOnly && specifier?.startsWith('.')) specifiers.push(specifier);
  }
  runtimeImportsCache.set(file, { mtime, specifiers });
  return specifiers;
}

/** The file a relative specifier names (`./x.js` is `./x.ts` in the sources), or undefined. */
function resolveSpecifier(from, specifier) {
  const base = resolve(dirname(from), specifier).replace(/\.(js|jsx|mjs)$/, '');
  for (const candidate of [
    `${base}.ts`,
    `${base}.tsx`,
    `${base}/index.ts`,
    `${base}/index.tsx`,
    resolve(dirname(from), specifier),
  ]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // try the next candidate
    }
  }
  return undefined;
}

/** A path of files from `start` back to `target`, or undefined when there is none. */
function pathBack(start, target, seen = new Set()) {
  if (start === target) return [start];
  if (seen.has(start)) return undefined;
  seen.add(start);
  for (const specifier of runtimeSpecifiers(start)) {
    const next = resolveSpecifier(start, specifier);
    const rest = next === undefined ? undefined : pathBack(next, target, seen);
    if (rest !== undefined) return [start, ...rest];
  }
  return undefined;
}

/** `local/no-import-cycles`: reports a runtime import that leads back to the importing file. */
export const noImportCycles = {
  meta: {
    type: 'problem',
    docs: { description: 'Disallow runtime import cycles between relative modules' },
    messages: { cycle: 'Import cycle: {{cycle}}. Break it (one module, or pass the call in).' },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const check = (node) => {
      if (node.importKind === 'type' || node.exportKind === 'type') return;
      const specifier = node.source?.value;
      if (typeof specifier !== 'string' || !specifier.startsWith('.')) return;
      const next = resolveSpecifier(file, specifier);
      const cycle = next === undefined ? undefined : pathBack(next, file);
      if (cycle === undefined) return;
      const names = [file, ...cycle].map((path) => relative(context.cwd, path));
      context.report({ node, messageId: 'cycle', data: { cycle: names.join(' → ') } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};

export default tseslint.config(
  {
    ignores: [
      'dist',
      'storybook-static',
      'public',
      'coverage',
      'test/react18/node_modules',
      'examples/nextjs/node_modules',
      'examples/nextjs/.next',
      'examples/nextjs/next-env.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['bench/**', 'scripts/**', '.storybook/**', 'stories/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // The Next.js example's own scripts run in Node (and hand callbacks to Chromium): their globals.
    files: ['examples/nextjs/**/*.mjs'],
    languageOptions: {
      globals: Object.fromEntries(
        [
          'AbortController',
          'Buffer',
          'Headers',
          'MutationObserver',
          'Request',
          'TextDecoder',
          'URL',
          'clearInterval',
          'clearTimeout',
          'console',
          'document',
          'fetch',
          'performance',
          'process',
          'setInterval',
          'setTimeout',
        ].map((name) => [name, 'readonly']),
      ),
    },
    rules: { 'no-console': 'off' },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { local: { rules: { 'no-import-cycles': noImportCycles } } },
    rules: { 'local/no-import-cycles': 'error' },
  },
  {
    // Code under src/ below react/ never imports React: dependencies point inward.
    files: ['src/*/**/*.ts', 'src/server.ts', 'src/codecs.ts'],
    ignores: ['src/react/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-dom', 'react/*', '@tanstack/react-query'],
              message: 'Only src/react may import React or react-query at runtime.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
);
