/**
 * @acme/passkey-server — passkey ceremonies (registration, sign-in, step-up), signed
 * single-use step-up receipts, management, and one Fetch-API HTTP handler.
 * @packageDocumentation
 */

// Errors, events and the domain types an app meets through the server (no direct dependency on core needed).
export {
  isPasskeyError,
  PASSKEY_ERROR_CODES,
  PasskeyError,
  type PasskeyErrorCode,
  type PasskeyEvent,
  type PasskeyEventContext,
  type PasskeyEventType,
  type PasskeyPolicy,
  type PasskeyView,
  type RemovalImpact,
  type StepUpActionRule,
  type VerificationMethod,
} from '@acme/passkey-core';
// The server and its API, written out.
export type {
  FinishAuthenticationInput,
  FinishAuthenticationResult,
  FinishRegistrationInput,
  FinishRegistrationResult,
  FinishStepUpInput,
  FinishStepUpResult,
  PasskeyList,
  PasskeyServer,
  ReceiptJwks,
  RemoveOptions,
  RemoveResult,
  StartAuthenticationInput,
  StartAuthenticationResult,
  StartRegistrationInput,
  StartRegistrationResult,
  StartStepUpInput,
  StartStepUpResult,
  StepUpVerified,
  VerifyReceiptInput,
  VerifyReceiptResult,
} from './api/types';
// Attestation metadata and native apps.
export { type LoadMetadataOptions, loadMetadataBlob } from './attestation/metadata';
export type { PasskeyLogger, PasskeyServerConfig, ReceiptConfig } from './config/config';
export type { AuthenticatorChoice } from './constants';
// HTTP.
export { passkeyErrorResponse } from './http/error-response';
export { createPasskeyHandler, type PasskeyHandler } from './http/handler';
export type { ClientInfo, PasskeyHandlerOptions } from './http/hooks';
export {
  createMemoryRateLimit,
  type MemoryRateLimitOptions,
  type RateLimit,
  type RateLimitDecision,
} from './http/rate-limit';
export {
  ROUTES,
  type RouteName,
  type RoutePath,
  type RouteSpec,
  type SessionRequirement,
} from './http/routes';
export type { PasskeySession } from './http/session';
export {
  type AndroidApp,
  androidFingerprint,
  androidOrigin,
  createWellKnownHandler,
  type PasskeyEndpoints,
  type WellKnownOptions,
} from './native/well-known';
export { describeUserAgent } from './registration/user-agent';
export { createPasskeyServer } from './server/create-passkey-server';
export type { ReceiptClaims } from './step-up/receipts';
