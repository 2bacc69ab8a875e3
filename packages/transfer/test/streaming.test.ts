/** Lines flow one at a time both ways, and a store that fails stops the import where it failed. */
import { createMemoryPasskeyStore, type Passkey, type PasskeyStore } from '@acme/passkey-core';
import { samplePasskey } from '@acme/passkey-core/testing';
import { beforeAll, expect, it } from 'vitest';
import { exportPasskeys, importPasskeys, toPasskeyRecord } from '../src/index';
import { coseKeys } from './keys';

let key: Uint8Array;
beforeAll(async () => {
  key = (await coseKeys()).ES256;
});
const HEADER = '{"format":"acme-passkeys","version":1}';
const passkeys = (n: number): Passkey[] =>
  Array.from({ length: n }, () => samplePasskey({ publicKey: key, algorithm: -7 }));

it('reads at most `concurrency` lines ahead of what it has stored', async () => {
  for (const concurrency of [1, 8]) {
    const target = createMemoryPasskeyStore();
    const all = passkeys(40);
    const aheadWhenRead: number[] = [];
    async function* lines() {
      yield HEADER;
      for (const [i, p] of all.entries()) {
        let stored = 0;
        for (const q of all.slice(0, i)) if ((await target.get(q.id)) !== null) stored += 1;
        aheadWhenRead.push(i - stored);
        yield JSON.stringify(toPasskeyRecord(p));
      }
    }
    expect(await importPasskeys(target, lines(), { concurrency })).toMatchObject({ created: 40 });
    expect(Math.max(...aheadWhenRead)).toBe(concurrency - 1);
  }
});

it("stores one user's lines in input order, whatever the concurrency", async () => {
  const mine = passkeys(40).map((p) => ({ ...p, userId: 'one' }));
  const input = [HEADER, ...mine.map((p) => JSON.stringify(toPasskeyRecord(p)))];
  const target = createMemoryPasskeyStore();
  const report = await importPasskeys(target, input, { concurrency: 16 });
  expect(report).toMatchObject({ created: 10, limit: 30 });
  expect(report.issues.map((i) => i.line)).toEqual(Array.from({ length: 30 }, (_, i) => i + 12));
  const stored = (await target.listByUser('one')).map((p) => p.id).sort();
  expect(stored).toEqual(
    mine
      .slice(0, 10)
      .map((p) => p.id)
      .sort(),
  );
});

it('reads a page from the store only when the lines before it are consumed', async () => {
  const source = createMemoryPasskeyStore();
  for (const p of passkeys(10)) await source.create(p, { maxPerUser: 10 });
  const pages: (string | null)[] = [];
  const counted: PasskeyStore = {
    ...source,
    scan: (o) => {
      pages.push(o.after);
      return source.scan!(o);
    },
  };
  const lines = exportPasskeys(counted, { pageSize: 3 });
  for (let i = 0; i < 4; i++) await lines.next(); // the header and the first page
  expect(pages).toHaveLength(1);
  await lines.next();
  expect(pages).toHaveLength(2);
  await lines.return(undefined);
});

it('stops at a store failure with its line; a second run finishes without doubling anything', async () => {
  const all = passkeys(6);
  const input = [HEADER, ...all.map((p) => JSON.stringify(toPasskeyRecord(p)))];
  const target = createMemoryPasskeyStore();
  let creates = 0;
  const failing: PasskeyStore = {
    ...target,
    create: async (p, o) => {
      if (++creates === 3) throw new Error('connection reset');
      return target.create(p, o);
    },
  };
  await expect(importPasskeys(failing, input, { concurrency: 1 })).rejects.toMatchObject({
    code: 'STORE_UNAVAILABLE',
    details: { line: 4 },
  });
  expect(await target.get(all[1]!.id)).not.toBeNull();
  expect(await target.get(all[2]!.id)).toBeNull();
  expect(await importPasskeys(target, input)).toMatchObject({ created: 4, present: 2 });
});

it('waits for every store call of a window, then reports the first failing line', async () => {
  const all = passkeys(8);
  const input = [HEADER, ...all.map((p) => JSON.stringify(toPasskeyRecord(p)))];
  const target = createMemoryPasskeyStore();
  const broken = new Set([all[5]!.id, all[2]!.id]);
  const failing: PasskeyStore = {
    ...target,
    create: async (p, o) => {
      if (broken.has(p.id)) throw new Error('connection reset');
      return target.create(p, o);
    },
  };
  await expect(importPasskeys(failing, input, { concurrency: 8 })).rejects.toMatchObject({
    code: 'STORE_UNAVAILABLE',
    details: { line: 4 },
  });
  expect(await importPasskeys(target, input)).toMatchObject({ created: 2, present: 6 });
});
