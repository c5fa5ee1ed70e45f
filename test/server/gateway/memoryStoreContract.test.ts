import { createMemoryStore } from '../../../src/server/gateway/createMemoryStore.js';
import { describeGatewayStoreContract } from './storeContract.js';

// One store in one process: both "instances" hold the same store, as two proxies in one process would.
describeGatewayStoreContract('memory', async () => {
  const store = createMemoryStore();
  return { one: store, other: store, close: () => store.close() };
});
