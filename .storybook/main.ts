import type { StorybookConfig } from '@storybook/react-vite';

const config: StorybookConfig = {
  framework: '@storybook/react-vite',
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-docs', '@storybook/addon-vitest'],
  // mockServiceWorker.js lives in public/ (package.json "msw.workerDirectory"); msw-storybook-addon registers it.
  staticDirs: ['../public'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  // Storybook's own "get started" checklist (sidebar widget and menu page) would sit on top of the demo.
  features: { sidebarOnboardingChecklist: false, menuOnboardingChecklist: false },
  // The live story talks to the project's own proxy on the same origin (`npm run storybook:live` starts
  // it): no API key in the page and no CORS. Without the proxy running, only that story notices.
  viteFinal: (viteConfig) => ({
    ...viteConfig,
    server: {
      ...viteConfig.server,
      proxy: {
        ...viteConfig.server?.proxy,
        '/api/omni': process.env.OMNI_PROXY_TARGET ?? 'http://127.0.0.1:8787',
      },
    },
  }),
};

export default config;
