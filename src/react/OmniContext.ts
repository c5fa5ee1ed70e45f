import { createContext } from 'react';
import type { OmniClient } from '../client/OmniClient.js';

/** The client that {@link OmniProvider} hands down. `undefined` outside a provider. */
export const OmniContext = createContext<OmniClient | undefined>(undefined);
