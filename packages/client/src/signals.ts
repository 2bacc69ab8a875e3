/** The WebAuthn signals the client sends by itself; each can be switched off in its options. */
export type SignalName = 'unknownCredential' | 'allAcceptedCredentials' | 'currentUserDetails';

/**
 * WebAuthn L3 signal methods (§5.1.10): hints that let the browser and password managers
 * hide passkeys the server no longer accepts and show current account names:
 * - `signalUnknownCredential({ rpId, credentialId })`: the server does not know it;
 * - `signalAllAcceptedCredentials({ rpId, userId, allAcceptedCredentialIds })`: only these
 *   remain for this user handle;
 * - `signalCurrentUserDetails({ rpId, userId, name, displayName })`: the account's names.
 * They are best effort: feature-detected, and a failure never reaches the app. Resolves to
 * whether the browser took it; `false` too when the app switched it off
 * (`signals: { [name]: false }`).
 */
export async function sendSignal(
  ctx: { signals?: Partial<Record<SignalName, boolean>> },
  name: SignalName,
  options: { rpId: string } & Record<string, unknown>,
): Promise<boolean> {
  const pkc = (globalThis as { PublicKeyCredential?: unknown }).PublicKeyCredential as
    | Record<string, unknown>
    | undefined;
  const method = pkc?.[`signal${name[0]!.toUpperCase()}${name.slice(1)}`];
  if (ctx.signals?.[name] === false || typeof method !== 'function') return false;
  try {
    await method.call(pkc, options);
    return true;
  } catch {
    return false;
  }
}
