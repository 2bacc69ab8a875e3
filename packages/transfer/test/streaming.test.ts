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

it('imports each line before it reads the next', async () => {
  const target = createMemoryPasskeyStore();
  const all = passkeys(50);
  const storedWhenRead: boolean[] = [];
  async function* lines() {
    yield HEADER;
    for (const [i, p] of all.entries()) {
      if (i > 0) storedWhenRead.push((await target.get(all[i - 1]!.id)) !== null);
      yield JSON.stringify(toPasskeyRecord(p));
    }
  }
  expect(await importPasskeys(target, lines())).toMatchObject({ created: 50 });
  expect(storedWhenRead).toEqual(Array(49).fill(true));
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
  await expect(importPasskeys(failing, input)).rejects.toMatchObject({
    code: 'STORE_UNAVAILABLE',
    details: { line: 4 },
  });
  expect(await target.get(all[1]!.id)).not.toBeNull();
  expect(await target.get(all[2]!.id)).toBeNull();
  expect(await importPasskeys(target, input)).toMatchObject({ created: 4, present: 2 });
});
