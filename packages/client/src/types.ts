/**
 * The client's view of the protocol's wire types (docs/design.md), declared here so the browser bundle never
 * depends on `@acme/passkey-core` at runtime (or at type level for consumers).
 */

/** Where the new passkey should live; the server turns it into WebAuthn hints. */
export type AuthenticatorChoice = 'this-device' | 'other-device' | 'security-key' | 'any';

/** A passkey as an app may show it (`PasskeyView` of `@acme/passkey-core`), dates revived to `Date`. */
export interface PasskeyView {
  /** base64url credential ID. */
  id: string;
  name: string;
  provider: { name: string } | null;
  createdAt: Date;
  /** `null` before the first use. */
  lastUsedAt: Date | null;
  /** Backed up (synced to a cloud account). */
  synced: boolean;
  deviceType: 'singleDevice' | 'multiDevice';
  transports: string[];
  attachment: 'platform' | 'cross-platform' | null;
  /** Supports the PRF extension (WebAuthn L3 §10.1.4): the app can derive keys from it at sign-in. */
  prf: boolean;
}

/** The account's names, as the browser's passkey pickers show them. */
export interface UserDetails {
  name: string;
  displayName: string;
}
