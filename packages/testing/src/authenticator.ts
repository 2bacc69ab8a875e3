import { type AttestationCa, createAttestationCa } from './attestation/ca';
import { createCredential } from './create';
import { CredentialStore, type StoredCredential } from './credential-store';
import { AuthenticatorError } from './errors';
import { getAssertion } from './get';
import { signWith } from './keys';
import type { CreateCallOptions, GetCallOptions, SoftwareAuthenticatorOptions } from './options';
import type {
  AuthenticationResponseJSON,
  CreationOptionsJSON,
  RegistrationResponseJSON,
  RequestOptionsJSON,
} from './types';

/** A software WebAuthn authenticator with its client: `create()` and `get()` as a browser would. */
export interface SoftwareAuthenticator {
  /** Registers a credential; resolves to what `PublicKeyCredential.toJSON()` gives. */
  create(options: CreationOptionsJSON, call: CreateCallOptions): Promise<RegistrationResponseJSON>;
  /** Signs in with a stored credential; rejects with `NotAllowedError` when none matches. */
  get(options: RequestOptionsJSON, call: GetCallOptions): Promise<AuthenticationResponseJSON>;
  /** Snapshots of the stored credentials, oldest first. */
  readonly credentials: readonly StoredCredential[];
  /** Deletes a credential, as a user removing a passkey from the device. Returns whether it existed. */
  remove(credentialId: string): boolean;
  /** Forces a credential's stored signature counter (an unsigned 32-bit integer). */
  setCounter(credentialId: string, counter: number): void;
  /**
   * Signs `data` with a stored credential's private key, as `get()` signs authenticatorData ‖
   * SHA-256(clientDataJSON) (ES256 as ASN.1 DER, EdDSA raw, RS256 PKCS#1 v1.5). Lets a test change
   * a response and sign it again, so that a verifier's checks, not its signature check alone, must
   * refuse the change. NotAllowedError for an unknown credential.
   */
  sign(credentialId: string, data: Uint8Array): Uint8Array;
  /** The attestation CA (made on first use): its root is the trust anchor for `packed-x5c`/`fido-u2f`. */
  readonly ca: AttestationCa;
}

/**
 * Creates an in-memory software authenticator that produces real, verifiable WebAuthn
 * registration and authentication responses.
 *
 * @example
 * const authenticator = createSoftwareAuthenticator({ algorithm: 'EdDSA', attestation: 'packed-self' });
 * const registration = await authenticator.create(options, { origin: 'https://example.com' });
 * const assertion = await authenticator.get(requestOptions, { origin: 'https://example.com' });
 */
export function createSoftwareAuthenticator(
  options: SoftwareAuthenticatorOptions = {},
): SoftwareAuthenticator {
  const { ca: givenCa, now, ...settings } = options;
  const store = new CredentialStore();
  let ca = givenCa;
  const getCa = (): AttestationCa => {
    ca ??= createAttestationCa(now ? { now } : {});
    return ca;
  };
  return {
    create: (creation, call) => createCredential({ settings, store, ca: getCa }, creation, call),
    get: (request, call) => getAssertion({ settings, store }, request, call),
    get credentials() {
      return store.list();
    },
    remove: (credentialId) => store.remove(credentialId),
    setCounter(credentialId, counter) {
      if (!Number.isInteger(counter) || counter < 0 || counter > 0xffffffff) {
        throw new AuthenticatorError(
          'ConstraintError',
          `Counter must be an unsigned 32-bit integer: ${counter}`,
        );
      }
      store.setCounter(credentialId, counter);
    },
    sign(credentialId, data) {
      const record = store.record(credentialId);
      return signWith(record.algorithm, record.privateKey, data);
    },
    get ca() {
      return getCa();
    },
  };
}
