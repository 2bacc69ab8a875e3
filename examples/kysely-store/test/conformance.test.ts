import { describeStoreConformance } from '@acme/passkey-core/testing';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe } from 'vitest';
import type { PasskeyDatabase } from '../src/index';
import { freshStores, openDatabase, POSTGRES_URL, probe, shouldSkip } from './database';

const problem = await probe();

describe.skipIf(shouldSkip(problem))(`Kysely on the PostgreSQL server (${POSTGRES_URL})`, () => {
  let db: Kysely<PasskeyDatabase>;

  beforeAll(() => {
    if (problem !== null)
      throw new Error(`PostgreSQL is required but ${POSTGRES_URL} is unreachable: ${problem}`);
    db = openDatabase();
  });
  afterAll(async () => {
    await db?.destroy();
  });

  // Every makeStores call: a new schema, migrated, dropped by close().
  describeStoreConformance('Kysely (PostgreSQL)', () => freshStores(db));
});
