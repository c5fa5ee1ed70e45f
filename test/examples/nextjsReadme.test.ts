import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const exampleFile = (path: string) => readFileSync(new URL(`../../examples/nextjs/${path}`, import.meta.url), 'utf8');

/** The code blocks of the README's "Next.js App Router" section that quote a file: `// examples/nextjs/<path>` first. */
function quotedFiles(): { path: string; body: string }[] {
  const section = readme.split('\n### Next.js App Router\n')[1]?.split(/\n##+ /)[0] ?? '';
  return [...section.matchAll(/```tsx?\n\/\/ examples\/nextjs\/(\S+)\n([\s\S]*?)```/g)].map(([, path, body]) => ({
    path: path!,
    body: body!,
  }));
}

describe('README "Next.js App Router"', () => {
  it('quotes the route handler, the serializers, the server client, the prefetch and the streamed page', () => {
    expect(quotedFiles().map(({ path }) => path)).toEqual(
      expect.arrayContaining([
        'lib/omniProxy.ts',
        'app/api/omni/[...path]/route.ts',
        'lib/getQueryClient.ts',
        'app/page.tsx',
        'app/streamed/page.tsx',
        'app/streamed/MonthlyTile.tsx',
      ]),
    );
  });

  it.each(quotedFiles().map(({ path, body }) => [path, body]))('quotes examples/nextjs/%s exactly', (path, body) => {
    expect(body).toBe(exampleFile(path));
  });
});
