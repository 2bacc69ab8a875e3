/**
 * Passkey and challenge stores written over Kysely, on PostgreSQL: an example of an adapter of
 * your own (docs/storage.md walks through it), passing `@acme/passkey-core/testing`'s kit.
 * @packageDocumentation
 */
export { createKyselyChallengeStore } from './challenge-store';
export { migrateToLatest } from './migrations';
export { createKyselyPasskeyStore } from './passkey-store';
export type { ChallengeTable, PasskeyDatabase, PasskeyTable, UserLockTable } from './schema';
