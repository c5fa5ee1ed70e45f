import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const example = readFileSync(new URL('./testingYourComponents.test.tsx', import.meta.url), 'utf8');
const mswExample = readFileSync(new URL('./testingWithMsw.test.tsx', import.meta.url), 'utf8');
const quickStart = readFileSync(new URL('./quickStart.tsx', import.meta.url), 'utf8');

/** The example as a user writes it: package imports instead of this repository's source paths. */
const asUserCode = (source: string) =>
  source
    .replaceAll("'../../src/index.js'", "'omni-query-hooks'")
    .replaceAll("'../../src/testing/index.js'", "'omni-query-hooks/testing'")
    .replaceAll("'../../src/testing/msw.js'", "'omni-query-hooks/testing/msw'");

describe('README "Testing your components"', () => {
  it('quotes test/examples/testingYourComponents.test.tsx exactly (the example runs in npm test)', () => {
    const section = readme.split('\n## Testing your components\n')[1]?.split('\n## ')[0];
    expect(section, 'the README has a "Testing your components" section').toBeDefined();
    const block = /```tsx\n([\s\S]*?)```/.exec(section ?? '')?.[1];
    expect(block).toBe(asUserCode(example));
    expect(block).not.toContain('../');
    expect(block, 'the main example imports no msw').not.toMatch(/from '(msw|omni-query-hooks\/testing\/msw)/);
  });

  it('quotes test/examples/testingWithMsw.test.tsx exactly under "With msw"', () => {
    const section = readme.split('\n### With msw\n')[1]?.split('\n## ')[0];
    expect(section, 'the README has a "With msw" section').toBeDefined();
    const block = /```tsx\n([\s\S]*?)```/.exec(section ?? '')?.[1];
    expect(block).toBe(asUserCode(mswExample));
  });
});

describe('README "Quick start"', () => {
  it('quotes test/examples/quickStart.tsx exactly (quickStart.test.tsx renders its tile)', () => {
    const section = readme.split('\n## Quick start (30 seconds)\n')[1]?.split('\n## ')[0];
    expect(section, 'the README has a "Quick start" section').toBeDefined();
    const block = /```tsx\n([\s\S]*?)```/.exec(section ?? '')?.[1];
    expect(block).toBe(asUserCode(quickStart));
  });
});
