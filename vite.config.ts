/// <reference types="vitest/config" />
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { playwright } from '@vitest/browser-playwright';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// React 18 lives in its own folder (installed by `.ci/run` with `npm ci --prefix test/react18`) so the
// main lockfile keeps one React. When it is installed, the hook tests run a second time against it.
const react18 = here('./test/react18/node_modules');
const hasReact18 = existsSync(`${react18}/react/package.json`);

const packageJson = JSON.parse((await import('node:fs')).readFileSync(here('./package.json'), 'utf8')) as {
  peerDependencies: Record<string, string>;
  dependencies?: Record<string, string>;
};
const externals = [...Object.keys(packageJson.peerDependencies), ...Object.keys(packageJson.dependencies ?? {})];

const hookTests = ['test/**/*.test.tsx'];

export default defineConfig({
  plugins: [react()],
  optimizeDeps: {
    include: ['react', 'react-dom', 'react/jsx-runtime', 'react-dom/client'],
  },
  build: {
    lib: {
      entry: {
        index: here('./src/index.ts'),
        server: here('./src/server.ts'),
        'server-redis': here('./src/server-redis.ts'),
        testing: here('./src/testing/index.ts'),
        'testing-msw': here('./src/testing/msw.ts'),
        codecs: here('./src/codecs.ts'),
      },
      formats: ['es'],
    },
    sourcemap: true,
    copyPublicDir: false,
    minify: false,
    rollupOptions: {
      external: (id) => externals.some((name) => id === name || id.startsWith(`${name}/`)),
      output: {
        // One file per module, so that only the React layer is marked as client code: Next.js server
        // components can then import createOmniClient, decodeResult and the options factories.
        preserveModules: true,
        preserveModulesRoot: 'src',
        banner: (chunk) => (chunk.fileName.startsWith('react/') ? "'use client';" : ''),
      },
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
        },
      },
      {
        extends: true,
        test: {
          name: 'hooks',
          environment: 'happy-dom',
          include: hookTests,
          setupFiles: ['test/setup/hooks.ts'],
        },
      },
      ...(hasReact18
        ? [
            {
              extends: true as const,
              resolve: {
                alias: [
                  { find: /^react$/, replacement: `${react18}/react/index.js` },
                  { find: /^react\/(.*)$/, replacement: `${react18}/react/$1` },
                  { find: /^react-dom$/, replacement: `${react18}/react-dom/index.js` },
                  { find: /^react-dom\/(.*)$/, replacement: `${react18}/react-dom/$1` },
                  // Testing Library's CommonJS build would require React 19's react-dom past the aliases.
                  {
                    find: /^@testing-library\/react$/,
                    replacement: here('./node_modules/@testing-library/react/dist/@testing-library/react.esm.js'),
                  },
                ],
              },
              test: {
                name: 'hooks-react18',
                environment: 'happy-dom',
                include: hookTests,
                setupFiles: ['test/setup/hooks.ts'],
                env: { OMNI_EXPECT_REACT: '18' },
                server: { deps: { inline: ['@tanstack/react-query', '@testing-library/react'] } },
              },
            },
          ]
        : []),
      {
        extends: true,
        plugins: [storybookTest({ configDir: here('./.storybook') })],
        test: {
          name: 'storybook',
          // The live-instance story needs a real Omni and is tagged !test: keep it out of the run
          // entirely rather than listing an empty, skipped file.
          exclude: ['stories/live/**'],
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: {
                executablePath: '/usr/bin/chromium',
                args: [
                  '--no-sandbox',
                  '--disable-gpu',
                  '--disable-background-networking',
                  '--disable-component-update',
                  '--disable-sync',
                  '--no-first-run',
                ],
              },
            }),
            instances: [{ browser: 'chromium' }],
          },
          setupFiles: ['.storybook/vitest.setup.ts'],
        },
      },
    ],
  },
});
