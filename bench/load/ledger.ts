/**
 * What the virtual users were told, kept to be compared with the database after the run: the
 * accounts, the passkeys (public key, highest acknowledged signature counter, name, removal),
 * the orders and their releases, and every receipt issued.
 */
import type { Browser } from './browser';

export interface UserEntry {
  username: string;
  /** The WebAuthn user handle from the registration options (base64url). */
  handle: string | null;
}

export interface CredentialEntry {
  userId: string;
  /** The COSE public key the authenticator made. */
  publicKey: Uint8Array;
  /** The highest counter of an assertion the server acknowledged (0: none yet). */
  counter: number;
  name: string;
  removed: boolean;
}

export interface OrderEntry {
  userId: string;
  released: boolean;
}

export interface ReceiptEntry {
  userId: string;
  action: string;
  receipt: string;
  orderId: string | null;
  /** A route consumed it with a 2xx (the release, or the step-up's own `account.verify`). */
  used: boolean;
  /** The browser whose session may replay it at the end (null: its session ended). */
  replayer: Browser | null;
}

/** The run's ledger. */
export function createLedger() {
  return {
    users: new Map<string, UserEntry>(),
    credentials: new Map<string, CredentialEntry>(),
    orders: new Map<string, OrderEntry>(),
    receipts: new Map<string, ReceiptEntry>(),
    /** Replays made during the run, each refused as expected (any other answer is an error). */
    replaysRefused: 0,

    /** Counts an acknowledged assertion: its counter is now the floor of the stored one. */
    assertionAcknowledged(credentialId: string, counter: number): void {
      const entry = this.credentials.get(credentialId);
      if (entry) entry.counter = Math.max(entry.counter, counter);
    },
  };
}

/** The ledger of one run. */
export type Ledger = ReturnType<typeof createLedger>;
