/** What an authenticator is attached by (WebAuthn §5.4.5), null when the client did not say. */
export type AuthenticatorAttachment = 'platform' | 'cross-platform';

/** Whether a credential can leave its device (WebAuthn §6.1.3, backup eligibility). */
export type CredentialDeviceType = 'singleDevice' | 'multiDevice';

/** A stored passkey: everything the server needs to verify it. Never sent to a client. */
export interface Passkey {
  /** base64url credential ID. */
  id: string;
  /** The application's user ID (owner). */
  userId: string;
  /** base64url WebAuthn user handle: random, per user, never the app's user ID. */
  userHandle: string;
  /** COSE public key. */
  publicKey: Uint8Array;
  /** COSE algorithm identifier (e.g. -7 ES256, -8 EdDSA, -257 RS256). */
  algorithm: number;
  /** Signature counter (0 when the authenticator does not keep one). */
  counter: number;
  transports: string[];
  deviceType: CredentialDeviceType;
  /** Backup state (BS flag): the credential is synced. */
  backedUp: boolean;
  /** Authenticator model, as a lowercase UUID string; all zeros when undisclosed. */
  aaguid: string;
  name: string;
  attachment: AuthenticatorAttachment | null;
  /**
   * The authenticator verified the user (UV) at registration. Such a passkey must verify the
   * user on every later use, whatever the policy (WebAuthn L3 §7.2, step 17).
   */
  userVerified: boolean;
  /**
   * The passkey supports the PRF extension (WebAuthn L3 §10.1.4), as the client reported at
   * registration. Absent in records written before it was recorded: read as false.
   */
  prf?: boolean;
  createdAt: Date;
  lastUsedAt: Date | null;
}

/** What an app may show of a passkey: no key material. */
export interface PasskeyView {
  id: string;
  name: string;
  provider: { name: string } | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  /** Backed up (synced to a cloud account). */
  synced: boolean;
  deviceType: CredentialDeviceType;
  transports: string[];
  attachment: AuthenticatorAttachment | null;
  /** Supports the PRF extension: the app can derive keys from it (e.g. for end-to-end encryption). */
  prf: boolean;
}
