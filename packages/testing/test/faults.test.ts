import {
  SettingsService,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type WebAuthnCredential,
} from '@simplewebauthn/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AlgorithmName,
  type AttestationFormatName,
  type CreateCallOptions,
  createAttestationCa,
  createSoftwareAuthenticator,
  type GetCallOptions,
} from '../src/index';
import { authenticationOptions, ORIGIN, RP_ID, refused, registrationOptions } from './helpers';

const ca = createAttestationCa();

beforeAll(() => {
  SettingsService.setRootCertificates({ identifier: 'packed', certificates: [ca.rootCertificatePem] });
  SettingsService.setRootCertificates({ identifier: 'fido-u2f', certificates: [ca.rootCertificatePem] });
});

afterAll(() => {
  SettingsService.setRootCertificates({ identifier: 'packed', certificates: [] });
  SettingsService.setRootCertificates({ identifier: 'fido-u2f', certificates: [] });
});

type CallOverrides = Omit<CreateCallOptions, 'origin'> & Omit<GetCallOptions, 'origin'>;

/** A fault (or none) and whether the verifier must refuse the response. */
interface Row {
  name: string;
  call: CallOverrides;
  refuse: boolean;
}

const row = (name: string, call: CallOverrides, refuse = true): Row => ({ name, call, refuse });

const faults: Row[] = [
  row('no fault (control)', {}, false),
  row('wrong origin', { faults: { origin: 'https://evil.example' } }),
  row('rpIdHash of another RP', { faults: { rpId: 'evil.example' } }),
  row('another challenge', { faults: { challenge: 'c29tZS1vdGhlci1jaGFsbGVuZ2U' } }),
  row('UV false while verification is required', { flags: { uv: false } }),
  row('UP false', { flags: { up: false } }),
];

const signedFormats: [AlgorithmName, AttestationFormatName][] = [
  ['ES256', 'packed-self'],
  ['ES256', 'packed-x5c'],
  ['ES256', 'fido-u2f'],
  ['EdDSA', 'packed-self'],
  ['EdDSA', 'packed-x5c'],
  ['RS256', 'packed-self'],
  ['RS256', 'packed-x5c'],
];

async function register(algorithm: AlgorithmName, attestation: AttestationFormatName, call: CallOverrides) {
  const authenticator = createSoftwareAuthenticator({ algorithm, attestation, ca });
  const options = await registrationOptions();
  const response = await authenticator.create(options, { origin: ORIGIN, ...call });
  const verification = verifyRegistrationResponse({
    response,
    expectedChallenge: options.challenge,
    expectedOrigin: ORIGIN,
    expectedRPID: RP_ID,
    requireUserPresence: true,
    requireUserVerification: true,
  });
  return { authenticator, verification };
}

describe.each(signedFormats)('registration faults, %s with %s', (algorithm, attestation) => {
  it.each([
    ...faults,
    row('webauthn.get type in a registration', { faults: { type: 'webauthn.get' } }),
    row('flipped attestation signature', { faults: { badSignature: true } }),
  ])('$name → refused: $refuse', async ({ call, refuse }) => {
    const { verification } = await register(algorithm, attestation, call);
    expect(await refused(verification)).toBe(refuse);
  });
});

describe('registration trust', () => {
  it.each(['packed-x5c', 'fido-u2f'] as const)(
    'refuses %s chained to a root the verifier does not trust',
    async (attestation) => {
      const { verification } = await register('ES256', attestation, {});
      expect(await refused(verification)).toBe(false);
      const stranger = createSoftwareAuthenticator({ attestation, ca: createAttestationCa() });
      const options = await registrationOptions();
      const response = await stranger.create(options, { origin: ORIGIN });
      const untrusted = verifyRegistrationResponse({
        response,
        expectedChallenge: options.challenge,
        expectedOrigin: ORIGIN,
        expectedRPID: RP_ID,
      });
      expect(await refused(untrusted)).toBe(true);
    },
  );
});

describe.each(['ES256', 'EdDSA', 'RS256'] as const)('authentication faults, %s', (algorithm) => {
  async function signIn(call: CallOverrides) {
    const { authenticator, verification } = await register(algorithm, 'none', {});
    const info = (await verification).registrationInfo!;
    await authenticator.get(await authenticationOptions([info.credential.id]), { origin: ORIGIN });
    const credential: WebAuthnCredential = { ...info.credential, counter: 1 };
    const request = await authenticationOptions([info.credential.id]);
    const response = await authenticator.get(request, { origin: ORIGIN, ...call });
    return verifyAuthenticationResponse({
      response,
      expectedChallenge: request.challenge,
      expectedOrigin: ORIGIN,
      expectedRPID: RP_ID,
      credential,
      requireUserVerification: true,
    });
  }

  it.each([
    ...faults,
    row('webauthn.create type in a sign-in', { faults: { type: 'webauthn.create' } }),
    row('flipped signature', { faults: { badSignature: true } }),
    row('counter regressed below the stored one', { faults: { counter: 0 } }),
    row('counter replayed (equal to the stored one)', { faults: { counter: 1 } }),
  ])('$name → refused: $refuse', async ({ call, refuse }) => {
    expect(await refused(signIn(call))).toBe(refuse);
  });

  it('refuses a counter the authenticator was forced back to', async () => {
    const { authenticator, verification } = await register(algorithm, 'none', {});
    const info = (await verification).registrationInfo!;
    authenticator.setCounter(info.credential.id, 0);
    const request = await authenticationOptions([info.credential.id]);
    const response = await authenticator.get(request, { origin: ORIGIN });
    const result = verifyAuthenticationResponse({
      response,
      expectedChallenge: request.challenge,
      expectedOrigin: ORIGIN,
      expectedRPID: RP_ID,
      credential: { ...info.credential, counter: 7 },
    });
    expect(await refused(result)).toBe(true);
  });
});
