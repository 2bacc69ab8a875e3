/**
 * `@acme/passkey-testing`: a software WebAuthn authenticator that produces real attestation and
 * assertion responses, for integration tests. Not for production code.
 */

/** The all-zero AAGUID. */
export { ZERO_AAGUID } from './aaguid';
export type { AlgorithmName } from './algorithms';
/** The credential algorithms (ES256, EdDSA, RS256) and their COSE identifiers. */
export { COSE_ALGORITHM } from './algorithms';
/** The attestation CA, its options, and an issued attestation certificate. */
export type { AttestationCa, AttestationCaOptions, AttestationCertificate } from './attestation/ca';
/** Creates a root CA for `packed-x5c` / `fido-u2f` attestation, shareable by several authenticators. */
export { createAttestationCa } from './attestation/ca';
/** The attestation formats the authenticator can produce. */
export type { AttestationFormatName } from './attestation/index';
/** The authenticator object returned by `createSoftwareAuthenticator()`. */
export type { SoftwareAuthenticator } from './authenticator';
/** Creates a software authenticator: `create()`, `get()`, its stored `credentials`. */
export { createSoftwareAuthenticator } from './authenticator';
/** Authenticator data flags. */
export type { AuthenticatorFlags } from './authenticator-data';
/** Decodes CBOR (Maps stay Maps), to inspect attestation objects in tests. */
export { decodeCbor } from './cbor';
/** A stored credential as `authenticator.credentials` lists it. */
export type { StoredCredential } from './credential-store';
export type { AuthenticatorErrorCode } from './errors';
/** The error thrown when the authenticator refuses a ceremony, and its codes. */
export { AuthenticatorError } from './errors';
/** Settings, per-call options and deliberate faults. */
export type {
  AuthenticatorSettings,
  CreateCallOptions,
  Faults,
  GetCallOptions,
  SoftwareAuthenticatorOptions,
} from './options';
/** The WebAuthn JSON forms, structurally compatible with `@simplewebauthn/server`'s. */
export type {
  AuthenticationResponseJSON,
  AuthenticatorAttachment,
  ClientExtensionResults,
  CreationOptionsJSON,
  CredentialDescriptorJSON,
  PrfInputsJSON,
  PrfOutputs,
  PrfValuesJSON,
  RegistrationResponseJSON,
  RequestOptionsJSON,
} from './types';
