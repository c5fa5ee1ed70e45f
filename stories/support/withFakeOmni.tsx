import type { Decorator } from '@storybook/react-vite';
import type { OmniClientOptions } from '../../src/index.js';
import { FAKE_OMNI_ORIGIN } from './fakeOrigin.js';
import { OmniStoryProviders } from './OmniStoryProviders.js';

/** `parameters.omni` of a story. */
export interface OmniStoryParameters {
  /** The bearer token the story's client sends. Default: none (as behind a proxy). */
  token?: string;
  /** The client's request budget (`createOmniClient`'s `rateLimit`). Default: the client's own. */
  rateLimit?: OmniClientOptions['rateLimit'];
}

/**
 * Wraps a story in fresh providers (a new QueryClient and Omni client per render) pointed at the fake
 * Omni that the story's msw handlers serve.
 */
export const withFakeOmni: Decorator = (Story, context) => {
  const { token, rateLimit } = (context.parameters['omni'] ?? {}) as OmniStoryParameters;
  return (
    <OmniStoryProviders baseUrl={FAKE_OMNI_ORIGIN} token={token} rateLimit={rateLimit}>
      <Story />
    </OmniStoryProviders>
  );
};
