import type { PasskeyErrorCode } from './errors';

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

/**
 * An audit event, given to the server's `onEvent` hook. It carries identifiers and an
 * error code only: never a challenge, key, signature, receipt or user handle.
 */
export interface PasskeyEvent {
  type: PasskeyEventType;
  at: Date;
  userId?: string;
  passkeyId?: string;
  /** For `ceremony.failed`: why. */
  code?: PasskeyErrorCode;
}
