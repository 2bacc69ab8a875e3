import { createMemoryChallengeStore, createMemoryPasskeyStore } from '@acme/passkey-core';
import type { StorageInfo } from './app';

/**
 * Opens the passkey and ceremony stores named by the environment and says where data lives.
 * Accounts, sessions and orders stay in memory.
 */
export async function openStorage(_env: NodeJS.ProcessEnv) {
  const info: StorageInfo = { kind: 'memory', label: 'in memory — restarts forget everything' };
  return {
    info,
    stores: { store: createMemoryPasskeyStore(), challenges: createMemoryChallengeStore() },
    close: async () => {},
  };
}
