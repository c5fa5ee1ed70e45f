import type { Meta, StoryObj } from '@storybook/react-vite';
import { Component, type ReactNode } from 'react';
import { ScenarioPage } from '../components/ScenarioPage.js';
import { OmniStoryProviders } from '../support/OmniStoryProviders.js';
import { LiveDocument } from './LiveDocument.js';
import { LiveResults } from './LiveResults.js';

interface LiveArgs {
  baseUrl: string;
  token: string;
  document: string;
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

function LiveInstance({ baseUrl, token, document, jobIds, includeInternalColumns }: LiveArgs) {
  const ids = jobIds
    .split(/[\s,]+/)
    .map((id) => id.trim())
    .filter(Boolean);
  const what = document.trim() ? `document ${document.trim()}` : `${ids.length} ${ids.length === 1 ? 'job' : 'jobs'}`;
  const subtitle = `${baseUrl ? `Omni at ${baseUrl}` : 'Set baseUrl'} · ${what} · ${
    token ? 'token set in the browser' : 'no token (a proxy adds it)'
  }`;
  return (
    <ConfigBoundary resetKey={`${baseUrl}|${token}`}>
      <OmniStoryProviders key={`${baseUrl}|${token}`} baseUrl={baseUrl} token={token || undefined}>
        <ScenarioPage title="Live Omni instance" subtitle={subtitle}>
          {document.trim() ? (
            <LiveDocument identifier={document.trim()} />
          ) : (
            <LiveResults jobIds={ids} includeInternalColumns={includeInternalColumns} />
          )}
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
          'Point the hooks at your own Omni: a workbook (its id or slug) or job ids. `npm run storybook:live` starts the',
          "project's proxy (`OMNI_BASE_URL` and `OMNI_API_KEY` from the environment) and Storybook on the same origin,",
          'so `baseUrl` stays `/api/omni`, no key reaches the page and no CORS is needed. If you do paste a token for a',
          'quick try, use a short-lived personal token: Storybook keeps changed args in the page URL.',
        ].join(' '),
      },
    },
  },
  argTypes: {
    baseUrl: { control: 'text', description: 'Your Omni proxy: /api/omni with `npm run storybook:live`' },
    document: { control: 'text', description: 'A workbook id or slug: its queries become tiles (takes precedence over job ids)' },
    token: { control: 'text', description: 'Bearer token; leave empty when the proxy adds it' },
    jobIds: { control: 'text', description: 'Job ids, separated by commas or spaces' },
    includeInternalColumns: { control: 'boolean', description: 'Show $omni_* and ssort_* columns' },
  },
  args: { baseUrl: '/api/omni', token: '', document: '', jobIds: '', includeInternalColumns: false },
} satisfies Meta<typeof LiveInstance>;

export default meta;

export const LiveInstanceStory: StoryObj<typeof meta> = { name: 'Live instance' };
