/**
 * The WebAuthn JSON forms (L3 §5.1.8-§5.1.10), declared here so the published types need no
 * runtime dependency. They are structurally compatible with `@simplewebauthn/server`'s: its
 * options can be passed in and these responses handed to its verifiers.
 */

/** A credential reference in `allowCredentials` / `excludeCredentials`. */
export interface CredentialDescriptorJSON {
  id: string;
  type: string;
  transports?: readonly string[];
}

/** The registration options a relying party sends (`PublicKeyCredentialCreationOptionsJSON`). */
export interface CreationOptionsJSON {
  rp: { id?: string; name: string };
  user: { id: string; name: string; displayName: string };
  challenge: string;
  pubKeyCredParams: readonly { type: string; alg: number }[];
  timeout?: number;
  excludeCredentials?: readonly CredentialDescriptorJSON[];
  authenticatorSelection?: {
    authenticatorAttachment?: string;
    residentKey?: string;
    requireResidentKey?: boolean;
    userVerification?: string;
  };
  attestation?: string;
  extensions?: { credProps?: boolean };
}

/** The authentication options a relying party sends (`PublicKeyCredentialRequestOptionsJSON`). */
export interface RequestOptionsJSON {
  challenge: string;
  timeout?: number;
  rpId?: string;
  allowCredentials?: readonly CredentialDescriptorJSON[];
  userVerification?: string;
}

/** Where the authenticator lives relative to the client device. */
export type AuthenticatorAttachment = 'platform' | 'cross-platform';

/** Client extension outputs; only `credProps` is produced. */
export interface ClientExtensionResults {
  credProps?: { rk?: boolean };
}

/** `RegistrationResponseJSON`: what `PublicKeyCredential.toJSON()` gives after `create()`. */
export interface RegistrationResponseJSON {
  id: string;
  rawId: string;
  type: 'public-key';
  authenticatorAttachment?: AuthenticatorAttachment;
  clientExtensionResults: ClientExtensionResults;
  response: {
    clientDataJSON: string;
    attestationObject: string;
    authenticatorData?: string;
    transports?: string[];
    publicKeyAlgorithm?: number;
    publicKey?: string;
  };
}

/** `AuthenticationResponseJSON`: what `PublicKeyCredential.toJSON()` gives after `get()`. */
export interface AuthenticationResponseJSON {
  id: string;
  rawId: string;
  type: 'public-key';
  authenticatorAttachment?: AuthenticatorAttachment;
  clientExtensionResults: ClientExtensionResults;
  response: {
    clientDataJSON: string;
    authenticatorData: string;
    signature: string;
    userHandle?: string;
  };
}
