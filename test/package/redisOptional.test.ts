import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// `redis` is an optional peer dependency: only `omni-query-hooks/server/redis` may load it. This walks the
// runtime import graph of the sources (type-only imports are erased, so they do not count) from each entry.

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const packageJson = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
  exports: Record<string, unknown>;
  dependencies?: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
};

const IMPORT = /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s*)?['"]([^'"]+)['"]/gm;

/** Every bare package the entry reaches at runtime through relative imports. */
function runtimePackages(entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const [, , typeOnly, specifier] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      if (typeOnly !== undefined) continue;
      if (!specifier!.startsWith('.')) {
        packages.add(specifier!);
        continue;
      }
      const base = resolve(dirname(file), specifier!).replace(/\.js$/, '');
      const target = [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`].find((candidate) => existsSync(candidate));
      if (target === undefined) throw new Error(`${file} imports ${specifier}, which was not found`);
      visit(target);
    }
  };
  visit(resolve(root, entry));
  return packages;
}

const isRedis = (name: string) => name === 'redis' || name.startsWith('redis/') || name.startsWith('@redis/');

describe('redis, an optional peer dependency', () => {
  it.each(['src/index.ts', 'src/server.ts', 'src/codecs.ts', 'src/testing/index.ts'])('%s never imports redis', (entry) => {
    expect([...runtimePackages(entry)].filter(isRedis)).toEqual([]);
  });

  it('src/server-redis.ts does (so the walk above can see it)', () => {
    expect([...runtimePackages('src/server-redis.ts')].filter(isRedis)).toEqual(['redis']);
  });

  it('src/server-redis.ts reaches no node: import (the library build targets the browser and would empty it)', () => {
    expect([...runtimePackages('src/server-redis.ts')].filter((name) => name.startsWith('node:'))).toEqual([]);
  });

  it('is declared as an optional peer, not a dependency, and exported as ./server/redis', () => {
    expect(packageJson.peerDependencies.redis).toMatch(/^\^5\./);
    expect(packageJson.peerDependenciesMeta.redis).toEqual({ optional: true });
    expect(Object.keys(packageJson.dependencies ?? {}).filter(isRedis)).toEqual([]);
    expect(packageJson.exports['./server/redis']).toEqual({
      types: './dist/server-redis.d.ts',
      import: './dist/server-redis.js',
    });
  });
});
