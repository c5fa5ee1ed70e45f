import type { StorybookConfig } from '@storybook/react-vite';

const config: StorybookConfig = {
  framework: '@storybook/react-vite',
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-docs', '@storybook/addon-vitest'],
  // mockServiceWorker.js lives in public/ (package.json "msw.workerDirectory"); msw-storybook-addon registers it.
  staticDirs: ['../public'],
  core: { disableTelemetry: true },
  async viteFinal(viteConfig) {
    // The root vite.config.ts builds the library in lib mode; Storybook builds an app, so drop lib mode here.
    if (viteConfig.build) viteConfig.build = { ...viteConfig.build, lib: false };
    return viteConfig;
  },
};

export default config;
