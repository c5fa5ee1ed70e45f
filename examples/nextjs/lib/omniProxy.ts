import { createOmniProxy } from 'omni-query-hooks/server';

// Both may be unset while `next build` evaluates this module: the proxy is created anyway, and
// answers 500 naming the missing variable until the app runs with them.
export const proxy = createOmniProxy({
  baseUrl: process.env.OMNI_BASE_URL,
  token: process.env.OMNI_API_KEY,
  basePath: '/api/omni',
});
