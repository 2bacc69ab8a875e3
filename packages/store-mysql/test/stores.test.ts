/**
 * What the conformance suite does not cover: value bounds, times whatever the time zones,
 * IDs compared as bytes, scan order and arguments, and the cleanup of old challenges (its
 * checks shared with the PostgreSQL store: test/support/sql-store-checks.ts at the root).
 */
import { isPasskeyError, type Passkey } from '@acme/passkey-core';
import { randomId, samplePasskey } from '@acme/passkey-core/testing';
import type mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectCleanupPastTtlOnly,
  expectLargestCounterAndMilliseconds,
  expectTimedCleanup,
} from '../../../test/support/sql-store-checks';
import { createMysqlStores } from '../src/index';
import { createTestDatabase, freshStores, type TestDatabase } from './databases';
import { probeMysql } from './services';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const record = () => ({ expiresAt: Date.now() + 60_000, kind: 'authentication' });
const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const server = await probeMysql();

describe.skipIf(server.skip)(`stores on ${server.url}`, () => {
  let db: TestDatabase;
  let pool: mysql.Pool;
  let stores: Awaited<ReturnType<typeof freshStores>>;
  const challengeCount = async () => {
    const [rows] = await pool.query(`SELECT COUNT(*) AS n FROM \`${stores.prefix}challenges\``);
    return Number((rows as { n: number }[])[0]?.n);
  };

  beforeAll(async () => {
    server.assertReachable();
    db = await createTestDatabase();
    pool = db.pool();
    stores = await freshStores(pool);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('keeps a counter of 2^32 - 1 and times to the millisecond', async () => {
    await expectLargestCounterAndMilliseconds(stores.store);
  });

  it('refuses a counter outside uint32 as a store failure, writing nothing', async () => {
    for (const counter of [4_294_967_296, -1, 1.5, Number.NaN]) {
      const p = samplePasskey({ counter });
      const err = await stores.store.create(p, { maxPerUser: 10 }).catch((e: unknown) => e);
      expect(isPasskeyError(err, 'STORE_UNAVAILABLE'), String(counter)).toBe(true);
      expect(await stores.store.get(p.id)).toBeNull();
    }
    const p = samplePasskey({ counter: 3 });
    await stores.store.create(p, { maxPerUser: 10 });
    const use = { expectedCounter: 3, counter: 4_294_967_296, backedUp: true, usedAt: new Date() };
    expect(
      isPasskeyError(await stores.store.recordUse(p.id, use).catch((e: unknown) => e), 'STORE_UNAVAILABLE'),
    ).toBe(true);
    expect(await stores.store.get(p.id)).toEqual(p);
  });

  it('reads and writes the same instants whatever the pool and session time zones', async () => {
    const skewed = db.pool({ timezone: '+05:30', connectionLimit: 2 });
    skewed.on('connection', (conn) => void conn.query("SET time_zone = '-07:00'"));
    const other = createMysqlStores({ pool: skewed, tablePrefix: stores.prefix });
    const p = samplePasskey({
      createdAt: new Date('2026-03-29T01:30:00.123Z'),
      lastUsedAt: new Date(Date.UTC(2026, 9, 25, 2, 15)),
    });
    await other.store.create(p, { maxPerUser: 10 });
    expect(await stores.store.get(p.id)).toEqual(p);
    const q = samplePasskey({ createdAt: new Date('2026-07-01T23:59:59.999Z') });
    await stores.store.create(q, { maxPerUser: 10 });
    expect(await other.store.get(q.id)).toEqual(q);
    // Expiry on the database's UTC clock: a challenge put through the skewed session outlives cleanup.
    const kept = randomId();
    await other.challenges.put(kept, record(), { ttlMs: 60_000 });
    await other.challenges.put(randomId(), record(), { ttlMs: 1 });
    await sleep(10);
    expect(await stores.cleanup()).toBe(1);
    expect(await stores.challenges.take(kept)).not.toBeNull();
  });

  it('sends text as bytes: under NO_BACKSLASH_ESCAPES a quote in a name or a record stays data', async () => {
    const ansi = db.pool({ connectionLimit: 2 });
    ansi.on(
      'connection',
      (conn) => void conn.query("SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES')"),
    );
    const other = createMysqlStores({ pool: ansi, tablePrefix: stores.prefix });
    const victim = samplePasskey({ counter: 41 });
    await stores.store.create(victim, { maxPerUser: 10 });
    const own = samplePasskey({ counter: 5 });
    await other.store.create(own, { maxPerUser: 10 });
    // Escaped with backslashes, this quote would end the literal and the rest would be SQL.
    for (const name of ["', counter = 0 #", 'x\\', "\\', name = 'y", 'Zürich ✓ 💳 \' \\ "']) {
      expect(await other.store.rename(own.userId, own.id, name)).toEqual({ ...own, name });
    }
    expect(await stores.store.get(victim.id)).toEqual(victim);
    const payload = "'; DROP TABLE x; -- \\' #";
    const p = samplePasskey({ name: payload, transports: [payload] });
    await other.store.create(p, { maxPerUser: 10 });
    expect(await stores.store.get(p.id)).toEqual(p);
    const id = randomId();
    const rec = { expiresAt: Date.now() + 60_000, username: "o'brien\\', expires_at = 0 #" };
    await other.challenges.put(id, rec, { ttlMs: 60_000 });
    expect(await stores.challenges.take(id)).toEqual(rec);
  });

  it('compares IDs byte for byte: no case, accent or trailing-space folding', async () => {
    const users = ['alice', 'Alice', 'alice ', 'zoë', 'zoe', 'ZOË'];
    const made = new Map<string, Passkey>();
    for (const userId of users) {
      const p = samplePasskey({ userId });
      expect(await stores.store.create(p, { maxPerUser: 1 })).toBe('created');
      made.set(userId, p);
    }
    for (const userId of users) {
      expect((await stores.store.listByUser(userId)).map((p) => p.id)).toEqual([made.get(userId)?.id]);
    }
    const alice = made.get('alice')!;
    expect(await stores.store.remove('Alice', alice.id)).toBe(false);
    expect(await stores.store.rename('alice ', alice.id, 'Taken')).toBeNull();
    const base = `Ab${randomId(6)}`;
    for (const id of [base, base.toLowerCase(), `${base} `, `${base}é`]) {
      expect(await stores.store.create(samplePasskey({ id }), { maxPerUser: 10 }), JSON.stringify(id)).toBe(
        'created',
      );
      expect((await stores.store.get(id))?.id).toBe(id);
    }
  });

  it('scans in code-unit order across the base64url alphabet, and refuses bad page arguments', async () => {
    const own = await freshStores(pool);
    try {
      const ids = ['-', '0', '9', 'A', 'Z', '_', 'a', 'z', 'a-', 'aA', 'a_', 'aa', 'Za', 'zz'].map(
        (c) => `${c}`,
      );
      for (const id of ids) await own.store.create(samplePasskey({ id }), { maxPerUser: 20 });
      const seen: string[] = [];
      for (let after: string | null = null; ; ) {
        const page: Passkey[] = await own.store.scan!({ after, limit: 4 });
        if (page.length === 0) break;
        seen.push(...page.map((p) => p.id));
        after = page.at(-1)!.id;
      }
      expect(seen).toEqual([...ids].sort(byCodeUnit));
      expect((await own.store.scan!({ after: 'zz', limit: 5 })).length).toBe(0);
      for (const limit of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
        await expect(own.store.scan!({ after: null, limit })).rejects.toBeInstanceOf(TypeError);
      }
      await expect(own.store.scan!({ after: 42 as never, limit: 1 })).rejects.toBeInstanceOf(TypeError);
    } finally {
      await own.close();
    }
  });

  it('stores prf as false when absent, and reports a use that changes nothing as written', async () => {
    const { prf: _, ...withoutPrf } = samplePasskey({ counter: 0, userVerified: true });
    await stores.store.create(withoutPrf, { maxPerUser: 10 });
    expect(await stores.store.get(withoutPrf.id)).toEqual({ ...withoutPrf, prf: false });
    // Counter 0 authenticators: the same values again still match (rows matched, not rows changed).
    const use = { expectedCounter: 0, counter: 0, backedUp: withoutPrf.backedUp, usedAt: new Date() };
    expect(await stores.store.recordUse(withoutPrf.id, use)).toBe(true);
    expect(await stores.store.recordUse(withoutPrf.id, use)).toBe(true);
    expect(await stores.store.rename(withoutPrf.userId, withoutPrf.id, withoutPrf.name)).toMatchObject({
      name: withoutPrf.name,
    });
  });

  it('cleans up only the challenges past their TTL; until then take still returns them', async () => {
    await stores.cleanup(); // what the tests above left expired
    await expectCleanupPastTtlOnly(stores);
  });

  it('cleans up a backlog larger than one batch', async () => {
    const values = Array.from(
      { length: 12_000 },
      (_, i) => `('old-${i}', '{}', UTC_TIMESTAMP(3) - INTERVAL 1 SECOND)`,
    );
    await pool.query(
      `INSERT INTO \`${stores.prefix}challenges\` (id, record, expires_at) VALUES ${values.join(', ')}`,
    );
    expect(await stores.cleanup()).toBe(12_000);
    expect(await challengeCount()).toBe(0);
  });

  it('runs cleanup on a timer until stopped, and reports failed runs', async () => {
    const failing = { getConnection: () => Promise.reject(new Error('connection refused')) };
    await expectTimedCleanup(stores, challengeCount, createMysqlStores({ pool: failing }));
  });
});
