import { describe, it } from 'vitest';
import { credential, throwsCode, unb64 } from '../../test/webauthn/helpers';
import { parseAttestationObject } from './attestation-object';
import { checkAlgorithm, checkCredentialId } from './credential-checks';

describe('credential checks', () => {
  it('refuse a key algorithm the options did not offer with VERIFICATION_FAILED', async () => {
    const { registration } = await credential('EdDSA');
    const attestation = parseAttestationObject(unb64(registration.response.attestationObject));
    checkAlgorithm(attestation, [-8, -7]);
    await throwsCode(() => checkAlgorithm(attestation, [-7, -257]), 'VERIFICATION_FAILED');
  });

  it('refuse a response whose id is not the credential ID in its authenticator data', async () => {
    const { registration } = await credential('ES256');
    const attestation = parseAttestationObject(unb64(registration.response.attestationObject));
    checkCredentialId(attestation, registration.id);
    await throwsCode(
      () => checkCredentialId(attestation, `${registration.id.slice(0, -2)}AA`),
      'VERIFICATION_FAILED',
    );
  });

  it('refuse a credential ID longer than 1023 bytes (L3 §7.1 step 23)', async () => {
    const { registration } = await credential('ES256');
    const attestation = parseAttestationObject(unb64(registration.response.attestationObject));
    const long = new Uint8Array(1024).fill(7);
    const changed = {
      ...attestation,
      authData: {
        ...attestation.authData,
        attested: { ...attestation.authData.attested, credentialId: long },
      },
    };
    await throwsCode(
      () => checkCredentialId(changed, Buffer.from(long).toString('base64url')),
      'VERIFICATION_FAILED',
    );
  });
});
