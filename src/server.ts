// The `omni-query-hooks/server` entry: server-only code, no React, no node: imports. Re-exports only.
export { createOmniProxy } from './server/createOmniProxy.js';
export type {
  OmniProxyAuthorizeResult,
  OmniProxyCall,
  OmniProxyCors,
  OmniProxyErrorStage,
  OmniProxyHandler,
  OmniProxyOptions,
  OmniProxyRateLimit,
  OmniProxyShare,
} from './server/OmniProxyOptions.js';
export { createServerOmniClient } from './server/createServerOmniClient.js';
export type { ServerOmniClientOptions } from './server/createServerOmniClient.js';
export type { IncomingHeaders } from './server/browserHeaders.js';
export { createMemoryStore, DEFAULT_MEMORY_STORE_BYTES } from './server/gateway/createMemoryStore.js';
export type { MemoryStoreOptions } from './server/gateway/createMemoryStore.js';
export type { GatewayStore } from './server/gateway/GatewayStore.js';
export { toNodeHandler } from './server/toNodeHandler.js';
export type { NodeHandler, NodeRequestLike, NodeResponseLike } from './server/toNodeHandler.js';
export {
  DEFAULT_MAX_REQUEST_BODY_BYTES,
  DEFAULT_MAX_RESPONSE_BODY_BYTES,
  DEFAULT_PROXY_RATE_LIMIT,
  DEFAULT_PROXY_SHARE,
  DEFAULT_PROXY_TIMEOUT_MS,
} from './server/resolveProxyOptions.js';
