import type { PasskeyPolicy } from './policy';

/**
 * Applies the policy's AAGUID allow/deny lists. With an allow list, only listed models
 * pass (an undisclosed all-zero AAGUID then fails); a denied AAGUID never passes.
 */
export function isAuthenticatorAllowed(
  aaguid: string,
  policy: Pick<PasskeyPolicy, 'authenticators'>,
): boolean {
  const id = aaguid.toLowerCase();
  const { allow, deny } = policy.authenticators;
  if (deny?.includes(id)) return false;
  if (allow !== undefined) return allow.includes(id);
  return true;
}
