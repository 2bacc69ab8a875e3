import { verifySignature } from '@simplewebauthn/server/helpers';
import { type CoseKey, parseCoseKey } from '../cose-key';
import type { CryptoBackend, NativeAlgorithm } from '../crypto/backend';
import { ecdsaDerToRaw } from './ecdsa-der';
import { createKeyCache } from './key-cache';

/** How a stored key verifies: natively with its imported key, or through SimpleWebAuthn's helper. */
type Prepared = { kind: 'native'; algorithm: NativeAlgorithm; key: unknown } | { kind: 'helper' };

/** The native algorithm of a key, when it is one this server verifies itself. */
function nativeAlgorithm(key: CoseKey): NativeAlgorithm | null {
  if (key.kty === 'EC2' && key.alg === -7 && key.crv === 'P-256') return 'ES256';
  if (key.kty === 'OKP' && key.alg === -8) return 'EdDSA';
  if (key.kty === 'RSA' && key.alg === -257) return 'RS256';
  return null;
}

/** SimpleWebAuthn's verification, for the algorithms not verified natively; a throw is `false`. */
async function verifyWithHelper(publicKey: Uint8Array, data: Uint8Array, signature: Uint8Array) {
  try {
    return await verifySignature({
      signature: signature as Uint8Array<ArrayBuffer>,
      data: data as Uint8Array<ArrayBuffer>,
      credentialPublicKey: publicKey as Uint8Array<ArrayBuffer>,
    });
  } catch {
    return false;
  }
}

/** Options of {@link createSignatureVerifier}. */
export interface SignatureVerifierOptions {
  /** Most imported keys kept (least recently used out first). Default 10,000. */
  maxKeys?: number;
}

/**
 * Verifies assertion signatures against stored COSE public keys (WebAuthn L3 §7.2 step 19), each
 * key parsed and imported once per credential and cached (bounded, keyed by credential ID and key
 * bytes). ES256, EdDSA and RS256 are verified natively by the backend; any other algorithm
 * SimpleWebAuthn supports goes through its `verifySignature`. A malformed signature or key is
 * `false`, never a throw.
 */
export function createSignatureVerifier(backend: CryptoBackend, options: SignatureVerifierOptions = {}) {
  const cache = createKeyCache<Prepared>(options.maxKeys ?? 10_000);

  const prepare = async (publicKey: Uint8Array): Promise<Prepared> => {
    const key = parseCoseKey(publicKey);
    const algorithm = nativeAlgorithm(key);
    if (algorithm === null || key.kty === 'other') return { kind: 'helper' };
    return { kind: 'native', algorithm, key: await backend.importKey(algorithm, key) };
  };

  return {
    backend,
    /** True when `signature` over `data` verifies with the credential's stored `publicKey`. */
    async verify(
      credentialId: string,
      publicKey: Uint8Array,
      data: Uint8Array,
      signature: Uint8Array,
    ): Promise<boolean> {
      let prepared: Prepared;
      try {
        prepared = await cache.get(credentialId, publicKey, () => prepare(publicKey));
      } catch {
        return false; // a stored key that does not parse or import verifies nothing
      }
      if (prepared.kind === 'helper') return verifyWithHelper(publicKey, data, signature);
      const raw = prepared.algorithm === 'ES256' ? ecdsaDerToRaw(signature) : signature;
      return raw !== null && (await backend.verify(prepared.algorithm, prepared.key, raw, data));
    },
  };
}

/** What {@link createSignatureVerifier} returns. */
export type SignatureVerifier = ReturnType<typeof createSignatureVerifier>;
