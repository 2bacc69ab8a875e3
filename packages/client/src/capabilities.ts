import { browserSupportsWebAuthnAutofill } from '@simplewebauthn/browser';

/** What this browser can do, for an app to show or hide its passkey buttons. */
export interface Capabilities {
  /** WebAuthn is available at all. */
  webauthn: boolean;
  /** A user-verifying platform authenticator (Face ID, fingerprint, Windows Hello, device PIN). */
  platformAuthenticator: boolean;
  /** Passkeys offered in the username field's autofill (conditional mediation). */
  autofill: boolean;
  /** A phone can be used by scanning a QR code (the hybrid transport). */
  hybrid: boolean;
  /** Automatic passkey upgrade: `create()` with conditional mediation, used by `upgrade()`. */
  conditionalCreate: boolean;
  /** The WebAuthn signal methods this browser has. */
  signals: { unknownCredential: boolean; allAcceptedCredentials: boolean; currentUserDetails: boolean };
}

type Check = () => boolean | Promise<boolean> | undefined;
type PKC = Partial<Record<string, () => Promise<never>>>;

const yes = async (check: Check): Promise<boolean> => {
  try {
    return (await check()) === true;
  } catch {
    return false;
  }
};

/**
 * Reads `PublicKeyCredential.getClientCapabilities()` (WebAuthn L3 §5.1.7) and falls back to
 * the older individual checks (`isUserVerifyingPlatformAuthenticatorAvailable()`,
 * `isConditionalMediationAvailable()`, the signal methods' presence) for what it leaves
 * unknown. A capability nobody confirms is `false`: the app shows only what is known to work.
 * Never throws; outside a browser everything is `false`.
 */
export async function capabilities(): Promise<Capabilities> {
  const pkc = (globalThis as { PublicKeyCredential?: unknown }).PublicKeyCredential as PKC | undefined;
  const webauthn = typeof pkc === 'function';
  let caps: Record<string, boolean | undefined> = {};
  try {
    caps = (await pkc?.getClientCapabilities?.()) ?? caps;
  } catch {}
  const ask = (key: string, fallback: Check) => yes(() => caps[key] ?? fallback());
  const has = (key: string) => yes(() => caps[key] ?? typeof pkc?.[key] === 'function');
  return {
    webauthn,
    platformAuthenticator: await ask('userVerifyingPlatformAuthenticator', () =>
      pkc?.isUserVerifyingPlatformAuthenticatorAvailable?.(),
    ),
    autofill: await ask('conditionalGet', browserSupportsWebAuthnAutofill),
    hybrid: await yes(() => caps.hybridTransport),
    conditionalCreate: await yes(() => caps.conditionalCreate),
    signals: {
      unknownCredential: await has('signalUnknownCredential'),
      allAcceptedCredentials: await has('signalAllAcceptedCredentials'),
      currentUserDetails: await has('signalCurrentUserDetails'),
    },
  };
}
