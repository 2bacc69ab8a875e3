import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type VerifiedAuthenticationResponse,
  type VerifiedRegistrationResponse,
} from '@simplewebauthn/server';

export const RP_ID = 'example.com';
export const ORIGIN = 'https://example.com';

/** Real registration options, as a relying party using SimpleWebAuthn would send them. */
export function registrationOptions(
  overrides: Partial<Parameters<typeof generateRegistrationOptions>[0]> = {},
) {
  return generateRegistrationOptions({
    rpName: 'Example',
    rpID: RP_ID,
    userName: 'alice@example.com',
    attestationType: 'direct',
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    ...overrides,
  });
}

/** Real authentication options for the given credential IDs (none: usernameless). */
export function authenticationOptions(credentialIds: string[] = []) {
  return generateAuthenticationOptions({
    rpID: RP_ID,
    allowCredentials: credentialIds.map((id) => ({ id })),
    userVerification: 'required',
  });
}

/**
 * Whether the verifier refused: it threw, or answered `verified: false`. SimpleWebAuthn does
 * both, depending on the check that failed.
 */
export async function refused(
  verification: Promise<VerifiedRegistrationResponse | VerifiedAuthenticationResponse>,
): Promise<boolean> {
  try {
    return !(await verification).verified;
  } catch {
    return true;
  }
}
