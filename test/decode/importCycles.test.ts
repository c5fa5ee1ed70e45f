import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Linter, type Rule } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, describe, expect, it } from 'vitest';

// The rule lives in eslint.config.js (plain JS, no declarations): import it past the type checker.
const configPath: string = '../../eslint.config.js';
const { noImportCycles } = (await import(configPath)) as { noImportCycles: Rule.RuleModule };

const dir = mkdtempSync(join(tmpdir(), 'import-cycles-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const files: Record<string, string> = {
  // The cycle the decoder had: the dispatcher imports the nested readers, which import the dispatcher.
  'readData.ts': "import { readList } from './readNested.js';\nexport const readData = () => readList();\n",
  'readNested.ts': "import { readData } from './readData.js';\nexport const readList = () => readData();\n",
  // A longer loop, through a re-export.
  'a.ts': "import { b } from './b.js';\nexport const a = () => b;\n",
  'b.ts': "export { c as b } from './c.js';\n",
  'c.ts': "import { a } from './a.js';\nexport const c = () => a;\n",
  // Type-only imports are erased: no runtime cycle.
  'shapeA.ts': "import type { B } from './shapeB.js';\nexport interface A { b?: B }\n",
  'shapeB.ts': "import type { A } from './shapeA.js';\nexport interface B { a?: A }\n",
  // An inline `type` specifier keeps the import statement under verbatimModuleSyntax: a cycle.
  'inlineA.ts': "import { type B } from './inlineB.js';\nexport const a = (b: B) => b;\n",
  'inlineB.ts': "import { a } from './inlineA.js';\nexport type B = typeof a;\n",
  // Imports that lead nowhere back.
  'leaf.ts': "import { readData } from './readData.js';\nexport const leaf = readData;\n",
};
for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);

function cycles(name: string): string[] {
  const linter = new Linter({ configType: 'flat', cwd: dir });
  const messages = linter.verify(
    files[name]!,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser as Linter.Parser },
        plugins: { local: { rules: { 'no-import-cycles': noImportCycles } } },
        rules: { 'local/no-import-cycles': 'error' },
      },
    ],
    { filename: join(dir, name) },
  );
  expect(messages.filter((message) => message.fatal)).toEqual([]);
  return messages.map((message) => message.message);
}

describe('local/no-import-cycles (eslint.config.js)', () => {
  it('catches the readData ↔ readNested cycle the decoder had, from both sides', () => {
    expect(cycles('readData.ts')).toEqual([
      'Import cycle: readData.ts → readNested.ts → readData.ts. Break it (one module, or pass the call in).',
    ]);
    expect(cycles('readNested.ts')).toHaveLength(1);
  });

  it('catches a longer cycle that runs through a re-export', () => {
    expect(cycles('a.ts')).toEqual(['Import cycle: a.ts → b.ts → c.ts → a.ts. Break it (one module, or pass the call in).']);
    expect(cycles('b.ts')).toHaveLength(1);
  });

  it('counts an inline type specifier, which stays an import at runtime', () => {
    expect(cycles('inlineA.ts')).toHaveLength(1);
  });

  it('ignores type-only imports and imports that never lead back', () => {
    expect(cycles('shapeA.ts')).toEqual([]);
    expect(cycles('shapeB.ts')).toEqual([]);
    expect(cycles('leaf.ts')).toEqual([]);
  });
});
