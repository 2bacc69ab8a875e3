/**
 * Which keys the verifier checks natively and which go to SimpleWebAuthn's helper: an RSA key is
 * native only for RS256 (PKCS#1 v1.5); an RSA-PSS key (PS256, COSE -37) goes to the helper, and a
 * PSS signature verifies. A key is native only when its key type, algorithm and curve all say so:
 * a key whose algorithm is not a COSE algorithm verifies nothing, whatever its key would verify.
 */
import { constants, createHash, generateKeyPairSync, sign } from 'node:crypto';
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

/** An algorithm identifier no COSE registry assigns. */
const UNKNOWN_ALG = -65_000;

describe.each([nodeCryptoBackend, webCryptoBackend])('keys that only look native, on $name', (backend) => {
  const data = new TextEncoder().encode('authenticator data ‖ client data hash');
  const cose = (entries: Array<[number, number | Uint8Array]>) =>
    isoCBOR.encode(new Map<number, number | Uint8Array>(entries) as never);

  it('verifies nothing with an Ed25519 key (OKP) of an unknown algorithm', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const x = bytes(publicKey.export({ format: 'jwk' }).x);
    const signature = new Uint8Array(sign(null, data, privateKey));
    const verifier = createSignatureVerifier(backend);
    expect(
      await verifier.verify(
        'okp',
        cose([
          [1, 1],
          [3, -8],
          [-1, 6],
          [-2, x],
        ]),
        data,
        signature,
      ),
    ).toBe(true);
    const unknown = cose([
      [1, 1],
      [3, UNKNOWN_ALG],
      [-1, 6],
      [-2, x],
    ]);
    expect(await verifier.verify('okp-unknown', unknown, data, signature)).toBe(false);
  });

  it('verifies nothing with an EC2 key whose algorithm says EdDSA, even carrying an Ed25519 key as x', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const x = bytes(publicKey.export({ format: 'jwk' }).x);
    const signature = new Uint8Array(sign(null, data, privateKey));
    const confused = cose([
      [1, 2],
      [3, -8],
      [-1, 1],
      [-2, x],
      [-3, x],
    ]);
    expect(await createSignatureVerifier(backend).verify('ec2-eddsa', confused, data, signature)).toBe(false);
  });

  it('verifies nothing with an RSA key of an unknown algorithm', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = publicKey.export({ format: 'jwk' });
    const signature = new Uint8Array(sign('sha256', data, privateKey));
    const unknown = cose([
      [1, 3],
      [3, UNKNOWN_ALG],
      [-1, bytes(jwk.n)],
      [-2, bytes(jwk.e)],
    ]);
    expect(await createSignatureVerifier(backend).verify('rsa-unknown', unknown, data, signature)).toBe(
      false,
    );
  });

  it('verifies nothing with a P-256 key (EC2) of an unknown algorithm', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const signature = new Uint8Array(sign('sha256', data, privateKey));
    const unknown = cose([
      [1, 2],
      [3, UNKNOWN_ALG],
      [-1, 1],
      [-2, bytes(jwk.x)],
      [-3, bytes(jwk.y)],
    ]);
    expect(await createSignatureVerifier(backend).verify('ec-unknown', unknown, data, signature)).toBe(false);
  });

  it('does not import a P-384 key under ES256 as a P-256 key: the helper judges it, as SimpleWebAuthn does', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-384' });
    const jwk = publicKey.export({ format: 'jwk' });
    const key = cose([
      [1, 2],
      [3, -7],
      [-1, 2],
      [-2, bytes(jwk.x)],
      [-3, bytes(jwk.y)],
    ]);
    const signature = new Uint8Array(sign('sha256', data, privateKey));
    const verifier = createSignatureVerifier(backend);
    expect(await verifier.verify('p384-es256', key, data, signature)).toBe(true);
    const digest = createHash('sha256').update(data).digest();
    expect(await verifier.verify('p384-es256', key, digest, signature)).toBe(false);
  });
});
