import { describe, expect, it } from 'vitest';
import { credential, throwsCode } from '../../test/webauthn/helpers';
import { parseRegistrationResponse } from './registration-response';

describe('parseRegistrationResponse', () => {
  it('decodes the attestation object once and keeps known transports only', async () => {
    const { registration, stored } = await credential('RS256', 'packed-self');
    const parsed = parseRegistrationResponse({
      ...registration,
      response: { ...registration.response, transports: ['usb', 'warp-drive', 'hybrid'] },
    });
    expect(parsed.attestation.fmt).toBe('packed');
    expect(parsed.attestation.publicKey).toMatchObject({ kty: 'RSA', alg: -257 });
    expect(parsed.attestation.authData.attested.publicKey).toEqual(stored.publicKey);
    expect(parsed.transports).toEqual(['usb', 'hybrid']);
    expect(parsed.json.response.transports).toEqual(['usb', 'hybrid']);
  });

  it('refuses malformed members with INVALID_REQUEST', async () => {
    const { registration } = await credential('ES256');
    const r = registration.response;
    for (const bad of [
      { ...registration, response: { ...r, attestationObject: undefined } },
      { ...registration, response: { ...r, attestationObject: 'o2Nm' } },
      { ...registration, response: { ...r, transports: 'usb' } },
      { ...registration, response: { ...r, transports: [1] } },
      { ...registration, response: { ...r, transports: Array(11).fill('usb') } },
      { ...registration, rawId: 'AAAA' },
    ]) {
      await throwsCode(() => parseRegistrationResponse(bad), 'INVALID_REQUEST');
    }
  });
});
