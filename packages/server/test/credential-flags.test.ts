import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { alice, authenticator, ORIGIN, register, rejectsWith, setup } from './helpers';

async function signIn(s: ReturnType<typeof setup>, auth: ReturnType<typeof authenticator>, flags: object) {
  const { ceremonyId, options } = await s.server.startAuthentication({ userId: alice.id });
  const response = await auth.get(options, { origin: ORIGIN, flags } as never);
  return s.server.finishAuthentication({ ceremonyId, response });
}

/**
 * An assertion whose authenticator data says `be` and `bs`, signed again by the credential's own
 * key: a real authenticator never changes BE, so this is what a cloned or broken one would send.
 */
async function signInClaiming(
  s: ReturnType<typeof setup>,
  auth: ReturnType<typeof authenticator>,
  claim: { be: boolean; bs: boolean },
) {
  const { ceremonyId, options } = await s.server.startAuthentication({ userId: alice.id });
  const response = await auth.get(options, { origin: ORIGIN });
  const authData = Buffer.from(response.response.authenticatorData, 'base64url');
  authData[32] = ((authData[32] as number) & ~0x18) | (claim.be ? 0x08 : 0) | (claim.bs ? 0x10 : 0);
  const clientDataHash = createHash('sha256')
    .update(Buffer.from(response.response.clientDataJSON, 'base64url'))
    .digest();
  const signature = await auth.sign(response.id, Buffer.concat([authData, clientDataHash]));
  const forged = {
    ...response,
    response: {
      ...response.response,
      authenticatorData: authData.toString('base64url'),
      signature: Buffer.from(signature).toString('base64url'),
    },
  };
  return s.server.finishAuthentication({ ceremonyId, response: forged });
}

describe('WebAuthn L3 §7.2 on flags, whatever the policy', () => {
  it('§7.1 step 14: records user verification at registration', async () => {
    const s = setup({ policy: { userVerification: 'preferred' } });
    const withUv = await register(s, authenticator({ flags: { uv: true } }));
    const withoutUv = await register(
      s,
      authenticator({ flags: { uv: false }, attachment: 'cross-platform' }),
    );
    expect((await s.store.get(withUv.id))?.userVerified).toBe(true);
    expect((await s.store.get(withoutUv.id))?.userVerified).toBe(false);
  });

  it('a passkey registered with user verification must verify the user on every use, even under preferred', async () => {
    const s = setup({ policy: { userVerification: 'preferred' } });
    const auth = authenticator({ flags: { uv: true } });
    await register(s, auth);
    await rejectsWith(signIn(s, auth, { uv: false }), 'USER_VERIFICATION_REQUIRED');
    await expect(signIn(s, auth, { uv: true })).resolves.toHaveProperty('userId', alice.id);
  });

  it('a key registered without user verification (U2F era) still signs in under preferred', async () => {
    const s = setup({ policy: { userVerification: 'preferred' } });
    const key = authenticator({ flags: { uv: false }, attachment: 'cross-platform' });
    await register(s, key);
    await expect(signIn(s, key, { uv: false })).resolves.toHaveProperty('userId', alice.id);
  });

  it('§7.2 step 16: refuses an assertion whose backup eligibility differs from registration, both ways', async () => {
    const s = setup();
    const synced = authenticator({ flags: { be: true, bs: true } });
    await register(s, synced);
    await rejectsWith(signInClaiming(s, synced, { be: false, bs: false }), 'VERIFICATION_FAILED');
    const bound = authenticator({ flags: { be: false, bs: false } });
    await register(s, bound);
    await rejectsWith(signInClaiming(s, bound, { be: true, bs: false }), 'VERIFICATION_FAILED');
    // The re-signing itself is sound: the same flags as registered are accepted.
    await expect(signInClaiming(s, bound, { be: false, bs: false })).resolves.toHaveProperty('userId');
    // The backup state (BS) may change while eligibility stays: a passkey gets synced later.
    await expect(signInClaiming(s, synced, { be: true, bs: false })).resolves.toHaveProperty('userId');
  });

  it('a refused flag change writes nothing: the counter and last use stay as they were', async () => {
    const s = setup();
    const synced = authenticator({ flags: { be: true, bs: true } });
    const view = await register(s, synced);
    const before = await s.store.get(view.id);
    await rejectsWith(signInClaiming(s, synced, { be: false, bs: false }), 'VERIFICATION_FAILED');
    expect(await s.store.get(view.id)).toEqual(before);
  });
});
