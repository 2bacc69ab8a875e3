/**
 * Passkeys moved between real stores keep working: what is exported from the target is the
 * source's export byte for byte, a second import changes nothing, and a user signs in on the
 * target with the authenticator they registered on the source — while a replayed older counter
 * is still refused, since the counter moved with the passkey.
 */
import type { Passkey } from '@acme/passkey-core';
import { samplePasskey } from '@acme/passkey-core/testing';
import type { SoftwareAuthenticator } from '@acme/passkey-testing';
import { afterAll, describe, expect, it } from 'vitest';
import { exportPasskeys, importPasskeys } from '../src/index';
import { credentialOf } from './keys';
import { type OpenStore, type StoreKind, storeKinds } from './stores';
import { authenticator, enrol, passkeyServer, signIn } from './world';

const kinds = await storeKinds();
afterAll(async () => {
  for (const kind of Object.values(kinds)) await kind.end();
});

const PAIRS: [StoreKind['name'], StoreKind['name']][] = [
  ['memory', 'PGlite'],
  ['PGlite', 'PostgreSQL'],
  ['memory', 'PostgreSQL'],
  ['PostgreSQL', 'MySQL'],
  ['MySQL', 'PGlite'],
];

const collect = async (lines: AsyncIterable<string>) => {
  const out: string[] = [];
  for await (const line of lines) out.push(line);
  return out.join('');
};

/** A source with passkeys made by real registrations and sign-ins, and some at the edges of each field. */
async function populate(source: OpenStore) {
  const server = passkeyServer(source.store);
  const users = { alice: [authenticator(), authenticator()], bob: [authenticator()] };
  for (const [userId, auths] of Object.entries(users))
    for (const auth of auths) await enrol(server, auth, userId);
  const [alicePhone] = users.alice as [SoftwareAuthenticator];
  for (let i = 0; i < 3; i++) await signIn(server, alicePhone); // its counter: 1 at registration, now 4
  const edge = await credentialOf('RS256');
  const edges: Passkey[] = [
    samplePasskey({
      publicKey: edge.publicKey,
      algorithm: -257,
      counter: 4_294_967_295,
      name: 'Clé de Zoë ✓',
      prf: true,
    }),
    samplePasskey({
      publicKey: edge.publicKey,
      algorithm: -257,
      transports: [],
      attachment: null,
      deviceType: 'singleDevice',
      backedUp: false,
      userVerified: true,
      lastUsedAt: new Date('2026-02-03T04:05:06.789Z'),
    }),
  ];
  for (const p of edges) expect(await source.store.create(p, { maxPerUser: 10 })).toBe('created');
  return { alicePhone, count: 3 + edges.length };
}

describe.each(PAIRS)('%s → %s', (from, to) => {
  const skip = kinds[from].skip || kinds[to].skip;

  // A cold PGlite start and RSA key generation take seconds on a busy machine.
  it.skipIf(skip)(
    'moves every passkey exactly, once, and they still sign in',
    { timeout: 120_000 },
    async () => {
      const source = await kinds[from].open();
      const target = await kinds[to].open();
      try {
        const { alicePhone, count } = await populate(source);
        const exported = await collect(exportPasskeys(source.store, { pageSize: 2 }));
        expect(exported.split('\n')).toHaveLength(count + 2); // header, passkeys, final newline

        expect(await importPasskeys(target.store, exported.split('\n'))).toMatchObject({
          created: count,
          present: 0,
          issues: [],
        });
        expect(await collect(exportPasskeys(target.store))).toBe(exported);
        expect(await importPasskeys(target.store, exportPasskeys(source.store))).toMatchObject({
          created: 0,
          present: count,
        });
        expect(await collect(exportPasskeys(target.store))).toBe(exported);

        const server = passkeyServer(target.store);
        const [credential] = alicePhone.credentials;
        expect((await target.store.get(credential!.id))?.counter).toBe(4);
        expect(await signIn(server, alicePhone)).toMatchObject({
          userId: 'alice',
          passkey: { id: credential!.id },
        });
        expect((await target.store.get(credential!.id))?.counter).toBe(5);
        // A response carrying a counter the source had already seen: refused as on the source.
        await expect(signIn(server, alicePhone, { counter: 4 })).rejects.toMatchObject({
          code: 'COUNTER_REGRESSION',
        });
      } finally {
        await source.close();
        await target.close();
      }
    },
  );
});
