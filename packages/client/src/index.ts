/** Create a client: `createPasskeyClient({ baseUrl, fetch, credentials, signals, currentUser })`. */

/** The client and its API, written out. */
export type { PasskeyClient } from './api';
/** What `capabilities()` reports. */
export type { Capabilities } from './capabilities';
export { createPasskeyClient, type PasskeyClientOptions } from './client';
/** The protocol's errors: their codes, their shape, and a check that needs no other package. */
export {
  type ClientErrorCode,
  isPasskeyError,
  type PasskeyClientError,
  type PasskeyErrorCode,
  type ServerErrorCode,
} from './errors';
/** Outcomes of `list()`, `rename()`, `removalImpact()`, `remove()` and `signalCurrentUserDetails()`. */
export type { ListResult, RemovalImpactResult, RemoveResult, RenameResult, SignalResult } from './manage';
/** Outcomes of the ceremonies and their shared failure cases. */
export type {
  AbortedOutcome,
  AlreadyRegisteredOutcome,
  CancelledOutcome,
  ErrorOutcome,
  MisconfiguredOutcome,
  RegisterResult,
  SignInResult,
  StepUpResult,
  UnsupportedOutcome,
} from './outcomes';
/** PRF (WebAuthn L3 §10.1.4): the salts an app gives and the outputs it gets back. */
export type { PrfInput, PrfOutputs, PrfSalt, PrfSalts } from './prf';
/** Options of the ceremonies. */
export type { RegisterOptions, UpgradeOptions } from './register';
export type { SignInOptions } from './sign-in';
/** The signals the client sends by itself, named as in `signals` options. */
export type { SignalName } from './signals';
export type { StepUpOptions } from './step-up';
/** Wire types, declared for the browser. */
export type { AuthenticatorChoice, PasskeyView, UserDetails } from './types';
