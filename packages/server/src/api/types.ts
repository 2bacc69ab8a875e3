/**
 * The server's public API, written out: the `PasskeyServer` interface and every input and result
 * type of its operations (docs/design.md, "Public API"). Implementations import these; nothing
 * here is derived from an internal function.
 */
import type { PasskeyView, RemovalImpact, VerificationMethod } from '@acme/passkey-core';
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import type { JWK } from 'jose';
import type { AuthenticatorChoice } from '../constants';

/** The options to pass to `navigator.credentials.create()`, and the ceremony to finish them with. */
export interface StartRegistrationResult {
  ceremonyId: string;
  options: PublicKeyCredentialCreationOptionsJSON;
}

/** The options to pass to `navigator.credentials.get()`, and the ceremony to finish them with. */
export interface StartAuthenticationResult {
  ceremonyId: string;
  options: PublicKeyCredentialRequestOptionsJSON;
}

/** A step-up's options: like a sign-in's, with a challenge that binds the action and its details. */
export type StartStepUpResult = StartAuthenticationResult;

/** A new passkey, as the user may see it. */
export interface FinishRegistrationResult {
  passkey: PasskeyView;
}

/** Who signed in, and with which passkey. */
export interface FinishAuthenticationResult {
  userId: string;
  passkey: PasskeyView;
}

/** A verified step-up's receipt. */
export interface FinishStepUpResult {
  /** Compact JWS (ES256), single use: check it with `verifyReceipt`. */
  receipt: string;
}

/** A receipt that verified (and is now spent). */
export interface VerifyReceiptResult {
  /** The passkey that signed the step-up. */
  passkeyId: string;
  /** When the step-up was verified (the receipt's `iat`). */
  verifiedAt: Date;
}

/** What removing a passkey left. */
export interface RemoveResult {
  remaining: number;
}

/** The public key(s) that sign receipts, as a JWK Set. */
export interface ReceiptJwks {
  keys: JWK[];
}

/**
 * Input of `startRegistration`: the signed-in user, and when and how they last completed a
 * security verification.
 */
export interface StartRegistrationInput {
  user: { id: string; name: string; displayName: string };
  lastVerifiedAt: Date | null;
  /**
   * How the user last verified. Absent means `'password'`, the weakest: enough for the first
   * passkey, not for another once the account has one (`policy.strongVerification`).
   */
  lastVerifiedWith?: VerificationMethod;
  authenticator?: AuthenticatorChoice;
  /** `'conditional'`: automatic passkey upgrade right after a password sign-in. */
  mediation?: 'modal' | 'conditional';
}

/** Input of `finishRegistration`. */
export interface FinishRegistrationInput {
  ceremonyId: string;
  userId: string;
  /** The browser's `RegistrationResponseJSON`. */
  response: unknown;
  /** Optional name; default from the AAGUID catalogue or the attachment. */
  name?: string;
}

/**
 * Input of `startAuthentication`: usernameless (discoverable) by default, for a user the app
 * already knows (`userId`), or for a name typed on the sign-in page (`username`, resolved by the
 * server's `findUser`).
 */
export interface StartAuthenticationInput {
  userId?: string;
  username?: string;
  /** `'conditional'`: the browser's autofill (always usernameless). */
  mediation?: 'modal' | 'conditional';
  authenticator?: AuthenticatorChoice;
}

/** Input of `finishAuthentication`. */
export interface FinishAuthenticationInput {
  ceremonyId: string;
  /** The browser's `AuthenticationResponseJSON`. */
  response: unknown;
}

/** Input of `startStepUp`. */
export interface StartStepUpInput {
  userId: string;
  /** e.g. `'p2p.release'`. */
  action: string;
  /** e.g. `{ orderId, amount, asset }`: plain JSON, amounts as strings, numbers safe integers. */
  details: Record<string, unknown>;
}

/** Input of `finishStepUp`. */
export interface FinishStepUpInput {
  ceremonyId: string;
  userId: string;
  /** The browser's `AuthenticationResponseJSON`. */
  response: unknown;
}

/**
 * What the handler's `onVerified` hook receives after a step-up: the receipt, and for the app's own
 * bookkeeping (e.g. marking the session as verified by a passkey) the action and the signing passkey.
 */
export interface StepUpVerified {
  /** Compact JWS (ES256), single use: check it with `verifyReceipt`. */
  receipt: string;
  /** The action the passkey approved. */
  action: string;
  /** The passkey that signed. */
  passkeyId: string;
}

/** What a receipt must have been issued for. */
export interface VerifyReceiptInput {
  userId: string;
  action: string;
  details: Record<string, unknown>;
}

/** What `list` returns: the user's passkeys and what a client needs for WebAuthn signals. */
export interface PasskeyList {
  passkeys: PasskeyView[];
  limit: number;
  rpId: string;
  /** base64url WebAuthn user handle; null before the first passkey. */
  userHandle: string | null;
}

/**
 * Options of `remove`. Removing a passkey lowers the account's security, so it needs the
 * user's confirmation and a fresh, strong verification (`policy.strongVerification`) — or, on
 * the app's account-recovery path only, `recovery: true` instead of the verification.
 */
export type RemoveOptions =
  | { lastVerifiedAt: Date | null; lastVerifiedWith?: VerificationMethod; confirm: true; recovery?: never }
  | { recovery: true; confirm: true };

/**
 * The passkey server: registration, sign-in, step-up receipts and management. Every method
 * validates its input and either returns its result or rejects with a `PasskeyError`.
 */
export interface PasskeyServer {
  /** Starts adding a passkey for a signed-in user who has just completed a security verification. */
  startRegistration(input: StartRegistrationInput): Promise<StartRegistrationResult>;
  /** Verifies the new passkey and stores it, atomically under the limit. */
  finishRegistration(input: FinishRegistrationInput): Promise<FinishRegistrationResult>;
  /** Starts a sign-in: usernameless by default, for a known user, or for a typed username. */
  startAuthentication(input?: StartAuthenticationInput): Promise<StartAuthenticationResult>;
  /** Verifies a sign-in and tells who signed in. */
  finishAuthentication(input: FinishAuthenticationInput): Promise<FinishAuthenticationResult>;
  /** Starts a step-up bound to one action and its details. */
  startStepUp(input: StartStepUpInput): Promise<StartStepUpResult>;
  /** Verifies a step-up and returns a signed, single-use receipt for its action. */
  finishStepUp(input: FinishStepUpInput): Promise<FinishStepUpResult>;
  /** Checks and spends a receipt for exactly this user, action and details. */
  verifyReceipt(receipt: string, expected: VerifyReceiptInput): Promise<VerifyReceiptResult>;
  /** The public key(s) that sign receipts, for other services. */
  receiptJwks(): Promise<ReceiptJwks>;
  /** The user's passkeys (views, never keys), the limit, the RP ID and the user handle. */
  list(userId: string): Promise<PasskeyList>;
  /** Renames one of the user's passkeys. */
  rename(userId: string, passkeyId: string, name: string): Promise<PasskeyView>;
  /** What removing one of the user's passkeys would do. */
  removalImpact(userId: string, passkeyId: string): Promise<RemovalImpact>;
  /** Removes one of the user's passkeys, with confirmation and a fresh, strong verification. */
  remove(userId: string, passkeyId: string, options: RemoveOptions): Promise<RemoveResult>;
}
