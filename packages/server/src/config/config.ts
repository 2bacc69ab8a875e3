import type { ChallengeStore, PasskeyEvent, PasskeyPolicy, PasskeyStore } from '@acme/passkey-core';

/** Where the server reports what it cannot put in a response (hook failures, key warnings). */
export interface PasskeyLogger {
  warn(message: string, ...args: unknown[]): void;
  error(message: string, ...args: unknown[]): void;
}

/** Signing of step-up receipts (compact JWS, ES256). */
export interface ReceiptConfig {
  /** A P-256 private key, as a WebCrypto `CryptoKey` or a JWK. Several instances must share one. */
  privateKey: CryptoKey | JsonWebKey;
  /** The receipts' `iss`. Default: the RP ID. */
  issuer?: string;
  /** Receipt lifetime. Default 120 s. */
  ttlSeconds?: number;
}

/** Configuration of {@link createPasskeyServer}. Validated at once; never mutated. */
export interface PasskeyServerConfig {
  /** The relying party: `id` is the RP ID (a domain, e.g. `example.com` or `localhost`). */
  rp: { id: string; name: string };
  /** Accepted origins: web (`https://example.com`) and native (`android:apk-key-hash:…`). */
  origins: string[];
  /**
   * Origins of other sites that use this RP ID (WebAuthn L3 §5.11, related origins), e.g.
   * `https://example.co.uk` for RP ID `example.com`: accepted like `origins`. Serve the same list at
   * the RP ID's `/.well-known/webauthn` with `createWellKnownHandler({ relatedOrigins })`. At most
   * five distinct labels (checked at once).
   */
  relatedOrigins?: string[];
  /** Default: in memory (one process only). */
  store?: PasskeyStore;
  /** Default: in memory (one process only). */
  challenges?: ChallengeStore;
  policy?: Partial<PasskeyPolicy>;
  /** Default: a key generated on first use, with a warning (it cannot be shared between instances). */
  receipts?: ReceiptConfig;
  /**
   * Keys the fake credential IDs given for unknown usernames. Random per process if absent:
   * several instances must share one, or an attacker could tell unknown names apart.
   */
  secret?: string | Uint8Array;
  /**
   * Resolves a username typed on the sign-in page to the app's user, or null when no one has it:
   * `startAuthentication({ username })` then binds the ceremony to that user (or to no one), and
   * answers alike for both, so that sign-in never tells which names exist.
   */
  findUser?: (username: string) => { id: string } | null | Promise<{ id: string } | null>;
  /**
   * How usernames are compared, applied before `findUser` and to the answers for unknown names:
   * the same equivalence as `findUser`'s (e.g. trimmed and lowercased), or two spellings of one
   * name would tell a known name from an unknown one. Default: as typed.
   */
  normalizeUsername?: (username: string) => string;
  /** Audit events; awaited, and an error it throws is logged, never fails a ceremony. */
  onEvent?: (event: PasskeyEvent) => void | Promise<void>;
  /** Injectable clock. Default `() => new Date()`. */
  now?: () => Date;
  /** Default: `console`. */
  logger?: PasskeyLogger;
}
