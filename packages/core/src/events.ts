import type { PasskeyErrorCode } from './errors';
import type { PasskeyView } from './types';

/** The kinds of {@link PasskeyEvent}. */
export type PasskeyEventType =
  | 'passkey.registered'
  | 'passkey.authenticated'
  | 'passkey.renamed'
  | 'passkey.removed'
  | 'passkey.limit_reached'
  | 'passkey.counter_regression'
  | 'step_up.verified'
  | 'ceremony.failed';

/** Where a request came from, as the HTTP handler's `clientInfo` tells it. */
export interface PasskeyEventContext {
  ip?: string;
  userAgent?: string;
}

/**
 * An audit event, given to the server's `onEvent` hook, from which an app notifies its users
 * ("a passkey was added to your account from Chrome on Windows — not you?"). It carries
 * identifiers, a passkey's view and an error code: never a challenge, key, signature, receipt
 * or user handle.
 */
export interface PasskeyEvent {
  type: PasskeyEventType;
  at: Date;
  userId?: string;
  passkeyId?: string;
  /** For `ceremony.failed`: why. */
  code?: PasskeyErrorCode;
  /** For `passkey.registered` and `passkey.removed`: the passkey as the user knows it. */
  passkey?: PasskeyView;
  /** For `passkey.removed` through the app's account-recovery path (no verification asked). */
  recovery?: true;
  /** For events raised through the HTTP handler: who asked (from its `clientInfo`). */
  context?: PasskeyEventContext;
  /** For `step_up.verified`: the action the passkey approved. */
  action?: string;
}
