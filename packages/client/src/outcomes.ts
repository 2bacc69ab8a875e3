import type { PasskeyClientError } from './errors';
import type { PrfOutputs } from './prf';
import type { PasskeyView } from './types';

/** The user closed the browser prompt (`NotAllowedError`): offer the password instead. */
export type CancelledOutcome = { status: 'cancelled' };
/** This authenticator already holds a passkey for the account (`InvalidStateError` at create). */
export type AlreadyRegisteredOutcome = { status: 'already-registered' };
/** No WebAuthn here, or no authenticator can do what was asked (`NotSupportedError`, `ConstraintError`). */
export type UnsupportedOutcome = { status: 'unsupported' };
/**
 * The page and the RP ID or options do not match (`SecurityError`, `TypeError`), or a PRF salt
 * given as text is not base64url (`InvalidCharacterError`): a setup bug.
 */
export type MisconfiguredOutcome = { status: 'misconfigured'; message: string };
/** The ceremony was cancelled by the app (`signal`) or replaced by another one (`AbortError`). */
export type AbortedOutcome = { status: 'aborted' };
/** The server refused (its code), the network failed, or the authenticator broke. */
export type ErrorOutcome = { status: 'error'; error: PasskeyClientError };

/**
 * Outcome of `register()` and `upgrade()`. `prf` holds PRF outputs where salts were given and
 * the authenticator evaluated them at creation.
 */
export type RegisterResult =
  | { status: 'created'; passkey: PasskeyView; prf?: PrfOutputs }
  | CancelledOutcome
  | AlreadyRegisteredOutcome
  | UnsupportedOutcome
  | MisconfiguredOutcome
  | AbortedOutcome
  | ErrorOutcome;

/** Outcome of `signIn()`. `prf` holds the PRF outputs where salts were given and the passkey supports PRF. */
export type SignInResult =
  | { status: 'signed-in'; userId: string; passkey: PasskeyView; prf?: PrfOutputs }
  | CancelledOutcome
  | UnsupportedOutcome
  | MisconfiguredOutcome
  | AbortedOutcome
  | ErrorOutcome;

/** Outcome of `stepUp()`: a single-use receipt bound to the action and its details, and any PRF outputs. */
export type StepUpResult =
  | { status: 'verified'; receipt: string; prf?: PrfOutputs }
  | CancelledOutcome
  | UnsupportedOutcome
  | MisconfiguredOutcome
  | AbortedOutcome
  | ErrorOutcome;

/** What a failed `get()` ceremony can become. */
export type GetFailure = Exclude<SignInResult, { status: 'signed-in' }>;
/** What a failed `create()` ceremony can become. */
export type CreateFailure = Exclude<RegisterResult, { status: 'created' }>;

const simple = {
  NotAllowedError: 'cancelled',
  AbortError: 'aborted',
  NotSupportedError: 'unsupported',
  // No available authenticator can do user verification or hold a discoverable credential.
  ConstraintError: 'unsupported',
} as const;

/**
 * Maps what `navigator.credentials.create()`/`get()` rejected with (through SimpleWebAuthn's
 * `WebAuthnError`, which keeps the DOMException's `name`) to an outcome. WebAuthn L3 §5.1.3
 * and §5.1.4 list the names; anything else becomes `WEBAUTHN_ERROR`.
 */
export function ceremonyFailure(err: unknown, ceremony: 'create'): CreateFailure;
export function ceremonyFailure(err: unknown, ceremony: 'get'): GetFailure;
export function ceremonyFailure(err: unknown, ceremony: 'create' | 'get'): CreateFailure | GetFailure {
  // DOMException and WebAuthnError are Errors; `Object()` keeps anything else harmless.
  const { name, message } = Object(err) as Partial<Error>;
  if (name && name in simple) return { status: simple[name as keyof typeof simple] };
  if (name === 'InvalidStateError' && ceremony === 'create') return { status: 'already-registered' };
  if (name === 'SecurityError' || name === 'TypeError' || name === 'InvalidCharacterError')
    return { status: 'misconfigured', message: `${message}` };
  return { status: 'error', error: { code: 'WEBAUTHN_ERROR', message: `${name}: ${message}` } };
}
