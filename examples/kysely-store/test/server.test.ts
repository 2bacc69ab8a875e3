/**
 * The Kysely stores behind a real passkey server: a passkey registered and used with the software
 * authenticator (real attestation and assertions), a replayed sign-in refused by the counter, a
 * ceremony taken once, and the limit held through the server.
 */
import { createPasskeyServer, isPasskeyError } from '@acme/passkey-server';
import { createSoftwareAuthenticator } from '@acme/passkey-testing';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PasskeyDatabase } from '../src/index';
import { freshStores, openDatabase, POSTGRES_URL, probe, shouldSkip } from './database';

const ORIGIN = 'https://example.com';
const problem = await probe();

describe.skipIf(shouldSkip(problem))(`a passkey server on the Kysely stores (${POSTGRES_URL})`, () => {
  let db: Kysely<PasskeyDatabase>;
  let stores: Awaited<ReturnType<typeof freshStores>>;

  beforeAll(async () => {
    if (problem !== null)
      throw new Error(`PostgreSQL is required but ${POSTGRES_URL} is unreachable: ${problem}`);
    db = openDatabase();
    stores = await freshStores(db);
  });
  afterAll(async () => {
    await stores?.close();
    await db?.destroy();
  });

  const server = () =>
    createPasskeyServer({
      rp: { id: 'example.com', name: 'Example' },
      origins: [ORIGIN],
      store: stores.store,
      challenges: stores.challenges,
      secret: 'kysely-example-secret-of-32-bytes',
      policy: { maxPasskeysPerUser: 2 },
      logger: { warn: () => {}, error: () => {} },
    });

  const codeOf = (promise: Promise<unknown>) =>
    promise.then(
      () => 'resolved',
      (err: unknown) => (isPasskeyError(err) ? err.code : 'not a PasskeyError'),
    );

  it('registers, signs in, refuses a replay and a reused ceremony, and holds the limit', async () => {
    const passkeys = server();
    const user = { id: `u-${crypto.randomUUID()}`, name: 'alice', displayName: 'Alice' };
    const verified = { lastVerifiedAt: new Date(), lastVerifiedWith: 'second-factor' as const };
    const authenticator = createSoftwareAuthenticator({
      attachment: 'platform',
      counter: { start: 1, increment: 1 },
    });

    const reg = await passkeys.startRegistration({ user, ...verified });
    const created = await authenticator.create(reg.options, { origin: ORIGIN });
    const { passkey } = await passkeys.finishRegistration({
      ceremonyId: reg.ceremonyId,
      userId: user.id,
      response: created,
    });
    expect((await passkeys.list(user.id)).passkeys.map((p) => p.id)).toEqual([passkey.id]);

    const login = await passkeys.startAuthentication();
    const assertion = await authenticator.get(login.options, { origin: ORIGIN });
    expect(
      await passkeys.finishAuthentication({ ceremonyId: login.ceremonyId, response: assertion }),
    ).toMatchObject({
      userId: user.id,
      passkey: { id: passkey.id },
    });
    // The same ceremony again: taken once. The same assertion in a new ceremony: its counter is spent.
    expect(
      await codeOf(passkeys.finishAuthentication({ ceremonyId: login.ceremonyId, response: assertion })),
    ).toBe('CEREMONY_NOT_FOUND');
    const again = await passkeys.startAuthentication();
    const stale = await authenticator.get(again.options, { origin: ORIGIN, faults: { counter: 1 } });
    expect(
      await codeOf(passkeys.finishAuthentication({ ceremonyId: again.ceremonyId, response: stale })),
    ).toBe('COUNTER_REGRESSION');

    // A second passkey fits under the limit of 2; a third does not.
    for (const expected of ['resolved', 'PASSKEY_LIMIT_REACHED']) {
      const other = createSoftwareAuthenticator({ attachment: 'cross-platform' });
      const start = passkeys.startRegistration({ user, ...verified });
      if (expected !== 'resolved') {
        expect(await codeOf(start)).toBe(expected);
        continue;
      }
      const { ceremonyId, options } = await start;
      const response = await other.create(options, { origin: ORIGIN });
      expect(await codeOf(passkeys.finishRegistration({ ceremonyId, userId: user.id, response }))).toBe(
        expected,
      );
    }
    expect((await passkeys.list(user.id)).passkeys).toHaveLength(2);
  });
});
