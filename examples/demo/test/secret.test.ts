import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadReceiptKey, loadSecret, RECEIPT_KEY_FILE, SECRET_FILE } from '../src/server/secret';
import { openStorage } from '../src/server/storage';

describe('the passkey server secret', () => {
  const dirs: string[] = [];
  const newDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'passkey-demo-secret-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('is generated once into the data folder, readable by its owner only, and kept across starts', async () => {
    const dir = newDir();
    const first = await loadSecret({}, dir);
    const file = path.join(dir, SECRET_FILE);
    expect(first).toMatch(/^[\w-]{43}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await loadSecret({}, dir)).toBe(first);
    expect(await loadSecret({}, newDir())).not.toBe(first);
  });

  it('keeps the receipt key in the data folder too, so a receipt issued before a restart verifies after it', async () => {
    const dir = newDir();
    const first = await loadReceiptKey({}, dir);
    expect(first).toMatchObject({ kty: 'EC', crv: 'P-256' });
    expect(typeof first.d).toBe('string');
    expect(statSync(path.join(dir, RECEIPT_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(await loadReceiptKey({}, dir)).toEqual(first);
    expect((await loadReceiptKey({}, newDir())).d).not.toBe(first.d);
    const given = { ...first, d: first.d };
    expect(await loadReceiptKey({ PASSKEY_RECEIPT_JWK: JSON.stringify(given) }, newDir())).toEqual(given);
  });

  it('takes PASSKEY_SECRET when set, and then writes no file', async () => {
    const dir = newDir();
    const secret = 'an environment secret of enough length!';
    expect(await loadSecret({ PASSKEY_SECRET: secret }, dir)).toBe(secret);
    expect(() => statSync(path.join(dir, SECRET_FILE))).toThrow();
  });

  it('refuses a secret that is too short, from the environment or the file', async () => {
    for (const PASSKEY_SECRET of ['short', ' '.repeat(40), 'x'.repeat(31)]) {
      await expect(loadSecret({ PASSKEY_SECRET }, null), PASSKEY_SECRET).rejects.toThrow(/PASSKEY_SECRET/);
    }
    const dir = newDir();
    writeFileSync(path.join(dir, SECRET_FILE), 'tiny\n');
    await expect(loadSecret({}, dir)).rejects.toThrow(/at least 32 characters/);
  });

  it('tightens a kept file that others may read back to 0600', async () => {
    const dir = newDir();
    const secret = await loadSecret({}, dir);
    chmodSync(path.join(dir, SECRET_FILE), 0o644);
    expect(await loadSecret({}, dir)).toBe(secret);
    expect(statSync(path.join(dir, SECRET_FILE)).mode & 0o777).toBe(0o600);
  });

  it('is part of the storage: kept in the PGlite folder, new per process in memory', async () => {
    const dir = newDir();
    const pglite = await openStorage({ DEMO_DATA_DIR: dir });
    try {
      expect(pglite.secret).toBe(readFileSync(path.join(dir, SECRET_FILE), 'utf8').trim());
    } finally {
      await pglite.close();
    }
    const reopened = await openStorage({ DEMO_DATA_DIR: dir });
    await reopened.close();
    expect(reopened.secret).toBe(pglite.secret);
    const memory = await openStorage({ DEMO_STORAGE: 'memory' });
    expect(memory.secret).toMatch(/^[\w-]{43}$/);
    expect((await openStorage({ DEMO_STORAGE: 'memory' })).secret).not.toBe(memory.secret);
  }, 60_000);
});
