// The CommonJS side of `nodenext`: these imports compile to require() and resolve the packages'
// "require" conditions (the .d.cts declarations).
import { createMemoryPasskeyStore, PasskeyError } from '@acme/passkey-core';
import { describeStoreConformance } from '@acme/passkey-core/testing';
import { createPasskeyServer } from '@acme/passkey-server';
import { toNodeHandler } from '@acme/passkey-server/node';
import { createPostgresStores } from '@acme/passkey-store-postgres';
import { createRedisChallengeStore } from '@acme/passkey-store-redis';
import { createSoftwareAuthenticator } from '@acme/passkey-testing';

export const server = createPasskeyServer({
  rp: { id: 'example.com', name: 'Example' },
  origins: ['https://example.com'],
  store: createMemoryPasskeyStore(),
});
export const parts = [
  toNodeHandler,
  createPostgresStores,
  createRedisChallengeStore,
  createSoftwareAuthenticator,
  describeStoreConformance,
];
export const isError = (err: unknown): err is PasskeyError => err instanceof PasskeyError;
