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
  extensions?: { credProps?: boolean; prf?: PrfInputsJSON };
}

/**
 * PRF inputs (WebAuthn L3 §10.1.4), as bytes or as base64url text (the JSON form of
 * `AuthenticationExtensionsPRFValues`).
 */
export interface PrfValuesJSON {
  first: string | ArrayBuffer | ArrayBufferView;
  second?: string | ArrayBuffer | ArrayBufferView;
}

/** The `prf` extension input: `eval` for any credential, `evalByCredential` by base64url credential ID. */
export interface PrfInputsJSON {
  eval?: PrfValuesJSON;
  evalByCredential?: Record<string, PrfValuesJSON>;
}

/** PRF outputs, 32 bytes each, as `getClientExtensionResults()` gives them. */
export interface PrfOutputs {
  first: ArrayBuffer;
  second?: ArrayBuffer;
}

/** The authentication options a relying party sends (`PublicKeyCredentialRequestOptionsJSON`). */
export interface RequestOptionsJSON {
  challenge: string;
  timeout?: number;
  rpId?: string;
  allowCredentials?: readonly CredentialDescriptorJSON[];
  userVerification?: string;
  extensions?: { prf?: PrfInputsJSON };
}

/** Where the authenticator lives relative to the client device. */
export type AuthenticatorAttachment = 'platform' | 'cross-platform';

/**
 * Client extension outputs: `credProps`, and `prf` (`enabled` at registration; `results` where
 * salts were evaluated, as ArrayBuffers — `JSON.stringify` leaves nothing of them).
 */
export interface ClientExtensionResults {
  credProps?: { rk?: boolean };
  prf?: { enabled?: boolean; results?: PrfOutputs };
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
