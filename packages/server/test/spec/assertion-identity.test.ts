/**
 * WebAuthn L3 §7.2 (verifying an authentication assertion), steps 1–7: the options, the response's
 * shape, and which credential and user it is for. Each refused response is otherwise genuine.
 */
import { describe, expect, it } from 'vitest';
import { resign } from '../advisories/forge';
import { alice, authenticator, bob, ORIGIN, register, rejectsWith, setup } from '../helpers';
import { assertion, unused } from './ceremony';

describe('WebAuthn L3 §7.2 steps 1–7: options, shape, credential and user', () => {
  it('§7.2 step 1: the options carry a fresh 32-byte challenge, the RP ID and required UV; a step-up’s challenge also binds its action', async () => {
    const s = setup();
    await register(s, authenticator());
    const [a, b] = await Promise.all([s.server.startAuthentication(), s.server.startAuthentication()]);
    expect(Buffer.from(a.options.challenge, 'base64url')).toHaveLength(32);
    expect(a.options.challenge).not.toBe(b.options.challenge);
    expect(a.options).toMatchObject({ rpId: 'example.com', userVerification: 'required' });
    const stepUp = await s.server.startStepUp({
      userId: alice.id,
      action: 'p2p.release',
      details: { orderId: '1' },
    });
    expect(Buffer.from(stepUp.options.challenge, 'base64url')).toHaveLength(48);
  });

  it('§7.2 step 3: a response that is not an assertion response is INVALID_REQUEST, and the ceremony survives', async () => {
    const a = await assertion();
    const { signature: _, ...unsigned } = a.response.response;
    for (const bad of [
      { ...a.response, response: unsigned },
      { ...a.response, type: 'otp' },
      { ...a.response, response: [] },
    ]) {
      await rejectsWith(a.finish(bad), 'INVALID_REQUEST');
    }
    await expect(a.finish()).resolves.toMatchObject({ userId: alice.id });
  });

  it('§7.2 step 4: clientExtensionResults must be an object', async () => {
    const a = await assertion();
    await rejectsWith(a.finish({ ...a.response, clientExtensionResults: [] }), 'INVALID_REQUEST');
    await expect(a.finish()).resolves.toMatchObject({ userId: alice.id });
  });

  it('§7.2 step 5: the user’s own passkey that the options did not list is CREDENTIAL_NOT_FOUND', async () => {
    const s = setup();
    await register(s, authenticator());
    const { ceremonyId, options } = await s.server.startAuthentication({ userId: alice.id });
    const later = authenticator();
    const passkey = await register(s, later);
    const request = { ...options, allowCredentials: [{ id: passkey.id, type: 'public-key' }] };
    const response = await later.get(request, { origin: ORIGIN });
    await rejectsWith(s.server.finishAuthentication({ ceremonyId, response }), 'CREDENTIAL_NOT_FOUND');
    await unused(s, passkey.id);
  });

  it('§7.2 step 6: usernameless, the user handle is required and must be the credential’s; for a known user, the credential and handle must be theirs', async () => {
    const other = Buffer.alloc(32, 7).toString('base64url');
    const missing = await assertion({ call: { faults: { userHandle: null } } });
    await rejectsWith(missing.finish(), 'VERIFICATION_FAILED');
    const foreign = await assertion({ call: { faults: { userHandle: other } } });
    await rejectsWith(foreign.finish(), 'CREDENTIAL_NOT_FOUND');
    const s = setup();
    const alices = authenticator();
    await register(s, alices);
    const { ceremonyId, options } = await s.server.startAuthentication({ userId: alice.id });
    const response = await alices.get(options, { origin: ORIGIN, faults: { userHandle: other } });
    await rejectsWith(s.server.finishAuthentication({ ceremonyId, response }), 'VERIFICATION_FAILED');
    const bobs = authenticator();
    await register(s, bobs, bob);
    const forBob = await s.server.startAuthentication({ userId: alice.id });
    const answer = await bobs.get({ ...forBob.options, allowCredentials: [] }, { origin: ORIGIN });
    await rejectsWith(
      s.server.finishAuthentication({ ceremonyId: forBob.ceremonyId, response: answer }),
      'CREDENTIAL_NOT_FOUND',
    );
  });

  it('§7.2 step 7: authenticator data and signature must decode: short, trailing bytes or empty are INVALID_REQUEST', async () => {
    const a = await assertion();
    const bad = [
      resign(a.auth, a.response, { authData: (d) => d.slice(0, 36) }),
      resign(a.auth, a.response, { authData: (d) => new Uint8Array([...d, 0]) }),
      { ...a.response, response: { ...a.response.response, signature: '' } },
      { ...a.response, response: { ...a.response.response, authenticatorData: 'not base64url!' } },
    ];
    for (const response of bad) await rejectsWith(a.finish(response), 'INVALID_REQUEST');
    await expect(a.finish()).resolves.toMatchObject({ userId: alice.id });
  });
});
