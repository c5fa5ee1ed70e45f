import type { Decorator } from '@storybook/react-vite';
import { FAKE_OMNI_ORIGIN } from './fakeOrigin.js';
import { OmniStoryProviders } from './OmniStoryProviders.js';

/** Wraps a story in fresh providers pointed at the fake Omni that the story's msw handlers serve. */
export const withFakeOmni: Decorator = (Story) => (
  <OmniStoryProviders baseUrl={FAKE_OMNI_ORIGIN}>
    <Story />
  </OmniStoryProviders>
);
