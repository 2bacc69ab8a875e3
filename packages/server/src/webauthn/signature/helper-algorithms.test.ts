/**
 * Which keys the verifier checks natively and which go to SimpleWebAuthn's helper: an RSA key is
 * native only for RS256 (PKCS#1 v1.5); an RSA-PSS key (PS256, COSE -37) goes to the helper, and a
 * PSS signature verifies.
 */
import { constants, generateKeyPairSync, sign } from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';
import { describe, expect, it } from 'vitest';
import { nodeCryptoBackend } from '../crypto/node';
import { webCryptoBackend } from '../crypto/web';
import { createSignatureVerifier } from './signature-verifier';

const bytes = (b64url: string | undefined) => new Uint8Array(Buffer.from(b64url as string, 'base64url'));

describe.each([nodeCryptoBackend, webCryptoBackend])('RSA keys on $name', (backend) => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' });
  const cose = (alg: number) =>
    isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 3],
        [3, alg],
        [-1, bytes(jwk.n)],
        [-2, bytes(jwk.e)],
      ]) as never,
    );
  const data = new TextEncoder().encode('authenticator data ‖ client data hash');
  const pss = new Uint8Array(
    sign('sha256', data, { key: privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }),
  );
  const pkcs1 = new Uint8Array(sign('sha256', data, privateKey));

  it('verifies a PS256 signature through the helper, and not a PKCS#1 v1.5 one under PS256', async () => {
    const verifier = createSignatureVerifier(backend);
    expect(await verifier.verify('ps256', cose(-37), data, pss)).toBe(true);
    expect(await verifier.verify('ps256', cose(-37), data, pkcs1)).toBe(false);
  });

  it('verifies RS256 natively with the same key, and not a PSS signature under RS256', async () => {
    const verifier = createSignatureVerifier(backend);
    expect(await verifier.verify('rs256', cose(-257), data, pkcs1)).toBe(true);
    expect(await verifier.verify('rs256', cose(-257), data, pss)).toBe(false);
  });
});
