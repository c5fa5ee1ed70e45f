import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The repository's own lockfile sits two folders up: this app is its own root.
  turbopack: { root: here },
  outputFileTracingRoot: here,
};

export default nextConfig;
