import { type AttestationCa, createAttestationCa } from './attestation/ca';
import { createCredential } from './create';
import { CredentialStore, type StoredCredential } from './credential-store';
import { AuthenticatorError } from './errors';
import { getAssertion } from './get';
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
    get ca() {
      return getCa();
    },
  };
}
