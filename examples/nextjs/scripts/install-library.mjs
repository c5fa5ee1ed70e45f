// Installs omni-query-hooks into this example as users get it: `npm pack` of the repository (built
// first with `npm run build` there), installed from the tarball without touching package.json or the
// lockfile, so the lockfile pins Next and React while the library is always the current build.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const example = fileURLToPath(new URL('..', import.meta.url));
const root = fileURLToPath(new URL('../../..', import.meta.url));

if (!existsSync(join(root, 'dist', 'index.js')) || !existsSync(join(root, 'dist', 'server.js'))) {
  console.error('install-library: the library is not built. Run `npm run build` in the repository root first.');
  process.exit(1);
}

const packDir = mkdtempSync(join(tmpdir(), 'omni-query-hooks-pack-'));
try {
  execFileSync('npm', ['pack', '--silent', '--pack-destination', packDir], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const tarball = readdirSync(packDir).find((name) => name.endsWith('.tgz'));
  if (tarball === undefined) throw new Error('npm pack wrote no tarball');
  execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--offline=false', join(packDir, tarball)], {
    cwd: example,
    stdio: 'inherit',
  });
  console.log(`install-library: installed ${tarball}`);
} finally {
  rmSync(packDir, { recursive: true, force: true });
}
