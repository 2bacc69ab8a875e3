// A small app over each package's main API, type-checked against the packed declarations under
// `nodenext`, `bundler` and `node10` (tsconfig.*.json). It is compiled, never run: smoke.mjs and
// smoke.cjs run the ceremony.
import { createPasskeyClient, type PasskeyClient, type RegisterOptions } from '@acme/passkey-client';
import {
  type ChallengeStore,
  createMemoryChallengeStore,
  createMemoryPasskeyStore,
  isPasskeyError,
  type PasskeyStore,
  type PasskeyView,
} from '@acme/passkey-core';
import { describeStoreConformance, type MakeStores, samplePasskey } from '@acme/passkey-core/testing';
import {
  createPasskeyHandler,
  createPasskeyServer,
  type PasskeyServer,
  type PasskeySession,
} from '@acme/passkey-server';
import { toNodeHandler } from '@acme/passkey-server/node';
import { createMysqlStores, type MysqlPoolLike } from '@acme/passkey-store-mysql';
import { createPostgresStores, fromPGlite, MIGRATIONS } from '@acme/passkey-store-postgres';
import { createRedisChallengeStore, type RedisLike } from '@acme/passkey-store-redis';
import { createSoftwareAuthenticator, type SoftwareAuthenticator } from '@acme/passkey-testing';
import { exportPasskeys, type ImportReport, importPasskeys } from '@acme/passkey-transfer';
import type { PGlite } from '@electric-sql/pglite';

/** The server with memory stores, or PostgreSQL stores on PGlite and challenges in Redis. */
export function makeServer(db?: PGlite, redis?: RedisLike): PasskeyServer {
  let store: PasskeyStore = createMemoryPasskeyStore();
  let challenges: ChallengeStore = createMemoryChallengeStore();
  if (db) store = createPostgresStores({ client: fromPGlite(db) }).store;
  if (redis) challenges = createRedisChallengeStore({ client: redis });
  return createPasskeyServer({
    rp: { id: 'example.com', name: 'Example' },
    origins: ['https://example.com'],
    store,
    challenges,
  });
}

/** The HTTP handler with a session from the app. */
export function makeHandler(passkeys: PasskeyServer, session: PasskeySession | null) {
  return createPasskeyHandler(passkeys, { basePath: '/passkeys', getSession: () => session });
}

/** The same handler on node:http (Express, Fastify). */
export const nodeHandler = (passkeys: PasskeyServer) =>
  toNodeHandler(makeHandler(passkeys, null), { origin: 'https://example.com' });

/** A registration from the software authenticator. */
export async function register(
  passkeys: PasskeyServer,
  authenticator: SoftwareAuthenticator = createSoftwareAuthenticator(),
): Promise<PasskeyView> {
  const user = { id: 'u1', name: 'ada@example.com', displayName: 'Ada' };
  const { ceremonyId, options } = await passkeys.startRegistration({ user, lastVerifiedAt: new Date() });
  const response = await authenticator.create(options, { origin: 'https://example.com' });
  try {
    return (await passkeys.finishRegistration({ ceremonyId, userId: user.id, response })).passkey;
  } catch (err) {
    if (isPasskeyError(err)) throw new Error(`refused: ${err.code} (${err.status})`);
    throw err;
  }
}

/** The browser side. */
export async function addPasskey(options: RegisterOptions): Promise<string> {
  const passkeyClient: PasskeyClient = createPasskeyClient({ baseUrl: '/passkeys' });
  const outcome = await passkeyClient.register(options);
  return outcome.status;
}

/** A store adapter's conformance suite (run under Vitest by the app). */
export const conformance = (makeStores: MakeStores) => describeStoreConformance('my adapter', makeStores);
export const fixture = samplePasskey({ name: 'Test key' });
export const migrations: number = MIGRATIONS.length;

/** MySQL stores over a mysql2 pool. */
export const mysqlStore = (pool: MysqlPoolLike): PasskeyStore => createMysqlStores({ pool }).store;

/** Every passkey of one store moved into another. */
export async function move(from: PasskeyStore, to: PasskeyStore): Promise<ImportReport> {
  return importPasskeys(to, exportPasskeys(from));
}
