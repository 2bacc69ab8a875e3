import type { Passkey } from '../types';

/** Outcome of {@link PasskeyStore.create}. */
export type CreateResult = 'created' | 'limit' | 'duplicate';

/** The facts of one successful assertion, written by {@link PasskeyStore.recordUse}. */
export interface PasskeyUse {
  /** The counter the server read before verifying; the write happens only if it is still stored. */
  expectedCounter: number;
  counter: number;
  backedUp: boolean;
  usedAt: Date;
}

/**
 * Where passkeys live. Implementations report outcomes by return value and throw only when
 * the storage itself fails (the server maps that to `STORE_UNAVAILABLE`). Every method that
 * takes a `userId` is scoped by it: another user's passkey is "not found".
 * Lists are ordered by `createdAt`, oldest first.
 */
export interface PasskeyStore {
  /** The passkey with this credential ID, whoever owns it, or null. */
  get(id: string): Promise<Passkey | null>;
  /** A user's passkeys, oldest first (empty when none). */
  listByUser(userId: string): Promise<Passkey[]>;
  /**
   * Stores a new passkey. Atomic under any concurrency, across any number of processes:
   * a user never ends with more than `maxPerUser` passkeys (`'limit'`), and a credential ID
   * is never stored twice (`'duplicate'`, checked first). No partial write on failure.
   */
  create(passkey: Passkey, options: { maxPerUser: number }): Promise<CreateResult>;
  /**
   * Compare-and-set: writes the counter, backup state and last use only if the stored counter
   * still equals `expectedCounter`; returns whether it wrote. A concurrent assertion therefore
   * cannot move a counter back, and of two racing uses of one counter value only one lands.
   */
  recordUse(id: string, use: PasskeyUse): Promise<boolean>;
  /** Renames the user's passkey; null when the user has no passkey with this ID. */
  rename(userId: string, id: string, name: string): Promise<Passkey | null>;
  /** Removes the user's passkey; false when the user has no passkey with this ID. */
  remove(userId: string, id: string): Promise<boolean>;
  /**
   * Optional, for export and moving passkeys between stores: every stored passkey, one page at a
   * time, in ascending credential ID order (compared by UTF-16 code unit, as SQL's `COLLATE "C"` /
   * `utf8mb4_bin` do), starting after the ID `after` (null: from the start), at most `limit`.
   */
  scan?(options: ScanOptions): Promise<Passkey[]>;
}

/** A page request of {@link PasskeyStore.scan}. */
export interface ScanOptions {
  /** The last ID of the previous page, or null for the first page. */
  after: string | null;
  /** Most passkeys in the page (at least 1). */
  limit: number;
}

/** A ceremony or receipt record: JSON-serialisable, carrying its expiry (epoch ms, the server's clock). */
export interface ChallengeRecord {
  expiresAt: number;
  [key: string]: unknown;
}

/**
 * Single-use records: WebAuthn ceremonies and issued receipt IDs.
 * Expiry is the server's to judge (it compares `expiresAt` with its own clock after `take`);
 * a store uses `ttlMs` on its own clock only to clean up, and `take` returns any record still present.
 */
export interface ChallengeStore {
  /** Stores a record under a fresh random ID. */
  put(id: string, record: ChallengeRecord, options: { ttlMs: number }): Promise<void>;
  /** Atomically removes and returns the record: at most one caller, ever, gets it. */
  take(id: string): Promise<ChallengeRecord | null>;
}
