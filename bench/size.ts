/**
 * `npm run size`: what the package's own code costs a user, per entry point. Each entry is bundled
 * the way an application bundler would (esbuild, ESM, minified, code splitting on) with the peers
 * external (react, react-dom, @tanstack/react-query, apache-arrow, zod) and the package's own
 * dependencies (lz4js, fzstd) bundled in, then gzipped. "Up front" counts the entry chunk and the
 * chunks it imports statically; chunks behind a dynamic `import()` are listed as loaded on demand.
 * The budget of `.` is printed with its status; the script does not fail on it.
 */
import { gzipSync } from 'node:zlib';
import { build, type Metafile, type OutputFile } from 'esbuild';

const PEERS = ['react', 'react-dom', '@tanstack/react-query', 'apache-arrow', 'zod'];
const BUDGET_KB = 16;
const ENTRIES: Record<string, string> = { '.': 'src/index.ts', './codecs': 'src/codecs.ts' };

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

interface EntrySize {
  upFront: number;
  onDemand: { file: string; gzip: number }[];
}

async function measure(entry: string): Promise<EntrySize> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    splitting: true,
    platform: 'browser',
    target: 'es2022',
    outdir: 'size-out', // never written: write is false
    write: false,
    metafile: true,
    external: PEERS,
    logLevel: 'warning',
  });
  const metafile: Metafile = result.metafile;
  const files = new Map<string, OutputFile>(
    result.outputFiles.map((file) => [file.path.slice(file.path.lastIndexOf('size-out/')), file]),
  );
  const gzip = (path: string) => gzipSync(files.get(path)!.contents).length;
  const entryOutput = Object.keys(metafile.outputs).find(
    (path) => path.endsWith('.js') && metafile.outputs[path]!.entryPoint !== undefined,
  )!;

  // Everything the entry loads before it runs: itself and its static imports, transitively.
  const upFront = new Set<string>();
  const visit = (path: string) => {
    if (upFront.has(path)) return;
    upFront.add(path);
    for (const item of metafile.outputs[path]!.imports) if (item.kind === 'import-statement' && !item.external) visit(item.path);
  };
  visit(entryOutput);
  const onDemand = Object.keys(metafile.outputs)
    .filter((path) => path.endsWith('.js') && !upFront.has(path))
    .map((path) => ({ file: path, gzip: gzip(path) }));
  return { upFront: [...upFront].reduce((sum, path) => sum + gzip(path), 0), onDemand };
}

console.log(`minified + gzipped, peers external (${PEERS.join(', ')})`);
for (const [name, entry] of Object.entries(ENTRIES)) {
  const { upFront, onDemand } = await measure(entry);
  const budget =
    name === '.'
      ? ` (budget ${BUDGET_KB} KB: ${upFront <= BUDGET_KB * 1024 ? 'within' : `${kb(upFront - BUDGET_KB * 1024)} over`})`
      : '';
  console.log(`  ${name.padEnd(10)} ${kb(upFront).padStart(9)} up front, ${upFront} B${budget}`);
  for (const chunk of onDemand) console.log(`  ${''.padEnd(10)} ${kb(chunk.gzip).padStart(9)} on demand (${chunk.file})`);
}
