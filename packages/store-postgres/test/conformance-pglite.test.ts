import { describeStoreConformance } from '@acme/passkey-core/testing';
import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll } from 'vitest';
import type { SqlClient } from '../src/index';
import { freshStores, openPGlite } from './databases';

let db: PGlite;
let client: SqlClient;

beforeAll(async () => {
  ({ db, client } = await openPGlite());
});
afterAll(async () => {
  await db?.close();
});

// Every makeStores call: a new schema in the file's one PGlite instance.
describeStoreConformance('PostgreSQL on PGlite', () => freshStores(client));
