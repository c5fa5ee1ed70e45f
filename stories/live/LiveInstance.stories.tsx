import type { Meta, StoryObj } from '@storybook/react-vite';
import { Component, type ReactNode } from 'react';
import { ScenarioPage } from '../components/ScenarioPage.js';
import { OmniStoryProviders } from '../support/OmniStoryProviders.js';
import { LiveResults } from './LiveResults.js';

interface LiveArgs {
  baseUrl: string;
  token: string;
  jobIds: string;
  includeInternalColumns: boolean;
}

// createOmniClient throws synchronously on an unusable baseUrl; show that instead of a blank canvas.
class ConfigBoundary extends Component<{ children: ReactNode; resetKey: string }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override componentDidUpdate(previous: { resetKey: string }) {
    if (previous.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }
  override render() {
    if (this.state.error) {
      return (
        <main className="oq-page">
          <div className="oq-page-inner">
            <div className="oq-banner" role="alert">
              <div className="oq-banner-text">
                <p className="oq-banner-title">Check the baseUrl</p>
                <p className="oq-banner-hint">{this.state.error.message}</p>
              </div>
            </div>
          </div>
        </main>
      );
    }
    return this.props.children;
  }
}

function LiveInstance({ baseUrl, token, jobIds, includeInternalColumns }: LiveArgs) {
  const ids = jobIds
    .split(/[\s,]+/)
    .map((id) => id.trim())
    .filter(Boolean);
  const subtitle = `${baseUrl ? `Omni at ${baseUrl}` : 'Set baseUrl'} · ${ids.length} ${ids.length === 1 ? 'job' : 'jobs'} · ${
    token ? 'token set in the browser' : 'no token (a proxy adds it)'
  }`;
  return (
    <ConfigBoundary resetKey={`${baseUrl}|${token}`}>
      <OmniStoryProviders key={`${baseUrl}|${token}`} baseUrl={baseUrl} token={token || undefined}>
        <ScenarioPage title="Live Omni instance" subtitle={subtitle}>
          <LiveResults jobIds={ids} includeInternalColumns={includeInternalColumns} />
        </ScenarioPage>
      </OmniStoryProviders>
    </ConfigBoundary>
  );
}

const meta = {
  title: 'Live/Live instance',
  component: LiveInstance,
  // Talks to a real server: never part of the test run.
  tags: ['!test'],
  parameters: {
    docs: {
      description: {
        component: [
          'Point the hook at your own Omni and paste job ids (from `POST /api/v1/query/run`, or from a dashboard',
          "tile's network tab). Omni does not send CORS headers for browsers, and an API key must not live in a",
          'page: run a small proxy that adds the `Authorization` header (see the README) and put its origin in',
          '`baseUrl`, leaving `token` empty. If you do paste a token for a quick try, use a short-lived personal',
          'token: Storybook keeps changed args in the page URL.',
        ].join(' '),
      },
    },
  },
  argTypes: {
    baseUrl: { control: 'text', description: 'Origin of your Omni proxy (or instance), e.g. http://localhost:8787' },
    token: { control: 'text', description: 'Bearer token; leave empty when the proxy adds it' },
    jobIds: { control: 'text', description: 'Job ids, separated by commas or spaces' },
    includeInternalColumns: { control: 'boolean', description: 'Show $omni_* and ssort_* columns' },
  },
  args: { baseUrl: 'http://localhost:8787', token: '', jobIds: '', includeInternalColumns: false },
} satisfies Meta<typeof LiveInstance>;

export default meta;

export const LiveInstanceStory: StoryObj<typeof meta> = { name: 'Live instance' };
