/**
 * What the crash harness's clients sent and what they were told. A request ends `acked` (a 2xx),
 * `refused` (an error answer) or `unknown` (the server died before answering: it may or may not
 * have happened). The checks hold the database to every `acked`, forbid what was `refused`, and
 * accept either outcome for `unknown`.
 */
import type { SoftwareAuthenticator } from '@acme/passkey-testing';

export type Outcome = 'acked' | 'refused' | 'unknown';

export interface CrashUser {
  username: string;
  /** Known once the sign-up or a log-in answered. */
  userId: string | null;
  signup: Outcome | null;
  /** The WebAuthn user handle from registration options (base64url). */
  handle: string | null;
}

export interface CrashCredential {
  username: string;
  authenticator: SoftwareAuthenticator;
  publicKey: Uint8Array;
  registration: Outcome;
  removal: Outcome | null;
  /** Highest counter of an acknowledged assertion, and of any assertion sent. */
  ackedCounter: number;
  sentCounter: number;
}

export interface CrashOrder {
  username: string;
  details: { orderId: string; amount: string; asset: string };
  /** Release requests for it, in order: the receipt's ID and what the client was told. */
  releases: Array<{ jti: string; outcome: Outcome; judged?: boolean }>;
}

export interface CrashReceipt {
  username: string;
  action: string;
  receipt: string;
  orderId: string | null;
  /** A release was sent with it (its outcome is on the order). */
  sent: boolean;
  /** The server process that issued it, and when (Redis forgets it 180 s later). */
  epoch: number;
  issuedAt: number;
  /** Sent again after a restart, and refused. */
  replayed: boolean;
  /** Its release was cut off after the receipt was spent: sent again, it must finish the release. */
  interrupted?: boolean;
}

/** A verify request (registration, sign-in, step-up) that may be replayed after a restart. */
export interface SentCeremony {
  username: string;
  ceremonyId: string;
  /** The passkey it registers or asserts with. */
  credentialId: string;
  route: string;
  path: string;
  body: unknown;
  outcome: Outcome;
  /** The server process it was sent to. */
  epoch: number;
}

export function createCrashLedger() {
  return {
    users: new Map<string, CrashUser>(),
    credentials: new Map<string, CrashCredential>(),
    orders: new Map<string, CrashOrder>(),
    receipts: new Map<string, CrashReceipt>(),
    /** Verifies not yet replayed after a restart. */
    ceremonies: [] as SentCeremony[],
  };
}

/** The crash run's ledger. */
export type CrashLedger = ReturnType<typeof createCrashLedger>;
