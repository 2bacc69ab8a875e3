import type { KeyObject } from 'node:crypto';
import type { AlgorithmName } from './algorithms';
import { AuthenticatorError } from './errors';
import type { CredRandom } from './prf';
import type { AuthenticatorAttachment } from './types';

/** A credential held by the software authenticator, as `authenticator.credentials` lists it. */
export interface StoredCredential {
  /** Credential ID, base64url. */
  readonly id: string;
  readonly rpId: string;
  /** `user.id` from the registration options, base64url. */
  readonly userHandle: string;
  readonly userName: string;
  /** The signature counter of the last response (registration or assertion). */
  readonly counter: number;
  readonly algorithm: AlgorithmName;
  /** COSE algorithm identifier: -7, -8 or -257. */
  readonly coseAlgorithm: number;
  /** The COSE_Key bytes, as a verifier stores them. */
  readonly publicKey: Uint8Array<ArrayBuffer>;
  /** Whether `get()` without `allowCredentials` can find it (a discoverable credential). */
  readonly discoverable: boolean;
  readonly transports: readonly string[];
  readonly aaguid: string;
  readonly attachment: AuthenticatorAttachment;
  /** Backup eligibility and state, fixed at registration as a real credential's are. */
  readonly backupEligible: boolean;
  readonly backedUp: boolean;
  /** Has PRF (`hmac-secret`): it was asked for at registration and the authenticator supports it. */
  readonly prf: boolean;
}

/** A stored credential with its private key, internal to the authenticator. */
export interface CredentialRecord extends StoredCredential {
  counter: number;
  readonly privateKey: KeyObject;
  /** The `hmac-secret` keys of a credential with PRF, else null. */
  readonly credRandom: CredRandom | null;
}

/** The authenticator's credential storage, in memory. */
export class CredentialStore {
  readonly #records: CredentialRecord[] = [];

  add(record: CredentialRecord): void {
    this.#records.push(record);
  }

  /** Snapshots without private keys or PRF secrets, oldest first. */
  list(): StoredCredential[] {
    return this.#records.map(({ privateKey: _, credRandom: __, ...view }) => Object.freeze({ ...view }));
  }

  /** Credentials for an RP ID, restricted to `ids` when given (L3 §6.3.3 step 6). */
  find(rpId: string, ids?: readonly string[]): CredentialRecord[] {
    return this.#records.filter((r) => r.rpId === rpId && (ids === undefined || ids.includes(r.id)));
  }

  remove(id: string): boolean {
    const index = this.#records.findIndex((r) => r.id === id);
    if (index < 0) return false;
    this.#records.splice(index, 1);
    return true;
  }

  /** The record of credential `id`, private key included, or NotAllowedError. */
  record(id: string): CredentialRecord {
    const record = this.#records.find((r) => r.id === id);
    if (!record) throw new AuthenticatorError('NotAllowedError', `No credential with ID "${id}"`);
    return record;
  }

  setCounter(id: string, counter: number): void {
    const record = this.#records.find((r) => r.id === id);
    if (!record) throw new AuthenticatorError('NotAllowedError', `No credential with ID "${id}"`);
    record.counter = counter;
  }
}
