import { decodeCbor } from '@acme/passkey-testing';
import { isoCBOR } from '@simplewebauthn/server/helpers';
import { describe, expect, it } from 'vitest';
import { createPasskeyHandler } from '../src/index';
import { alice, authenticator, bob, ORIGIN, register, rejectsWith, setup } from './helpers';

const users: Record<string, { id: string }> = { alice: { id: alice.id }, bob: { id: bob.id } };
const findUser = (name: string) => users[name] ?? null;

async function signInAs(
  s: ReturnType<typeof setup>,
  username: string,
  auth: ReturnType<typeof authenticator>,
) {
  const { ceremonyId, options } = await s.server.startAuthentication({ username });
  const response = await auth.get(options, { origin: ORIGIN });
  return s.server.finishAuthentication({ ceremonyId, response });
}

describe('username sign-in, discoverable (the default)', () => {
  it('is public API on the server: options shaped exactly as a usernameless sign-in, for any name', async () => {
    const s = setup({ findUser });
    await register(s, authenticator());
    const shape = (o: object) => JSON.stringify({ ...o, challenge: undefined });
    const usernameless = shape((await s.server.startAuthentication()).options);
    for (const username of ['alice', 'bob', 'mallory']) {
      const { options } = await s.server.startAuthentication({ username });
      expect(shape(options), username).toBe(usernameless);
      expect(options).not.toHaveProperty('allowCredentials');
    }
  });

  it('§7.2 step 6: binds the ceremony to the typed user: their passkey signs in, anyone else’s is CREDENTIAL_NOT_FOUND', async () => {
    const s = setup({ findUser });
    const alices = authenticator();
    await register(s, alices);
    const bobs = authenticator();
    await register(s, bobs, bob);
    await expect(signInAs(s, 'alice', alices)).resolves.toMatchObject({ userId: alice.id });
    await rejectsWith(signInAs(s, 'alice', bobs), 'CREDENTIAL_NOT_FOUND');
    // A name no one has is bound to no one: even a real passkey is refused, as for a wrong user.
    await rejectsWith(signInAs(s, 'mallory', alices), 'CREDENTIAL_NOT_FOUND');
  });

  it('takes findUser answering undefined for no one, as it takes null', async () => {
    const s = setup({ findUser: (name) => (name === 'alice' ? users.alice : undefined) as never });
    const alices = authenticator();
    await register(s, alices);
    await expect(signInAs(s, 'alice', alices)).resolves.toMatchObject({ userId: alice.id });
    await rejectsWith(signInAs(s, 'mallory', alices), 'CREDENTIAL_NOT_FOUND');
  });

  it('asks the app through normalizeUsername, so spellings of one name are one name', async () => {
    const asked: string[] = [];
    const s = setup({
      findUser: (name) => {
        asked.push(name);
        return findUser(name);
      },
      normalizeUsername: (name) => name.trim().toLowerCase(),
    });
    const alices = authenticator();
    await register(s, alices);
    await expect(signInAs(s, '  ALICE ', alices)).resolves.toMatchObject({ userId: alice.id });
    expect(asked).toEqual(['alice']);
  });

  it('refuses a username without findUser, with userId, or with autofill', async () => {
    await rejectsWith(setup().server.startAuthentication({ username: 'alice' }), 'INVALID_REQUEST');
    const s = setup({ findUser });
    await rejectsWith(
      s.server.startAuthentication({ username: 'alice', userId: alice.id }),
      'INVALID_REQUEST',
    );
    await rejectsWith(
      s.server.startAuthentication({ username: 'alice', mediation: 'conditional' }),
      'INVALID_REQUEST',
    );
  });

  it('refuses NUL, other controls and lone surrogates before findUser ever runs, on the server and over HTTP', async () => {
    let asked = 0;
    const s = setup({
      findUser: (name) => {
        asked++;
        return findUser(name);
      },
    });
    const handle = createPasskeyHandler(s.server, { getSession: () => null });
    for (const username of [
      'a\u0000b',
      'line\nbreak',
      'tab\there',
      '\u007f',
      'x\ud800',
      '\udc00y',
      ' ',
      '',
      'x'.repeat(257),
    ]) {
      await rejectsWith(s.server.startAuthentication({ username }), 'INVALID_REQUEST');
      const res = await handle(
        new Request(`${ORIGIN}/passkeys/login/options`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username }),
        }),
      );
      expect(res?.status, JSON.stringify(username)).toBe(400);
    }
    expect(asked).toBe(0);
    await expect(s.server.startAuthentication({ username: 'Ünïcödé@例え.jp' })).resolves.toHaveProperty(
      'ceremonyId',
    );
  });

  it('takes findUser and normalizeUsername only in the server’s config, never as handler options', () => {
    const s = setup({ findUser });
    for (const moved of ['findUser', 'normalizeUsername']) {
      expect(() =>
        createPasskeyHandler(s.server, { getSession: () => null, [moved]: () => null } as never),
      ).toThrow(TypeError);
    }
  });
});

/** Rewrites a `none` registration so that its credential ID is `id` (an attacker's own client can). */
function withCredentialId(
  response: Awaited<ReturnType<ReturnType<typeof authenticator>['create']>>,
  id: string,
) {
  const object = decodeCbor(Buffer.from(response.response.attestationObject, 'base64url')) as Map<
    string,
    unknown
  >;
  const authData = Buffer.from(object.get('authData') as Uint8Array);
  const oldLength = authData.readUInt16BE(53);
  const raw = Buffer.from(id, 'base64url');
  const length = Buffer.alloc(2);
  length.writeUInt16BE(raw.length);
  const rebuilt = Buffer.concat([authData.subarray(0, 53), length, raw, authData.subarray(55 + oldLength)]);
  const attestationObject = isoCBOR.encode(
    new Map<string, unknown>([
      ['fmt', 'none'],
      ['attStmt', new Map()],
      ['authData', rebuilt],
    ]) as never,
  );
  return {
    ...response,
    id,
    rawId: id,
    response: {
      ...response.response,
      attestationObject: Buffer.from(attestationObject).toString('base64url'),
    },
  };
}

describe("username sign-in, 'allow-credentials' (for security keys without discoverable credentials)", () => {
  const allow = { usernameSignIn: 'allow-credentials' as const };

  it('refuses a ceremony on fake IDs as forged, even when someone registered a credential under a fake ID', async () => {
    const s = setup({ findUser, policy: allow, secret: 'a-shared-secret-of-32-characters' });
    // The attacker reads the fake IDs answered for an unknown name...
    const probe = await s.server.startAuthentication({ username: 'mallory' });
    const fakeId = probe.options.allowCredentials?.[0]?.id as string;
    // ...registers a credential of their own under that very ID, in their own account...
    const attackers = authenticator();
    const start = await s.server.startRegistration({ user: bob, lastVerifiedAt: s.clock.now });
    const created = await attackers.create(start.options, { origin: ORIGIN });
    await s.server.finishRegistration({
      ceremonyId: start.ceremonyId,
      userId: bob.id,
      response: withCredentialId(created, fakeId),
    });
    expect((await s.store.get(fakeId))?.userId).toBe(bob.id);
    // ...and answers a sign-in for the unknown name with it: refused as forged, never signed in.
    const { ceremonyId, options } = await s.server.startAuthentication({ username: 'mallory' });
    expect(options.allowCredentials?.map((c) => c.id)).toContain(fakeId);
    const assertion = await attackers.get(
      { ...options, allowCredentials: [{ id: created.id, type: 'public-key' }] },
      { origin: ORIGIN },
    );
    const response = { ...assertion, id: fakeId, rawId: fakeId };
    // The forged answer is the same as for a wrong signature on a real passkey.
    await rejectsWith(s.server.finishAuthentication({ ceremonyId, response }), 'VERIFICATION_FAILED');
    expect(s.events.filter((e) => e.type === 'passkey.authenticated')).toHaveLength(0);
  });

  it('draws fake list sizes from 1 to the limit, as real accounts have them', async () => {
    const s = setup({ findUser, policy: allow });
    const sizes = new Map<number, number>();
    for (let i = 0; i < 400; i++) {
      const n =
        (await s.server.startAuthentication({ username: `nobody-${i}` })).options.allowCredentials?.length ??
        0;
      sizes.set(n, (sizes.get(n) ?? 0) + 1);
    }
    expect(Math.min(...sizes.keys())).toBe(1);
    expect(Math.max(...sizes.keys())).toBeGreaterThan(3);
    expect(Math.max(...sizes.keys())).toBeLessThanOrEqual(10);
    // Most accounts hold few passkeys: so do most fake answers.
    expect((sizes.get(1) ?? 0) + (sizes.get(2) ?? 0)).toBeGreaterThan(150);
  });

  it('names a known user’s real passkeys and signs them in', async () => {
    const s = setup({ findUser, policy: allow });
    const alices = authenticator();
    const view = await register(s, alices);
    const { options } = await s.server.startAuthentication({ username: 'alice' });
    expect(options.allowCredentials?.map((c) => c.id)).toEqual([view.id]);
    await expect(signInAs(s, 'alice', alices)).resolves.toMatchObject({ userId: alice.id });
  });
});

describe('a server without a secret', () => {
  it('warns once at start-up that fake answers change per process', () => {
    const warnings: string[] = [];
    setup({ secret: undefined, logger: { warn: (m) => warnings.push(m), error() {} } });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/secret/);
    const quiet: string[] = [];
    setup({ secret: 'a-shared-secret-of-32-characters', logger: { warn: (m) => quiet.push(m), error() {} } });
    expect(quiet).toEqual([]);
  });
});
