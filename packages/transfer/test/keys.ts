/** Real COSE public keys, made by the software authenticator, one per algorithm it supports. */
import { type AlgorithmName, COSE_ALGORITHM, createSoftwareAuthenticator } from '@acme/passkey-testing';

/** A credential of `algorithm`, registered with plain options: its COSE key and the authenticator. */
export async function credentialOf(algorithm: AlgorithmName) {
  const auth = createSoftwareAuthenticator({ algorithm });
  await auth.create(
    {
      rp: { id: 'example.com', name: 'Example' },
      user: { id: 'dXNlcg', name: 'user', displayName: 'User' },
      challenge: 'Y2hhbGxlbmdlLWNoYWxsZW5nZQ',
      pubKeyCredParams: [{ type: 'public-key', alg: COSE_ALGORITHM[algorithm] }],
    },
    { origin: 'https://example.com' },
  );
  const [credential] = auth.credentials;
  if (credential === undefined) throw new Error('no credential');
  return credential;
}

/** One COSE key per algorithm. */
export async function coseKeys(): Promise<Record<AlgorithmName, Uint8Array>> {
  const [es, ed, rs] = await Promise.all((['ES256', 'EdDSA', 'RS256'] as const).map(credentialOf));
  return { ES256: es!.publicKey, EdDSA: ed!.publicKey, RS256: rs!.publicKey };
}
