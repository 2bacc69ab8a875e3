import {
  SettingsService,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AlgorithmName,
  type AttestationFormatName,
  createAttestationCa,
  createSoftwareAuthenticator,
} from '../src/index';
import { authenticationOptions, ORIGIN, RP_ID, registrationOptions } from './helpers';

const ca = createAttestationCa();
const AAGUID = 'c5ef55ff-ad9a-4b9f-b580-adebafe026d0';

const combinations: [AlgorithmName, AttestationFormatName, string][] = [
  ['ES256', 'none', 'none'],
  ['ES256', 'packed-self', 'packed'],
  ['ES256', 'packed-x5c', 'packed'],
  ['ES256', 'fido-u2f', 'fido-u2f'],
  ['EdDSA', 'none', 'none'],
  ['EdDSA', 'packed-self', 'packed'],
  ['EdDSA', 'packed-x5c', 'packed'],
  ['RS256', 'none', 'none'],
  ['RS256', 'packed-self', 'packed'],
  ['RS256', 'packed-x5c', 'packed'],
];

beforeAll(() => {
  // The verifier only accepts x5c chains that end at our root.
  SettingsService.setRootCertificates({ identifier: 'packed', certificates: [ca.rootCertificatePem] });
  SettingsService.setRootCertificates({ identifier: 'fido-u2f', certificates: [ca.rootCertificatePem] });
});

afterAll(() => {
  SettingsService.setRootCertificates({ identifier: 'packed', certificates: [] });
  SettingsService.setRootCertificates({ identifier: 'fido-u2f', certificates: [] });
});

describe.each(combinations)('%s with %s attestation', (algorithm, attestation, fmt) => {
  it('registers, then signs in twice with an increasing counter', async () => {
    const authenticator = createSoftwareAuthenticator({ algorithm, attestation, ca, aaguid: AAGUID });
    const options = await registrationOptions();
    const response = await authenticator.create(options, { origin: ORIGIN });
    const registration = await verifyRegistrationResponse({
      response,
      expectedChallenge: options.challenge,
      expectedOrigin: ORIGIN,
      expectedRPID: RP_ID,
    });
    expect(registration.verified).toBe(true);
    const info = registration.registrationInfo!;
    expect(info.fmt).toBe(fmt);
    expect(info.aaguid).toBe(attestation === 'fido-u2f' ? '00000000-0000-0000-0000-000000000000' : AAGUID);
    expect(info.credential.id).toBe(response.id);

    let credential = info.credential;
    for (const expectedCounter of [1, 2]) {
      const request = await authenticationOptions([credential.id]);
      const assertion = await authenticator.get(request, { origin: ORIGIN });
      const result = await verifyAuthenticationResponse({
        response: assertion,
        expectedChallenge: request.challenge,
        expectedOrigin: ORIGIN,
        expectedRPID: RP_ID,
        credential,
      });
      expect(result.verified).toBe(true);
      expect(result.authenticationInfo.newCounter).toBe(expectedCounter);
      credential = { ...credential, counter: result.authenticationInfo.newCounter };
    }
  });
});
