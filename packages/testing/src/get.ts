import { flipLastByte } from './attestation/index';
import { encodeAuthenticatorData, sha256 } from './authenticator-data';
import { concatBytes, toBase64url } from './base64url';
import { encodeClientDataJSON, resolveRpId } from './client-data';
import type { CredentialRecord, CredentialStore } from './credential-store';
import { AuthenticatorError } from './errors';
import { signWith } from './keys';
import { type AuthenticatorSettings, type GetCallOptions, resolveSettings } from './options';
import { prfAtAssertion } from './prf';
import type { AuthenticationResponseJSON, RequestOptionsJSON } from './types';

/** What `get()` needs from the authenticator that owns it. */
export interface GetContext {
  settings: AuthenticatorSettings;
  store: CredentialStore;
}

/**
 * L3 §6.3.3 step 6-7: with `allowCredentials`, only those credentials; without, only
 * discoverable ones. Several matches: the one the call names, else the first (the user's pick).
 */
function pickCredential(ctx: GetContext, rpId: string, options: RequestOptionsJSON, call: GetCallOptions) {
  const allowed = options.allowCredentials?.length ? options.allowCredentials.map((c) => c.id) : undefined;
  const candidates = ctx.store.find(rpId, allowed).filter((c) => allowed !== undefined || c.discoverable);
  const chosen: CredentialRecord | undefined = call.credentialId
    ? candidates.find((c) => c.id === call.credentialId)
    : candidates[0];
  if (!chosen) {
    throw new AuthenticatorError(
      'NotAllowedError',
      `No credential on this authenticator for RP ID "${rpId}"`,
    );
  }
  return chosen;
}

/**
 * `navigator.credentials.get()` with this authenticator (L3 §5.1.4 and §6.3.3): finds the
 * credential, increments its counter, signs authenticatorData || SHA-256(clientDataJSON) and
 * returns the JSON assertion, after applying the call's faults.
 */
export async function getAssertion(
  ctx: GetContext,
  options: RequestOptionsJSON,
  call: GetCallOptions,
): Promise<AuthenticationResponseJSON> {
  const faults = call.faults ?? {};
  const rpId = resolveRpId(call.origin, options.rpId);
  const credential = pickCredential(ctx, rpId, options, call);
  const { flags, counter } = resolveSettings(ctx.settings, { flags: call.flags });
  // Backup eligibility is fixed when the credential is made (L3 §6.1.3); only BS may change later.
  const be = credential.backupEligible;
  const bs = call.flags?.bs ?? credential.backedUp;
  const allowed = options.allowCredentials?.map((c) => c.id) ?? [];
  const prf = prfAtAssertion(options.extensions?.prf, allowed, credential, flags.uv);
  const next = (credential.counter + counter.increment) >>> 0;
  if (faults.counter === undefined) credential.counter = next;
  const authData = encodeAuthenticatorData({
    rpId: faults.rpId ?? rpId,
    flags: { ...flags, be, bs },
    counter: faults.counter ?? next,
    extensions: prf.extensions,
  });
  const clientDataJSON = encodeClientDataJSON({
    type: faults.type ?? 'webauthn.get',
    challenge: faults.challenge ?? options.challenge,
    origin: faults.origin ?? call.origin,
    crossOrigin: false,
  });
  const signed = signWith(
    credential.algorithm,
    credential.privateKey,
    concatBytes(authData, sha256(clientDataJSON)),
  );
  const signature = faults.badSignature ? flipLastByte(signed) : signed;
  const userHandle = faults.userHandle === undefined ? discoverableHandle(credential) : faults.userHandle;
  return {
    id: credential.id,
    rawId: credential.id,
    type: 'public-key',
    authenticatorAttachment: credential.attachment,
    clientExtensionResults: prf.output ? { prf: prf.output } : {},
    response: {
      clientDataJSON: toBase64url(clientDataJSON),
      authenticatorData: toBase64url(authData),
      signature: toBase64url(signature),
      ...(userHandle === null || userHandle === undefined ? {} : { userHandle }),
    },
  };
}

/** Authenticators return the user handle of discoverable credentials (L3 §6.3.3 step 11). */
function discoverableHandle(credential: CredentialRecord): string | undefined {
  return credential.discoverable ? credential.userHandle : undefined;
}
