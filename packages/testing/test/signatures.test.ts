import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../src/authenticator-data';
import { concatBytes, fromBase64url } from '../src/base64url';
import { createSoftwareAuthenticator } from '../src/index';
import { authenticationOptions, ORIGIN, registrationOptions } from './helpers';

describe.each([
  { algorithm: 'ES256', hash: 'sha256', check: (sig: Uint8Array) => sig[0] === 0x30 && sig.length <= 72 },
  { algorithm: 'EdDSA', hash: null, check: (sig: Uint8Array) => sig.length === 64 },
  { algorithm: 'RS256', hash: 'sha256', check: (sig: Uint8Array) => sig.length === 256 },
] as const)('$algorithm assertion signature', ({ algorithm, hash, check }) => {
  it('has the WebAuthn encoding and verifies over authenticatorData || SHA-256(clientDataJSON)', async () => {
    const authenticator = createSoftwareAuthenticator({ algorithm });
    const made = await authenticator.create(await registrationOptions(), { origin: ORIGIN });
    const assertion = await authenticator.get(await authenticationOptions([made.id]), { origin: ORIGIN });
    const publicKey = createPublicKey({
      key: Buffer.from(made.response.publicKey!, 'base64url'),
      format: 'der',
      type: 'spki',
    });
    const signature = fromBase64url(assertion.response.signature);
    const data = concatBytes(
      fromBase64url(assertion.response.authenticatorData),
      sha256(fromBase64url(assertion.response.clientDataJSON)),
    );
    expect(check(signature)).toBe(true);
    expect(verify(hash, data, publicKey, signature)).toBe(true);
  });
});

it('writes clientDataJSON as a browser does', async () => {
  const authenticator = createSoftwareAuthenticator();
  const options = await registrationOptions();
  const made = await authenticator.create(options, { origin: ORIGIN });
  const text = Buffer.from(made.response.clientDataJSON, 'base64url').toString('utf8');
  expect(text).toBe(
    `{"type":"webauthn.create","challenge":"${options.challenge}","origin":"${ORIGIN}","crossOrigin":false}`,
  );
});
