/**
 * @acme/passkey-core — domain types, policy, errors and storage contracts of the passkey SDK.
 * Runs in any JavaScript runtime: no `node:*` import, no WebAuthn crypto, no HTTP.
 * @packageDocumentation
 */
export { catalogueSize, providerName, ZERO_AAGUID } from './aaguid/index';
export { canonicalJson } from './canonical-json';
export {
  isPasskeyError,
  PASSKEY_ERROR_CODES,
  PASSKEY_ERROR_STATUS,
  PasskeyError,
  type PasskeyErrorCode,
  type PasskeyErrorOptions,
} from './errors';
export type { PasskeyEvent, PasskeyEventContext, PasskeyEventType } from './events';
export { isAuthenticatorAllowed } from './policy/authenticators';
export { type DefaultPasskeyNameInput, defaultPasskeyName } from './policy/default-name';
export {
  acceptedVerificationMethods,
  isVerificationFresh,
  requireAccountVerification,
  type SecurityVerification,
  stepUpRequired,
} from './policy/freshness';
export { type InvalidNameReason, validatePasskeyName } from './policy/names';
export {
  type AuthenticatorMetadata,
  type AuthenticatorMetadataEntry,
  DEFAULT_POLICY,
  type PasskeyPolicy,
  resolvePolicy,
  type StepUpActionRule,
  VERIFICATION_METHODS,
  type VerificationMethod,
} from './policy/policy';
export { type RemovalImpact, removalImpact } from './policy/removal';
export {
  createMemoryChallengeStore,
  type MemoryChallengeStoreOptions,
} from './stores/memory-challenge-store';
export { createMemoryPasskeyStore } from './stores/memory-passkey-store';
export type {
  ChallengeRecord,
  ChallengeStore,
  CreateResult,
  PasskeyStore,
  PasskeyUse,
  ScanOptions,
} from './stores/types';
export type { AuthenticatorAttachment, CredentialDeviceType, Passkey, PasskeyView } from './types';
export { toPasskeyView } from './view';
