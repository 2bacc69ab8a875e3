import type { Ec2Key, OkpKey, RsaKey } from '../cose-key';

/**
 * The signature algorithms verified natively, without SimpleWebAuthn: the three this server offers
 * at registration (COSE -7, -8, -257). Keys of other algorithms go through its `verifySignature`.
 */
export type NativeAlgorithm = 'ES256' | 'EdDSA' | 'RS256';

/** The public key of a native algorithm, as parsed from its COSE_Key. */
export type NativeKey = Ec2Key | OkpKey | RsaKey;

/**
 * The hash and signature primitives of the sign-in hot path, behind one seam: WebCrypto on every
 * runtime, node:crypto on Node (chosen by the package's `node` export condition), where it verifies
 * synchronously and hashes without a round trip through the thread pool.
 */
export interface CryptoBackend {
  readonly name: string;
  sha256(data: Uint8Array): Uint8Array | Promise<Uint8Array>;
  /** Imports a public key once; the handle is cached per credential by the signature verifier. */
  importKey(algorithm: NativeAlgorithm, key: NativeKey): Promise<unknown>;
  /**
   * Verifies `signature` over `data`; an ES256 signature arrives raw (r ‖ s, 64 bytes), already
   * converted from DER and range-checked. Resolves false, never throws, for a bad signature.
   */
  verify(
    algorithm: NativeAlgorithm,
    key: unknown,
    signature: Uint8Array,
    data: Uint8Array,
  ): boolean | Promise<boolean>;
}
