/**
 * @acme/passkey-server — passkey ceremonies (registration, sign-in, step-up), signed
 * single-use step-up receipts, management, and one Fetch-API HTTP handler.
 * @packageDocumentation
 */

export {
  isPasskeyError,
  PasskeyError,
  type PasskeyErrorCode,
  type PasskeyEvent,
  type PasskeyPolicy,
  type PasskeyView,
} from '@acme/passkey-core';
export { loadMetadataBlob } from './attestation/metadata';
export type { FinishAuthenticationInput } from './authentication/finish-authentication';
export type { StartAuthenticationInput } from './authentication/start-authentication';
export type { PasskeyLogger, PasskeyServerConfig, ReceiptConfig } from './config';
export { createPasskeyServer, type PasskeyServer } from './create-passkey-server';
export { createPasskeyHandler, type PasskeyHandlerOptions, type PasskeySession } from './http/handler';
export {
  createMemoryRateLimit,
  type MemoryRateLimitOptions,
  type RateLimit,
  type RateLimitDecision,
} from './http/rate-limit';
export type { RouteName } from './http/routes';
export type { AuthenticatorChoice } from './internal/input';
export type { PasskeyList } from './management/list';
export type { RemoveOptions } from './management/remove';
export {
  type AndroidApp,
  androidFingerprint,
  androidOrigin,
  createWellKnownHandler,
  type WellKnownOptions,
} from './native/well-known';
export type { FinishRegistrationInput } from './registration/finish-registration';
export type { StartRegistrationInput } from './registration/start-registration';
export type { StepUpAction } from './step-up/action-digest';
export type { FinishStepUpInput } from './step-up/finish-step-up';
export type { ReceiptClaims } from './step-up/receipts';
export type { StartStepUpInput } from './step-up/start-step-up';
export type { VerifyReceiptExpected } from './step-up/verify-receipt';
