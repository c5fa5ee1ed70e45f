import type { Preview } from '@storybook/react-vite';
import { mswLoader } from 'msw-storybook-addon/csf3';
import '../stories/styles.css';

const preview: Preview = {
  // One service worker for every story; each story declares its own handlers in `parameters.msw.handlers`,
  // and the loader resets them between stories.
  loaders: [mswLoader()],
  parameters: {
    layout: 'fullscreen',
    controls: { expanded: true },
    options: {
      storySort: { order: ['Introduction', 'Scenarios', 'Components', 'Live'] },
    },
  },
};

export default preview;
