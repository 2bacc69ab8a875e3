import type { ChallengeStore, PasskeyEventContext, PasskeyStore } from '@acme/passkey-core';
import type { PasskeyServerConfig } from '../config';
import { guardStores } from './guarded-stores';
import { defaultStores, type ResolvedConfig, validateConfig } from './validate-config';

/** Everything a ceremony needs: checked config, guarded stores, the clock and the event sink. */
export interface ServerContext extends ResolvedConfig {
  store: PasskeyStore;
  challenges: ChallengeStore;
  now: () => Date;
  onEvent?: PasskeyServerConfig['onEvent'];
  findUser?: PasskeyServerConfig['findUser'];
  normalizeUsername: (username: string) => string;
  /** Who asked, for events raised by a request through the HTTP handler. */
  eventContext?: PasskeyEventContext;
}

/** Validates the config and wraps the stores: what every ceremony runs on. */
export function createContext(config: PasskeyServerConfig): ServerContext {
  const resolved = validateConfig(config);
  const defaults =
    config.store === undefined || config.challenges === undefined ? defaultStores() : undefined;
  const stores = guardStores(config.store ?? defaults!.store, config.challenges ?? defaults!.challenges);
  return {
    ...resolved,
    ...stores,
    now: config.now ?? (() => new Date()),
    ...(config.findUser ? { findUser: config.findUser } : {}),
    normalizeUsername: config.normalizeUsername ?? ((username) => username),
  };
}
