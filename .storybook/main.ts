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
};

export default config;
