// A local Omni proxy for development and the Storybook live story:
//
//   OMNI_BASE_URL=https://acme.omniapp.co OMNI_API_KEY=omni_osk_… npx tsx scripts/omni-proxy.ts
//
// It listens on 127.0.0.1 only (it has no `authorize`: anyone who can reach it uses your key) and
// serves the proxy at /api/omni, so a dev server that forwards /api/omni to it (Vite `server.proxy`)
// keeps the page and the proxy on one origin.
import { createServer, type Server } from 'node:http';
import { pathToFileURL } from 'node:url';
import { createOmniProxy, toNodeHandler } from '../src/server.js';

/** The environment variables the script reads. */
export interface OmniProxyEnv {
  /** Required: the Omni instance, e.g. `https://acme.omniapp.co`. */
  OMNI_BASE_URL?: string | undefined;
  /** Required: the API key. Never printed. */
  OMNI_API_KEY?: string | undefined;
  /** The port on 127.0.0.1. Default: 8787. `0` picks a free one. */
  OMNI_PROXY_PORT?: string | undefined;
  /** Optional: origins allowed to call the proxy cross-origin, comma-separated (e.g. `http://localhost:6006`). */
  OMNI_PROXY_ORIGINS?: string | undefined;
  /** Anything else in the environment is ignored. */
  [name: string]: string | undefined;
}

/** A running proxy. */
export interface RunningOmniProxy {
  /** What to give `createOmniClient({ baseUrl })`, or a dev server's proxy target: `http://127.0.0.1:<port>/api/omni`. */
  url: string;
  server: Server;
  /** Stops accepting connections and resolves once the server is closed. */
  close(): Promise<void>;
}

/** The path the proxy is served at. */
export const OMNI_PROXY_BASE_PATH = '/api/omni';
/** The port used when `OMNI_PROXY_PORT` is not set. */
export const DEFAULT_OMNI_PROXY_PORT = 8787;

/**
 * Starts the proxy from environment variables. Rejects, without listening, when `OMNI_BASE_URL` or
 * `OMNI_API_KEY` is missing or unusable; messages never contain the key.
 */
export async function startOmniProxy(env: OmniProxyEnv = process.env): Promise<RunningOmniProxy> {
  const baseUrl = env.OMNI_BASE_URL?.trim() ?? '';
  const token = env.OMNI_API_KEY?.trim() ?? '';
  const missing = [baseUrl === '' && 'OMNI_BASE_URL', token === '' && 'OMNI_API_KEY'].filter((name) => name !== false);
  if (missing.length > 0) {
    throw new Error(
      `${missing.join(' and ')} must be set, e.g. OMNI_BASE_URL=https://acme.omniapp.co OMNI_API_KEY=omni_osk_… npx tsx scripts/omni-proxy.ts`,
    );
  }
  const port =
    env.OMNI_PROXY_PORT === undefined || env.OMNI_PROXY_PORT === '' ? DEFAULT_OMNI_PROXY_PORT : Number(env.OMNI_PROXY_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error('OMNI_PROXY_PORT must be a port number (0 to 65535).');
  }
  const origins = (env.OMNI_PROXY_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
  // Throws a TypeError for a bad base URL or key before anything listens.
  const proxy = createOmniProxy({
    baseUrl,
    token,
    basePath: OMNI_PROXY_BASE_PATH,
    ...(origins.length > 0 ? { cors: { origins } } : {}),
    onError: (error, stage) => console.error(`omni-proxy: ${stage} failure:`, error instanceof Error ? error.message : error),
  });
  const handler = toNodeHandler(proxy);
  const server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address !== null ? address.port : port;
  return {
    url: `http://127.0.0.1:${actualPort}${OMNI_PROXY_BASE_PATH}`,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => server.close((error) => (error === undefined ? resolve() : reject(error)))),
  };
}

const runAsScript = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (runAsScript) {
  startOmniProxy().then(
    (running) => {
      console.log(`Omni proxy for ${process.env.OMNI_BASE_URL?.trim() ?? ''} listening at ${running.url}`);
      const stop = () => void running.close().finally(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (error: unknown) => {
      console.error(`omni-proxy: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
