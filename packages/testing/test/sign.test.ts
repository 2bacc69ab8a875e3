import { createHash } from 'node:crypto';
import { verifyAuthenticationResponse } from '@simplewebauthn/server';
import { describe, expect, it } from 'vitest';
import { AuthenticatorError, createSoftwareAuthenticator } from '../src/index';
import { authenticationOptions, ORIGIN, RP_ID, refused, registrationOptions } from './helpers';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const unb64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64url'));
const sha256 = (bytes: Uint8Array) => new Uint8Array(createHash('sha256').update(bytes).digest());

describe('sign(): re-signing a changed response', () => {
  it.each(['ES256', 'EdDSA', 'RS256'] as const)(
    '%s: a changed counter signed again verifies; the same change unsigned does not',
    async (algorithm) => {
      const authenticator = createSoftwareAuthenticator({ algorithm });
      const options = await registrationOptions({ supportedAlgorithmIDs: [-7, -8, -257] });
      await authenticator.create(options, { origin: ORIGIN });
      const credential = authenticator.credentials[0]!;
      const request = await authenticationOptions([credential.id]);
      const assertion = await authenticator.get(request, { origin: ORIGIN });
      const authData = unb64(assertion.response.authenticatorData);
      authData[36] = 0x2a; // counter 42, written after the authenticator signed
      const signed = authenticator.sign(
        credential.id,
        Buffer.concat([authData, sha256(unb64(assertion.response.clientDataJSON))]),
      );
      const verify = (signature: string) =>
        verifyAuthenticationResponse({
          response: {
            ...assertion,
            response: { ...assertion.response, authenticatorData: b64(authData), signature },
          },
          expectedChallenge: request.challenge,
          expectedOrigin: ORIGIN,
          expectedRPID: RP_ID,
          credential: { id: credential.id, publicKey: credential.publicKey, counter: 0 },
        });
      expect(await refused(verify(assertion.response.signature))).toBe(true);
      const result = await verify(b64(signed));
      expect(result).toMatchObject({ verified: true, authenticationInfo: { newCounter: 42 } });
    },
  );

  it('refuses an unknown credential with NotAllowedError', () => {
    const authenticator = createSoftwareAuthenticator();
    let thrown: unknown;
    try {
      authenticator.sign('bm8tc3VjaC1jcmVkZW50aWFs', new Uint8Array(4));
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(AuthenticatorError);
    expect((thrown as AuthenticatorError).code).toBe('NotAllowedError');
  });
});
