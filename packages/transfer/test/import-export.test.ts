import { createMemoryPasskeyStore, type Passkey, type PasskeyStore } from '@acme/passkey-core';
import { samplePasskey } from '@acme/passkey-core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportPasskeys, importPasskeys, toPasskeyRecord } from '../src/index';
import { coseKeys } from './keys';

let keys: Awaited<ReturnType<typeof coseKeys>>;
beforeAll(async () => {
  keys = await coseKeys();
});

const passkey = (overrides: Partial<Passkey> = {}) =>
  samplePasskey({ publicKey: keys.EdDSA, algorithm: -8, ...overrides });
const collect = async (lines: AsyncIterable<string>) => {
  const out: string[] = [];
  for await (const line of lines) out.push(line);
  return out;
};
async function filled(passkeys: Passkey[]): Promise<PasskeyStore> {
  const store = createMemoryPasskeyStore();
  for (const p of passkeys) expect(await store.create(p, { maxPerUser: 100 })).toBe('created');
  return store;
}
const HEADER = '{"format":"acme-passkeys","version":1}';
const line = (p: Passkey) => JSON.stringify(toPasskeyRecord(p));

describe('export and import between stores', () => {
  it('moves every passkey, and the export of the copy is the same bytes', async () => {
    const source = await filled([
      passkey({ userId: 'u1', counter: 41, lastUsedAt: new Date('2026-03-04T05:06:07.089Z') }),
      passkey({ userId: 'u1', deviceType: 'singleDevice', backedUp: false, attachment: 'cross-platform' }),
      passkey({ userId: 'u2', transports: [], attachment: null, prf: true, userVerified: true }),
    ]);
    const exported = await collect(exportPasskeys(source, { pageSize: 2 }));
    expect(exported[0]).toBe(`${HEADER}\n`);
    expect(exported).toHaveLength(4);
    const target = createMemoryPasskeyStore();
    const report = await importPasskeys(target, exported);
    expect(report).toMatchObject({ lines: 4, created: 3, present: 0, limit: 0, invalid: 0, conflict: 0 });
    expect((await collect(exportPasskeys(target))).join('')).toBe(exported.join(''));
    for (const userId of ['u1', 'u2'])
      expect(await target.listByUser(userId)).toEqual(await source.listByUser(userId));
  });

  it('changes nothing when run again: every passkey is already present', async () => {
    const source = await filled([passkey(), passkey(), passkey()]);
    const target = createMemoryPasskeyStore();
    await importPasskeys(target, exportPasskeys(source));
    const before = (await collect(exportPasskeys(target))).join('');
    const again = await importPasskeys(target, exportPasskeys(source));
    expect(again).toMatchObject({ created: 0, present: 3, issues: [] });
    expect((await collect(exportPasskeys(target))).join('')).toBe(before);
  });

  it('never raises a user past the limit, and says which lines it refused', async () => {
    const target = await filled(Array.from({ length: 9 }, () => passkey({ userId: 'full' })));
    const incoming = [
      passkey({ userId: 'full' }),
      passkey({ userId: 'other' }),
      passkey({ userId: 'full' }),
      passkey({ userId: 'full' }),
    ];
    const report = await importPasskeys(target, [HEADER, ...incoming.map(line)], { maxPerUser: 10 });
    expect(report).toMatchObject({ created: 2, limit: 2 });
    expect(report.issues).toEqual([
      expect.objectContaining({ line: 4, outcome: 'limit', id: incoming[2]?.id, userId: 'full' }),
      expect.objectContaining({ line: 5, outcome: 'limit', id: incoming[3]?.id, userId: 'full' }),
    ]);
    expect(await target.listByUser('full')).toHaveLength(10);
    const tighter = await importPasskeys(createMemoryPasskeyStore(), [HEADER, ...incoming.map(line)], {
      maxPerUser: 1,
    });
    expect(tighter).toMatchObject({ created: 2, limit: 2 });
  });

  it('stores nothing of a bad line, reports its number and field, and goes on', async () => {
    const good = [passkey(), passkey()];
    const bad = { ...toPasskeyRecord(passkey()), counter: -1 };
    const lines = [HEADER, line(good[0]!), JSON.stringify(bad), '', '{not json', '[]', line(good[1]!)];
    const target = createMemoryPasskeyStore();
    const report = await importPasskeys(target, lines);
    expect(report).toMatchObject({ lines: 7, created: 2, invalid: 3 });
    expect(report.issues.map((i) => [i.line, i.outcome, i.field])).toEqual([
      [3, 'invalid', 'counter'],
      [5, 'invalid', 'record'],
      [6, 'invalid', 'record'],
    ]);
    expect(await target.get(bad.id)).toBeNull();
  });

  it('reports a credential ID stored for someone else as a conflict, and keeps what is stored', async () => {
    const mine = passkey({ userId: 'owner' });
    const target = await filled([mine]);
    const theirs = { ...passkey({ userId: 'intruder' }), id: mine.id };
    const report = await importPasskeys(target, [HEADER, line(theirs)]);
    expect(report).toMatchObject({ created: 0, present: 0, conflict: 1 });
    expect(report.issues[0]).toMatchObject({ line: 2, outcome: 'conflict', id: mine.id });
    expect(await target.get(mine.id)).toEqual(mine);
  });

  it('lists at most maxIssues lines, with exact counts', async () => {
    const lines = [HEADER, ...Array.from({ length: 30 }, () => '{}')];
    const report = await importPasskeys(createMemoryPasskeyStore(), lines, { maxIssues: 5 });
    expect(report).toMatchObject({ invalid: 30, issuesTruncated: true });
    expect(report.issues.map((i) => i.line)).toEqual([2, 3, 4, 5, 6]);
  });

  it('refuses input that is not an export of this version before writing anything', async () => {
    const p = passkey();
    const cases: [string[], string][] = [
      [[line(p)], 'format'],
      [['{"format":"other","version":1}', line(p)], 'format'],
      [['{"format":"acme-passkeys","version":2}', line(p)], 'version'],
      [['not json', line(p)], 'format'],
    ];
    for (const [lines, field] of cases) {
      const target = createMemoryPasskeyStore();
      await expect(importPasskeys(target, lines)).rejects.toMatchObject({
        code: 'INVALID_REQUEST',
        details: { line: 1, field },
      });
      expect(await target.get(p.id)).toBeNull();
    }
    await expect(
      importPasskeys(createMemoryPasskeyStore(), [`${HEADER}\n${line(p)}\n`]),
    ).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
    });
  });

  it('refuses bad options with INVALID_REQUEST', async () => {
    const store = createMemoryPasskeyStore();
    for (const options of [
      { maxPerUser: 0 },
      { maxPerUser: 1.5 },
      { maxIssues: -1 },
      { concurrency: 0 },
      { concurrency: 65 },
      { format: 'csv' as never },
    ]) {
      await expect(importPasskeys(store, [HEADER], options)).rejects.toMatchObject({
        code: 'INVALID_REQUEST',
      });
    }
    await expect(collect(exportPasskeys(store, { pageSize: 0 }))).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
    });
    const { scan: _, ...noScan } = store;
    await expect(collect(exportPasskeys(noScan))).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
  });
});
