// Every ```ts and ```tsx block of the README compiles against this repository's sources, as a user
// would write it (`omni-query-hooks` imports mapped to src/). Blocks are found by their fence, so a
// section added later is checked without touching this file. The blocks that are whole files run in
// `npm test` as well: they are quoted exactly from test/examples (quick start, testing, msw), see
// readme.test.ts.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** Each ts/tsx block with its first line (the block's name here) and the README line it starts on. */
const blocks = [...readme.matchAll(/^```(tsx|ts)\n([\s\S]*?)^```$/gm)].map((match) => ({
  lang: match[1] as 'ts' | 'tsx',
  code: match[2]!,
  name: match[2]!.split('\n')[0]!,
  line: readme.slice(0, match.index).split('\n').length,
}));

/**
 * Blocks left out of the type check, by first line, each with why. A listed block must still fail to
 * compile (checked below): once it compiles, take it off this list.
 */
// None today: the workbook block (`<PageBanner error={error} />`) compiles since the result unions of
// issue 19 item 2 landed.
const EXCLUDED: Record<string, string> = {};

/**
 * Blocks that quote a file of examples/nextjs (first line `// examples/nextjs/…`): they import the
 * app's own modules and `next`, and are type-checked where they live, by the example's `next build`
 * (in `.ci/run`); nextjsReadme.test.ts keeps them equal to the files.
 */
const COMPILED_BY_THE_EXAMPLE = /^\/\/ examples\/nextjs\//;

/**
 * What the README's fragments take from "your app" or from packages this project does not install:
 * declared here, once, with the types the README implies. Nothing of omni-query-hooks is declared.
 */
const APP_CONTEXT = `
type ReactElement = import('react').ReactElement;
declare const revenueQuery: import('omni-query-hooks').OmniQuery;
declare function TileSkeleton(): ReactElement;
declare function PageBanner(props: { error: import('omni-query-hooks').OmniError }): ReactElement;
declare function Tile(props: { title: string; result: import('omni-query-hooks').OmniQueryResult }): ReactElement;
declare function getSession(request: Request): Promise<{ orgId: string; omniMembershipId: string } | null>;
declare function isSignedIn(request: Request): boolean;
// Not dependencies of this project; their shape as the README uses them.
declare module 'react-error-boundary' {
  export function ErrorBoundary(props: {
    onReset?: () => void;
    fallbackRender: (props: { resetErrorBoundary: () => void }) => import('react').ReactNode;
    children?: import('react').ReactNode;
  }): import('react').ReactElement;
}
declare module 'superjson' {
  const superjson: { serialize(value: unknown): unknown; deserialize<T = unknown>(payload: never): T };
  export default superjson;
}
declare module 'express' {
  type Handler = (request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse) => unknown;
  export default function express(): { use(path: string, handler: Handler): void };
}
`;

const ENTRY_POINTS: Record<string, string> = {
  'omni-query-hooks': 'src/index.ts',
  'omni-query-hooks/server': 'src/server.ts',
  'omni-query-hooks/testing': 'src/testing/index.ts',
  'omni-query-hooks/testing/msw': 'src/testing/msw.ts',
  'omni-query-hooks/codecs': 'src/codecs.ts',
};

/** Type-checks the given blocks in one program; returns the diagnostics per block index. */
function typeCheck(indices: readonly number[]): Map<number, string[]> {
  const config = ts.getParsedCommandLineOfConfigFile(
    `${root}tsconfig.json`,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  if (config === undefined) throw new Error('tsconfig.json could not be read');
  const options: ts.CompilerOptions = {
    ...config.options,
    noEmit: true,
    // Snippets define things to show them, not to use them all.
    noUnusedLocals: false,
    noUnusedParameters: false,
    baseUrl: root,
    paths: Object.fromEntries(Object.entries(ENTRY_POINTS).map(([name, file]) => [name, [file]])),
  };
  const virtual = new Map<string, string>();
  const fileOf = (index: number) => `${root}test/examples/.readme/block-${index}.${blocks[index]!.lang}`;
  for (const index of indices) virtual.set(fileOf(index), blocks[index]!.code);
  const contextFile = `${root}test/examples/.readme/app-context.d.ts`;
  virtual.set(contextFile, APP_CONTEXT);

  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (file) => virtual.get(file) ?? readFile(file);
  host.fileExists = (file) => virtual.has(file) || fileExists(file);
  host.getSourceFile = (file, language, onError, create) => {
    const text = virtual.get(file);
    return text === undefined ? getSourceFile(file, language, onError, create) : ts.createSourceFile(file, text, language, true);
  };
  const program = ts.createProgram({ rootNames: [contextFile, ...indices.map(fileOf)], options, host });
  const found = new Map<number, string[]>(indices.map((index) => [index, []]));
  for (const index of indices) {
    const file = program.getSourceFile(fileOf(index));
    const diagnostics = [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)];
    found.set(
      index,
      diagnostics.map((diagnostic) => {
        const position =
          diagnostic.start === undefined ? '' : `line ${(file?.getLineAndCharacterOfPosition(diagnostic.start).line ?? 0) + 1}: `;
        return `${position}TS${diagnostic.code} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`;
      }),
    );
  }
  const context = program.getSourceFile(contextFile);
  const contextErrors = program.getSemanticDiagnostics(context).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
  expect(contextErrors, 'the app context declarations compile').toEqual([]);
  return found;
}

describe('README code blocks', () => {
  it('finds the blocks, and every excluded block is still in the README', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(10);
    const names = new Set(blocks.map((block) => block.name));
    for (const name of Object.keys(EXCLUDED)) expect(names.has(name), `excluded block "${name}" is in the README`).toBe(true);
  });

  it('each ts/tsx block type-checks, as a user writes it', { timeout: 180_000 }, () => {
    const checked = blocks.flatMap((block, index) =>
      block.name in EXCLUDED || COMPILED_BY_THE_EXAMPLE.test(block.name) ? [] : [index],
    );
    const excluded = blocks.flatMap((block, index) => (block.name in EXCLUDED ? [index] : []));
    const diagnostics = typeCheck([...checked, ...excluded]);
    const failures = checked
      .filter((index) => diagnostics.get(index)!.length > 0)
      .map((index) => `README line ${blocks[index]!.line} (${blocks[index]!.name}):\n  ${diagnostics.get(index)!.join('\n  ')}`);
    expect(failures.join('\n\n')).toBe('');
    for (const index of excluded) {
      expect(
        diagnostics.get(index)!.length,
        `excluded block at README line ${blocks[index]!.line} now compiles: remove it from EXCLUDED`,
      ).toBeGreaterThan(0);
    }
  });
});
