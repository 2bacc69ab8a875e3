import { describe, expect, it } from 'vitest';
import { CHALLENGE, credential, ORIGIN, RP_ID_HASH, throwsCode } from '../../test/webauthn/helpers';
import { parseAuthenticationResponse } from './authentication-response';
import { type AssertionExpectations, checkAssertion, checkPasskeyRules } from './check-assertion';
import { nodeCryptoBackend } from './crypto/node';
import { webCryptoBackend } from './crypto/web';
import { createSignatureVerifier } from './signature/signature-verifier';

describe.each([webCryptoBackend, nodeCryptoBackend])('checkAssertion on $name', (backend) => {
  const verifier = createSignatureVerifier(backend);

  async function setup(algorithm: 'ES256' | 'EdDSA' | 'RS256' = 'ES256', be = false) {
    const c = await credential(algorithm, 'none', { be });
    const expected: AssertionExpectations = {
      challenge: CHALLENGE,
      origins: [ORIGIN],
      rpIdHash: RP_ID_HASH,
      userVerification: true,
      credential: { id: c.stored.id, publicKey: c.stored.publicKey },
    };
    return { ...c, expected };
  }

  it.each(['ES256', 'EdDSA', 'RS256'] as const)('accepts a real %s assertion', async (algorithm) => {
    const { assertion, expected } = await setup(algorithm);
    await expect(
      checkAssertion(verifier, parseAuthenticationResponse(await assertion()), expected),
    ).resolves.toBeUndefined();
  });

  it('refuses each wrong part with its step’s code, in the spec’s order', async () => {
    const { assertion, expected } = await setup();
    const check = async (
      call: Parameters<typeof assertion>[0],
      code: string,
      change: Partial<AssertionExpectations> = {},
    ) =>
      throwsCode(
        async () =>
          checkAssertion(verifier, parseAuthenticationResponse(await assertion(call)), {
            ...expected,
            ...change,
          }),
        code,
      );
    await check({ faults: { type: 'webauthn.create' } }, 'VERIFICATION_FAILED');
    await check({ faults: { challenge: 'b3RoZXI' } }, 'VERIFICATION_FAILED');
    await check({ faults: { origin: 'https://evil.example' } }, 'ORIGIN_MISMATCH');
    await check({ faults: { rpId: 'evil.example' } }, 'RP_ID_MISMATCH');
    await check({ flags: { up: false } }, 'USER_VERIFICATION_REQUIRED');
    await check({ flags: { uv: false } }, 'USER_VERIFICATION_REQUIRED');
    await check({ flags: { bs: true } }, 'VERIFICATION_FAILED'); // BS without BE
    await check({ faults: { badSignature: true } }, 'VERIFICATION_FAILED');
    // Type before origin before RP ID before flags: the first failing step answers.
    await check(
      { faults: { type: 'webauthn.create', origin: 'https://evil.example' } },
      'VERIFICATION_FAILED',
    );
    await check({ faults: { origin: 'https://evil.example', rpId: 'evil.example' } }, 'ORIGIN_MISMATCH');
    await check({ faults: { rpId: 'evil.example' }, flags: { uv: false } }, 'RP_ID_MISMATCH');
  });

  it('lets UV be absent only when not required', async () => {
    const { assertion, expected } = await setup();
    const noUv = parseAuthenticationResponse(await assertion({ flags: { uv: false } }));
    await checkAssertion(verifier, noUv, { ...expected, userVerification: false });
  });

  it('holds a passkey to its own rules: sticky UV, unchanged backup eligibility', async () => {
    const { assertion } = await setup('ES256', true);
    const { authData } = parseAuthenticationResponse(await assertion({ flags: { uv: false } }));
    checkPasskeyRules(authData, { userVerified: false, backupEligible: true });
    await throwsCode(
      () => checkPasskeyRules(authData, { userVerified: true, backupEligible: true }),
      'USER_VERIFICATION_REQUIRED',
    );
    await throwsCode(
      () => checkPasskeyRules(authData, { userVerified: false, backupEligible: false }),
      'VERIFICATION_FAILED',
    );
  });

  it('refuses a signature made by another credential’s key', async () => {
    const { assertion, expected } = await setup();
    const other = await setup();
    const response = parseAuthenticationResponse(await other.assertion());
    await throwsCode(
      () => checkAssertion(verifier, { ...response, id: expected.credential.id }, expected),
      'VERIFICATION_FAILED',
    );
    await checkAssertion(verifier, parseAuthenticationResponse(await assertion()), expected);
  });
});
