/**
 * What the conformance suite does not cover: value bounds, and the cleanup of old challenges
 * (its checks shared with the MySQL store: test/support/sql-store-checks.ts at the root).
 */
import { isPasskeyError } from '@acme/passkey-core';
import { samplePasskey } from '@acme/passkey-core/testing';
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectCleanupPastTtlOnly,
  expectLargestCounterAndMilliseconds,
  expectTimedCleanup,
} from '../../../test/support/sql-store-checks';
import { createPostgresStores, type SqlClient } from '../src/index';
import { freshStores, openPGlite, openServer } from './databases';
import { probePostgres } from './services';

function storeSuite(open: () => Promise<{ client: SqlClient; close(): Promise<void> }>) {
  let client: SqlClient;
  let close: () => Promise<void>;
  let stores: Awaited<ReturnType<typeof freshStores>>;
  const challengeCount = async () =>
    (
      await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${stores.schema}".passkey_challenges`,
      )
    ).rows[0]?.n;

  beforeAll(async () => {
    ({ client, close } = await open());
    stores = await freshStores(client);
  });
  afterAll(async () => {
    await stores?.close();
    await close?.();
  });

  it('keeps a counter of 2^32 - 1 and times to the millisecond', async () => {
    await expectLargestCounterAndMilliseconds(stores.store);
  });

  it('refuses a counter outside uint32 as a store failure, writing nothing', async () => {
    const p = samplePasskey({ counter: 4_294_967_296 });
    const err = await stores.store.create(p, { maxPerUser: 10 }).catch((e: unknown) => e);
    expect(isPasskeyError(err, 'STORE_UNAVAILABLE')).toBe(true);
    expect(await stores.store.get(p.id)).toBeNull();
  });

  it('scans in code-unit order (as COLLATE "C"), not in the order of a language', async () => {
    const own = await freshStores(client);
    try {
      // A natural-language collation would put "a" beside "A" and skip "-" and "_" at first.
      const ids = ['a-1', 'A_1', '_a', '-z', 'Zz', 'b', '0-', 'a_0', 'aB', 'ab'];
      for (const id of ids) await own.store.create(samplePasskey({ id }), { maxPerUser: 10 });
      const seen: string[] = [];
      for (let after: string | null = null; ; ) {
        const page = await own.store.scan!({ after, limit: 3 });
        if (page.length === 0) break;
        seen.push(...page.map((p) => p.id));
        after = page.at(-1)!.id;
      }
      expect(seen).toEqual([...ids].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
      expect(seen).toEqual(['-z', '0-', 'A_1', 'Zz', '_a', 'a-1', 'aB', 'a_0', 'ab', 'b']);
    } finally {
      await own.close();
    }
  });

  it('refuses a scan page of no size with INVALID_REQUEST', async () => {
    for (const limit of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '3' as unknown as number]) {
      const err = await stores.store.scan!({ after: null, limit }).catch((e: unknown) => e);
      expect(isPasskeyError(err, 'INVALID_REQUEST'), String(limit)).toBe(true);
    }
  });

  it('cleans up only the challenges past their TTL; until then take still returns them', async () => {
    await expectCleanupPastTtlOnly(stores);
  });

  it('runs cleanup on a timer until stopped, and reports failed runs', async () => {
    const failing: SqlClient = {
      query: () => Promise.reject(new Error('connection refused')),
      transaction: () => Promise.reject(new Error('connection refused')),
    };
    await expectTimedCleanup(stores, challengeCount, createPostgresStores({ client: failing }));
  });
}

describe('stores on PGlite', () => {
  storeSuite(async () => {
    const { db, client }: { db: PGlite; client: SqlClient } = await openPGlite();
    return { client, close: () => db.close() };
  });
});

const server = await probePostgres();

describe.skipIf(server.skip)(`stores on the PostgreSQL server (${server.url})`, () => {
  beforeAll(() => server.assertReachable());
  storeSuite(async () => {
    const { pool, client }: { pool: pg.Pool; client: SqlClient } = openServer();
    return { client, close: () => pool.end() };
  });
});
