import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../src/server/lock';
import { openStorage, type Storage } from '../src/server/storage';
import {
  browserOf,
  makeAuthenticator,
  makeDemo,
  PASSWORD,
  RELEASE_HOLD_SECONDS,
  registerPasskey,
  signUp,
  stepUp,
} from './helpers';

const POSTGRES_URL = process.env.PASSKEY_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.PASSKEY_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const required = process.env.PASSKEY_REQUIRE_SERVICES === '1';

/** Signs up, adds a passkey, creates and releases an order; returns what to find again. */
async function useDemo(storage: Storage) {
  const demo = makeDemo({ stores: storage.stores, data: storage.data, storage: storage.info });
  const browser = browserOf(demo);
  const user = await signUp(browser);
  const authenticator = makeAuthenticator();
  expect((await registerPasskey(browser, authenticator)).status).toBe(201);
  demo.clock.advance(RELEASE_HOLD_SECONDS);
  const order = (await browser.post('/api/p2p/orders', { amount: '0.50', asset: 'ETH' })).json.order;
  const details = { orderId: order.id, amount: order.amount, asset: order.asset };
  const { receipt } = (await stepUp(browser, authenticator, 'p2p.release', details)).json;
  expect((await browser.post(`/api/p2p/orders/${order.id}/release`, { receipt })).status).toBe(200);
  expect((await browser.post(`/api/p2p/orders/${order.id}/release`, { receipt })).status).toBe(409);
  return user;
}

/** After a restart: the password still works, and the passkey and the released order are there. */
async function findAgain(storage: Storage, username: string) {
  const browser = browserOf(makeDemo({ stores: storage.stores, data: storage.data }));
  expect(
    (await browser.post('/api/account/login', { username: username.toUpperCase(), password: PASSWORD }))
      .status,
  ).toBe(200);
  expect((await browser.get('/api/passkeys')).json.passkeys).toHaveLength(1);
  expect((await browser.get('/api/p2p/orders')).json.orders).toEqual([
    { id: expect.any(String), amount: '0.50', asset: 'ETH', status: 'released' },
  ]);
  expect((await browser.post('/api/account/signup', { username, password: PASSWORD })).status).toBe(409);
}

describe('storage', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps passkeys, accounts and orders in PGlite across a restart', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'passkey-demo-test-'));
    dirs.push(dir);
    const first = await openStorage({ DEMO_DATA_DIR: dir });
    expect(first.info.kind).toBe('pglite');
    const user = await useDemo(first);
    await first.close();

    const second = await openStorage({ DEMO_DATA_DIR: dir });
    try {
      await findAgain(second, user.username);
    } finally {
      await second.close();
    }
  });

  it('refuses a second opening of one PGlite folder while the first is open, then allows it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'passkey-demo-test-'));
    dirs.push(dir);
    const first = await openStorage({ DEMO_DATA_DIR: dir });
    const lock = path.join(dir, LOCK_FILE);
    expect(readFileSync(lock, 'utf8').trim()).toBe(String(process.pid));
    try {
      await expect(openStorage({ DEMO_DATA_DIR: dir })).rejects.toThrow(
        `${dir} is in use by another demo (pid ${process.pid}, this process). Stop that one first, or give this one its own folder with DEMO_DATA_DIR=<folder>.`,
      );
      // The refused opening left the first one's lock alone, and the first still works.
      expect(readFileSync(lock, 'utf8').trim()).toBe(String(process.pid));
      await useDemo(first);
    } finally {
      await first.close();
    }
    // A clean close removes the lock: the folder opens again.
    expect(existsSync(lock)).toBe(false);
    const again = await openStorage({ DEMO_DATA_DIR: dir });
    await again.close();
  });

  it("takes over a lock left by a process that no longer runs (a crash), and refuses a live one's", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'passkey-demo-test-'));
    dirs.push(dir);
    const lock = path.join(dir, LOCK_FILE);
    // A pid that has exited: a child process that ran and ended.
    const dead = Number(
      execFileSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' }),
    );
    writeFileSync(lock, `${dead}\n`);
    const storage = await openStorage({ DEMO_DATA_DIR: dir });
    try {
      expect(readFileSync(lock, 'utf8').trim()).toBe(String(process.pid));
      expect(storage.info.kind).toBe('pglite');
    } finally {
      await storage.close();
    }
    expect(existsSync(lock)).toBe(false);

    // A lock held by another process that runs is refused, naming its pid.
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      writeFileSync(lock, `${other.pid}\n`);
      await expect(openStorage({ DEMO_DATA_DIR: dir })).rejects.toThrow(
        `is in use by another demo (pid ${other.pid}).`,
      );
      expect(readFileSync(lock, 'utf8').trim()).toBe(String(other.pid));
    } finally {
      other.kill();
    }

    // An empty lock file that was just made: a demo is starting and has not written its pid yet.
    writeFileSync(lock, '');
    await expect(openStorage({ DEMO_DATA_DIR: dir })).rejects.toThrow('is being opened by another demo');
  });

  it('keeps everything in memory with DEMO_STORAGE=memory', async () => {
    const storage = await openStorage({ DEMO_STORAGE: 'memory' });
    expect(storage.info).toEqual({ kind: 'memory', label: 'in memory — restarts forget everything' });
    await useDemo(storage);
  });

  it('uses a PostgreSQL server with DATABASE_URL and Redis for ceremonies with REDIS_URL', async (ctx) => {
    const admin = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
    admin.on('error', () => {});
    const redis = new Redis(REDIS_URL, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      retryStrategy: () => null,
    });
    redis.on('error', () => {});
    try {
      await admin.connect();
      await redis.connect();
    } catch (err) {
      await admin.end().catch(() => {});
      redis.disconnect();
      if (required)
        throw new Error(`PostgreSQL (${POSTGRES_URL}) and Redis (${REDIS_URL}) are required: ${err}`);
      console.warn(`[demo] skipped the PostgreSQL/Redis storage test: ${err}`);
      return ctx.skip();
    }
    // A database of its own, dropped afterwards: the shared server keeps nothing of this run.
    const name = `passkey_demo_${process.pid}_${Date.now()}`;
    await admin.query(`CREATE DATABASE ${name}`);
    const env = { DATABASE_URL: POSTGRES_URL.replace(/\/[^/]*$/, `/${name}`), REDIS_URL };
    try {
      const first = await openStorage(env);
      expect(first.info.kind).toBe('postgres');
      expect(first.info.label).toContain('Redis');
      const user = await useDemo(first);
      await first.close();
      const second = await openStorage(env);
      try {
        await findAgain(second, user.username);
      } finally {
        await second.close();
      }
      // Ceremonies and receipt IDs went to Redis, under the demo's prefix (all consumed by now).
      expect(await redis.keys('passkey-demo:challenge:*')).toEqual([]);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      redis.disconnect();
    }
  });
});
