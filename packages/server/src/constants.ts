/** Fixed values of the protocol: authenticator choices, mediations, hints and algorithms. */

/** Which authenticator the user picked: mapped to WebAuthn L3 hints (and an attachment at registration). */
export type AuthenticatorChoice = 'this-device' | 'other-device' | 'security-key' | 'any';
/** The values of {@link AuthenticatorChoice}. */
export const AUTHENTICATOR_CHOICES = ['this-device', 'other-device', 'security-key', 'any'] as const;

/** WebAuthn L3 hints and attachment for each choice (this device, another device by QR, a security key). */
export const HINTS: Record<
  AuthenticatorChoice,
  { hints: string[]; attachment?: 'platform' | 'cross-platform' }
> = {
  'this-device': { hints: ['client-device'], attachment: 'platform' },
  'other-device': { hints: ['hybrid'], attachment: 'cross-platform' },
  'security-key': { hints: ['security-key'], attachment: 'cross-platform' },
  any: { hints: [] },
};

/** `'conditional'`: autofill at sign-in, automatic upgrade at registration. */
export const MEDIATIONS = ['modal', 'conditional'] as const;

/** EdDSA, ES256, RS256: what passkey providers and security keys use (COSE identifiers). */
export const SUPPORTED_ALGORITHMS = [-8, -7, -257];
