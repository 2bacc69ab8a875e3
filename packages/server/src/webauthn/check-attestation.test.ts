import { type CreateCallOptions, createSoftwareAuthenticator } from '@acme/passkey-testing';
import { describe, expect, it } from 'vitest';
import {
  ALGORITHMS,
  CHALLENGE,
  creationOptions,
  ORIGIN,
  RP_ID,
  RP_ID_HASH,
  throwsCode,
} from '../../test/webauthn/helpers';
import { type AttestationExpectations, checkAttestation } from './check-attestation';
import { parseRegistrationResponse } from './registration-response';

const expected: AttestationExpectations = {
  challenge: CHALLENGE,
  origins: [ORIGIN],
  rpId: RP_ID,
  rpIdHash: RP_ID_HASH,
  userPresence: true,
  userVerification: true,
  algorithms: ALGORITHMS,
};

async function register(
  call: Partial<CreateCallOptions> = {},
  attestation: 'none' | 'packed-self' | 'packed-x5c' | 'fido-u2f' = 'none',
) {
  const auth = createSoftwareAuthenticator({ attestation });
  return parseRegistrationResponse(await auth.create(creationOptions(), { origin: ORIGIN, ...call }));
}

describe('checkAttestation', () => {
  it.each(['none', 'packed-self', 'packed-x5c', 'fido-u2f'] as const)(
    'accepts a real %s registration',
    async (format) => {
      await expect(checkAttestation(await register({}, format), expected)).resolves.toBeUndefined();
    },
  );

  it('refuses each wrong part with its step’s code', async () => {
    const check = async (
      call: Partial<CreateCallOptions>,
      code: string,
      change: Partial<AttestationExpectations> = {},
      format: 'none' | 'packed-self' = 'none',
    ) =>
      throwsCode(
        async () => checkAttestation(await register(call, format), { ...expected, ...change }),
        code,
      );
    await check({ faults: { type: 'webauthn.get' } }, 'VERIFICATION_FAILED');
    await check({ faults: { challenge: 'b3RoZXI' } }, 'VERIFICATION_FAILED');
    await check({ faults: { origin: 'https://example.org' } }, 'ORIGIN_MISMATCH');
    await check({ faults: { rpId: 'example.org' } }, 'RP_ID_MISMATCH');
    await check({ flags: { up: false } }, 'USER_VERIFICATION_REQUIRED');
    await check({ flags: { uv: false } }, 'USER_VERIFICATION_REQUIRED');
    await check({ flags: { bs: true } }, 'VERIFICATION_FAILED');
    await check({}, 'VERIFICATION_FAILED', { algorithms: [-257] });
    await check({ faults: { badSignature: true } }, 'VERIFICATION_FAILED', {}, 'packed-self');
  });

  it('takes an automatic upgrade without UP or UV when the ceremony allows it', async () => {
    const response = await register({ flags: { up: false, uv: false } });
    await checkAttestation(response, { ...expected, userPresence: false, userVerification: false });
  });

  it('refuses a none statement that is not empty', async () => {
    const response = await register();
    response.attestation.attStmt.set('sig', new Uint8Array(8));
    await throwsCode(() => checkAttestation(response, expected), 'VERIFICATION_FAILED');
  });
});
