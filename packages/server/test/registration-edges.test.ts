/**
 * Registration options at the edges: the display name (absent, or longer than 256 characters), the
 * extensions asked for, the passkeys to exclude, the event when the limit is reached; and the PRF
 * support a client reports.
 */
import { describe, expect, it } from 'vitest';
import { alice, authenticator, ORIGIN, register, rejectsWith, setup } from './helpers';

const start = (s: ReturnType<typeof setup>, user: Record<string, unknown>) =>
  s.server.startRegistration({
    user: user as typeof alice,
    lastVerifiedAt: s.clock.now,
    lastVerifiedWith: 'second-factor',
  });

describe('startRegistration at the edges', () => {
  it('shows the name when no display name is given, and cuts a display name to 256 characters', async () => {
    const s = setup();
    const plain = await start(s, { id: alice.id, name: 'alice@example.com' });
    expect(plain.options.user.displayName).toBe('alice@example.com');
    const long = await start(s, { id: alice.id, name: 'alice', displayName: 'A'.repeat(300) });
    expect(long.options.user.displayName).toBe('A'.repeat(256));
  });

  it('asks for credProps, and excludes the user’s passkeys as public-key credentials', async () => {
    const s = setup();
    const auth = authenticator();
    const passkey = await register(s, auth);
    const { options } = await start(s, alice);
    expect(options.extensions).toEqual({ credProps: true });
    expect(options.excludeCredentials).toEqual([
      { id: passkey.id, type: 'public-key', transports: passkey.transports },
    ]);
  });

  it('tells who reached the limit', async () => {
    const s = setup({ policy: { maxPasskeysPerUser: 1 } });
    await register(s, authenticator());
    await rejectsWith(start(s, alice), 'PASSKEY_LIMIT_REACHED');
    expect(s.events.filter((e) => e.type === 'passkey.limit_reached')).toEqual([
      expect.objectContaining({ type: 'passkey.limit_reached', userId: alice.id }),
    ]);
  });

  it('tells who reached the limit when two ceremonies raced to it, at the finish', async () => {
    const s = setup({ policy: { maxPasskeysPerUser: 1 } });
    const [one, two] = [await start(s, alice), await start(s, alice)];
    const finish = async (started: typeof one) => {
      const response = await authenticator().create(started.options, { origin: ORIGIN });
      return s.server.finishRegistration({ ceremonyId: started.ceremonyId, userId: alice.id, response });
    };
    await expect(finish(one)).resolves.toHaveProperty('passkey');
    await rejectsWith(finish(two), 'PASSKEY_LIMIT_REACHED');
    expect(s.events.filter((e) => e.type === 'passkey.limit_reached')).toEqual([
      expect.objectContaining({ type: 'passkey.limit_reached', userId: alice.id }),
    ]);
    expect(await s.store.listByUser(alice.id)).toHaveLength(1);
  });

  it('reports a refused finish for the user it names, and for no one when the name is not text', async () => {
    const s = setup();
    const failed = () => s.events.filter((e) => e.type === 'ceremony.failed').at(-1);
    await rejectsWith(
      s.server.finishRegistration({ ceremonyId: 'x', userId: alice.id, response: {} } as never),
      'INVALID_REQUEST',
    );
    expect(failed()).toMatchObject({ userId: alice.id, code: 'INVALID_REQUEST' });
    await rejectsWith(
      s.server.finishRegistration({ ceremonyId: 'x', userId: 42, response: {} } as never),
      'INVALID_REQUEST',
    );
    expect(failed()).toMatchObject({ code: 'INVALID_REQUEST' });
    expect(failed()).not.toHaveProperty('userId');
    await rejectsWith(s.server.finishRegistration(undefined as never), 'INVALID_REQUEST');
    expect(failed()).toMatchObject({ code: 'INVALID_REQUEST' });
    expect(failed()).not.toHaveProperty('userId');
  });
});

describe('PRF support as the client reports it at creation', () => {
  it('counts results evaluated at creation only when enabled is not given, and never null results', async () => {
    const cases: Array<[unknown, boolean]> = [
      [{ prf: { results: { first: 'AAAA' } } }, true],
      [{ prf: { enabled: false, results: { first: 'AAAA' } } }, false],
      [{ prf: { results: null } }, false],
      [{ prf: { results: 'AAAA' } }, false],
      [{ prf: {} }, false],
      [{}, false],
    ];
    for (const [clientExtensionResults, expected] of cases) {
      const s = setup();
      const auth = authenticator();
      const { ceremonyId, options } = await start(s, alice);
      const response = await auth.create(options, { origin: ORIGIN });
      await s.server.finishRegistration({
        ceremonyId,
        userId: alice.id,
        response: { ...response, clientExtensionResults } as typeof response,
      });
      expect((await s.store.listByUser(alice.id))[0]?.prf, JSON.stringify(clientExtensionResults)).toBe(
        expected,
      );
    }
  });
});

describe('a denied authenticator model', () => {
  it('is AUTHENTICATOR_NOT_ALLOWED naming the AAGUID, so a page can say which model', async () => {
    const yubikey = 'cb69481e-8ff7-4039-93ec-0a2729a154a8';
    const s = setup({ policy: { authenticators: { deny: [yubikey] } } });
    await expect(register(s, authenticator({ aaguid: yubikey }))).rejects.toMatchObject({
      code: 'AUTHENTICATOR_NOT_ALLOWED',
      details: { aaguid: yubikey },
    });
  });
});
