import { verifyAuthenticationResponse, verifyRegistrationResponse } from '@simplewebauthn/server';
import { describe, expect, it } from 'vitest';
import {
  AuthenticatorError,
  type AuthenticatorErrorCode,
  type CreationOptionsJSON,
  createSoftwareAuthenticator,
} from '../src/index';
import { authenticationOptions, ORIGIN, RP_ID, registrationOptions } from './helpers';

/** Minimal creation options, written by hand as a non-SimpleWebAuthn RP would. */
function creation(overrides: Partial<CreationOptionsJSON> = {}): CreationOptionsJSON {
  return {
    rp: { id: RP_ID, name: 'Example' },
    user: { id: 'dXNlci0x', name: 'alice', displayName: 'Alice' },
    challenge: 'Y2hhbGxlbmdl',
    pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
    authenticatorSelection: { residentKey: 'required' },
    ...overrides,
  };
}

const params = (...algs: number[]) => algs.map((alg) => ({ type: 'public-key', alg }));

async function codeOf(promise: Promise<unknown>): Promise<AuthenticatorErrorCode | 'resolved'> {
  try {
    await promise;
    return 'resolved';
  } catch (err) {
    if (err instanceof AuthenticatorError) return err.code;
    throw err;
  }
}

describe('algorithm choice', () => {
  it.each([
    { preferred: 'ES256', offered: [-257], chosen: -257 },
    { preferred: 'RS256', offered: [-8, -7], chosen: -8 },
    { preferred: 'EdDSA', offered: [-7, -8, -257], chosen: -8 },
    { preferred: 'EdDSA', offered: [], chosen: -7 },
    { preferred: 'RS256', offered: [-999, -257], chosen: -257 },
  ] as const)('prefers $preferred; offered $offered → $chosen', async ({ preferred, offered, chosen }) => {
    const authenticator = createSoftwareAuthenticator({ algorithm: preferred });
    const response = await authenticator.create(creation({ pubKeyCredParams: params(...offered) }), {
      origin: ORIGIN,
    });
    expect(response.response.publicKeyAlgorithm).toBe(chosen);
    expect(authenticator.credentials[0]?.coseAlgorithm).toBe(chosen);
  });

  it('refuses when no offered algorithm is supported', async () => {
    const authenticator = createSoftwareAuthenticator();
    const call = authenticator.create(creation({ pubKeyCredParams: params(-35, -36) }), { origin: ORIGIN });
    expect(await codeOf(call)).toBe('NotSupportedError');
  });

  it('keeps fido-u2f to ES256', async () => {
    const u2f = createSoftwareAuthenticator({ attestation: 'fido-u2f' });
    expect(await codeOf(u2f.create(creation({ pubKeyCredParams: params(-8) }), { origin: ORIGIN }))).toBe(
      'NotSupportedError',
    );
    const misconfigured = createSoftwareAuthenticator({ attestation: 'fido-u2f', algorithm: 'EdDSA' });
    expect(await codeOf(misconfigured.create(creation(), { origin: ORIGIN }))).toBe('ConstraintError');
  });
});

describe('origin and RP ID', () => {
  it.each([
    { origin: 'https://example.com', rpId: 'example.com', code: 'resolved' },
    { origin: 'https://login.example.com', rpId: 'example.com', code: 'resolved' },
    { origin: 'http://localhost:3000', rpId: 'localhost', code: 'resolved' },
    { origin: 'android:apk-key-hash:abc123', rpId: 'example.com', code: 'resolved' },
    { origin: 'https://evil.example', rpId: 'example.com', code: 'SecurityError' },
    { origin: 'https://notexample.com', rpId: 'example.com', code: 'SecurityError' },
    { origin: 'http://example.com', rpId: 'example.com', code: 'SecurityError' },
    { origin: 'not an origin', rpId: 'example.com', code: 'SecurityError' },
  ])('$origin for RP ID $rpId → $code', async ({ origin, rpId, code }) => {
    const authenticator = createSoftwareAuthenticator();
    const options = creation({ rp: { id: rpId, name: 'Example' } });
    expect(await codeOf(authenticator.create(options, { origin }))).toBe(code);
  });

  it('defaults the RP ID to the origin host', async () => {
    const authenticator = createSoftwareAuthenticator();
    await authenticator.create(creation({ rp: { name: 'Example' } }), { origin: 'https://shop.example.com' });
    expect(authenticator.credentials[0]?.rpId).toBe('shop.example.com');
  });
});

describe('credential selection', () => {
  it('refuses a registration excluded by excludeCredentials', async () => {
    const authenticator = createSoftwareAuthenticator();
    const first = await authenticator.create(creation(), { origin: ORIGIN });
    const again = creation({ excludeCredentials: [{ id: first.id, type: 'public-key' }] });
    expect(await codeOf(authenticator.create(again, { origin: ORIGIN }))).toBe('InvalidStateError');
  });

  it('signs in usernameless with a discoverable credential and returns its user handle', async () => {
    const authenticator = createSoftwareAuthenticator();
    const options = await registrationOptions();
    await authenticator.create(options, { origin: ORIGIN });
    const assertion = await authenticator.get(await authenticationOptions(), { origin: ORIGIN });
    expect(assertion.response.userHandle).toBe(options.user.id);
  });

  it('needs allowCredentials for a non-discoverable credential, and returns no user handle', async () => {
    const authenticator = createSoftwareAuthenticator();
    const made = await authenticator.create(
      creation({ authenticatorSelection: { residentKey: 'discouraged' } }),
      {
        origin: ORIGIN,
      },
    );
    expect(authenticator.credentials[0]?.discoverable).toBe(false);
    expect(await codeOf(authenticator.get(await authenticationOptions(), { origin: ORIGIN }))).toBe(
      'NotAllowedError',
    );
    const assertion = await authenticator.get(await authenticationOptions([made.id]), { origin: ORIGIN });
    expect(assertion.id).toBe(made.id);
    expect(assertion.response.userHandle).toBeUndefined();
  });

  it('refuses unknown credentials and other RPs with NotAllowedError', async () => {
    const authenticator = createSoftwareAuthenticator();
    await authenticator.create(creation(), { origin: ORIGIN });
    const unknown = await authenticationOptions(['AAAA']);
    expect(await codeOf(authenticator.get(unknown, { origin: ORIGIN }))).toBe('NotAllowedError');
    const otherRp = { challenge: 'Y2hhbGxlbmdl', rpId: 'other.example' };
    expect(await codeOf(authenticator.get(otherRp, { origin: 'https://other.example' }))).toBe(
      'NotAllowedError',
    );
  });

  it('uses the credential the call picks, and forgets removed ones', async () => {
    const authenticator = createSoftwareAuthenticator();
    const a = await authenticator.create(creation(), { origin: ORIGIN });
    const b = await authenticator.create(
      creation({ user: { id: 'dXNlci0y', name: 'bob', displayName: 'Bob' } }),
      {
        origin: ORIGIN,
      },
    );
    const request = await authenticationOptions();
    expect((await authenticator.get(request, { origin: ORIGIN })).id).toBe(a.id);
    expect((await authenticator.get(request, { origin: ORIGIN, credentialId: b.id })).id).toBe(b.id);
    expect(authenticator.remove(a.id)).toBe(true);
    expect(authenticator.remove(a.id)).toBe(false);
    expect(authenticator.credentials.map((c) => c.id)).toEqual([b.id]);
    expect(await codeOf(authenticator.get(request, { origin: ORIGIN, credentialId: a.id }))).toBe(
      'NotAllowedError',
    );
  });
});

describe('counter', () => {
  it('starts where told, increments per use, and a counter fault leaves the stored value alone', async () => {
    const authenticator = createSoftwareAuthenticator({ counter: { start: 41, increment: 2 } });
    const made = await authenticator.create(creation(), { origin: ORIGIN });
    const request = await authenticationOptions([made.id]);
    expect(authenticator.credentials[0]?.counter).toBe(41);
    await authenticator.get(request, { origin: ORIGIN });
    expect(authenticator.credentials[0]?.counter).toBe(43);
    await authenticator.get(request, { origin: ORIGIN, faults: { counter: 3 } });
    expect(authenticator.credentials[0]?.counter).toBe(43);
    authenticator.setCounter(made.id, 100);
    expect(authenticator.credentials[0]?.counter).toBe(100);
    expect(() => authenticator.setCounter(made.id, -1)).toThrow(AuthenticatorError);
  });

  it('models a counterless authenticator (always 0), which the verifier accepts', async () => {
    const authenticator = createSoftwareAuthenticator({ counter: { increment: 0 } });
    const options = await registrationOptions();
    const response = await authenticator.create(options, { origin: ORIGIN });
    const { registrationInfo } = await verifyRegistrationResponse({
      response,
      expectedChallenge: options.challenge,
      expectedOrigin: ORIGIN,
      expectedRPID: RP_ID,
    });
    const request = await authenticationOptions([response.id]);
    const result = await verifyAuthenticationResponse({
      response: await authenticator.get(request, { origin: ORIGIN }),
      expectedChallenge: request.challenge,
      expectedOrigin: ORIGIN,
      expectedRPID: RP_ID,
      credential: registrationInfo!.credential,
    });
    expect(result).toMatchObject({ verified: true, authenticationInfo: { newCounter: 0 } });
  });
});

describe('reported properties', () => {
  it.each([
    { attachment: 'platform', transports: ['internal'] },
    { attachment: 'cross-platform', transports: ['usb'] },
  ] as const)('$attachment defaults to transports $transports', async ({ attachment, transports }) => {
    const authenticator = createSoftwareAuthenticator({ attachment });
    const response = await authenticator.create(creation(), { origin: ORIGIN });
    expect(response.authenticatorAttachment).toBe(attachment);
    expect(response.response.transports).toEqual(transports);
  });

  it('answers credProps with whether the credential is discoverable', async () => {
    const authenticator = createSoftwareAuthenticator({ discoverable: false });
    const response = await authenticator.create(creation({ extensions: { credProps: true } }), {
      origin: ORIGIN,
    });
    expect(response.clientExtensionResults).toEqual({ credProps: { rk: false } });
  });

  it('reports a backed-up multi-device credential through BE and BS', async () => {
    const authenticator = createSoftwareAuthenticator({ flags: { be: true, bs: true } });
    const options = await registrationOptions();
    const response = await authenticator.create(options, { origin: ORIGIN });
    const { registrationInfo } = await verifyRegistrationResponse({
      response,
      expectedChallenge: options.challenge,
      expectedOrigin: ORIGIN,
      expectedRPID: RP_ID,
    });
    expect(registrationInfo).toMatchObject({ credentialDeviceType: 'multiDevice', credentialBackedUp: true });
  });

  it('overrides or drops the user handle on request', async () => {
    const authenticator = createSoftwareAuthenticator();
    await authenticator.create(creation(), { origin: ORIGIN });
    const request = await authenticationOptions();
    const swapped = await authenticator.get(request, { origin: ORIGIN, faults: { userHandle: 'b3RoZXI' } });
    expect(swapped.response.userHandle).toBe('b3RoZXI');
    const dropped = await authenticator.get(request, { origin: ORIGIN, faults: { userHandle: null } });
    expect(dropped.response).not.toHaveProperty('userHandle');
  });

  it('rejects a malformed AAGUID', async () => {
    const authenticator = createSoftwareAuthenticator({ aaguid: 'not-a-guid' });
    expect(await codeOf(authenticator.create(creation(), { origin: ORIGIN }))).toBe('ConstraintError');
  });
});
