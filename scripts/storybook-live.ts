/**
 * `npm run storybook:live`: the project's Omni proxy (scripts/omni-proxy.ts, with OMNI_BASE_URL and
 * OMNI_API_KEY from the environment) and Storybook, whose dev server forwards `/api/omni` to it, so the
 * Live story reaches a real Omni on the same origin with no key in the page.
 */
import { spawn } from 'node:child_process';
import { startOmniProxy } from './omni-proxy.js';

const proxy = await startOmniProxy(process.env);
console.log(`Omni proxy on ${proxy.url}`);
const storybook = spawn('npx', ['storybook', 'dev', '-p', '6006'], {
  stdio: 'inherit',
  env: { ...process.env, OMNI_PROXY_TARGET: new URL(proxy.url).origin },
});
const stop = () => {
  storybook.kill('SIGTERM');
  void proxy.close();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
storybook.on('exit', (code) => {
  void proxy.close();
  process.exitCode = code ?? 0;
});
