import {
  defaultPasskeyName,
  isAuthenticatorAllowed,
  type Passkey,
  PasskeyError,
  type PasskeyView,
  stepUpRequired,
  toPasskeyView,
  validatePasskeyName,
} from '@acme/passkey-core';
import { verifyRegistrationResponse } from '@simplewebauthn/server';
import { decodeCredentialPublicKey } from '@simplewebauthn/server/helpers';
import { checkAttestationTrust } from '../attestation/trust';
import { isCeremonyId, takeCeremony } from '../internal/ceremonies';
import { checkAuthData, checkClientData } from '../internal/checks';
import type { ServerContext } from '../internal/context';
import { toBase64Url } from '../internal/encoding';
import { emit } from '../internal/events';
import { reportFailure } from '../internal/failures';
import { requireObject, requireString } from '../internal/input';
import { decodeRegistrationResponse } from '../internal/response-shape';
import { SUPPORTED_ALGORITHMS } from './start-registration';

/** Input of `finishRegistration`. */
export interface FinishRegistrationInput {
  ceremonyId: string;
  userId: string;
  /** The browser's `RegistrationResponseJSON`. */
  response: unknown;
  /** Optional name; default from the AAGUID catalogue or the attachment. */
  name?: string;
}

async function verify(ctx: ServerContext, input: FinishRegistrationInput): Promise<Passkey> {
  const body = requireObject(input, 'input');
  if (!isCeremonyId(body.ceremonyId)) throw new PasskeyError('INVALID_REQUEST', 'ceremonyId is malformed');
  const userId = requireString(body.userId, 'userId');
  const decoded = decodeRegistrationResponse(body.response);
  const name = body.name === undefined ? undefined : validatePasskeyName(body.name, ctx.policy);

  // From here on the ceremony is spent, whatever follows.
  const ceremony = await takeCeremony(ctx, body.ceremonyId, 'registration', userId);
  const conditional = ceremony.conditional === true;
  checkClientData(ctx, decoded.clientData, { type: 'webauthn.create', challenge: ceremony.challenge });
  // An automatic upgrade (conditional create) is made without presence or verification (§5.1.3).
  const presence = !conditional;
  const verification = !conditional && ctx.policy.userVerification === 'required';
  await checkAuthData(ctx, decoded.authData, { presence, verification });
  if (toBase64Url(decoded.authData.credentialID!) !== decoded.json.id) {
    throw new PasskeyError('VERIFICATION_FAILED', 'The credential ID does not match the authenticator data');
  }
  let info: Awaited<ReturnType<typeof verifyRegistrationResponse>>['registrationInfo'];
  try {
    const result = await verifyRegistrationResponse({
      response: decoded.json,
      expectedChallenge: ceremony.challenge,
      expectedOrigin: ctx.origins,
      expectedRPID: ctx.rpId,
      requireUserPresence: presence,
      requireUserVerification: verification,
      supportedAlgorithmIDs: SUPPORTED_ALGORITHMS,
    });
    info = result.registrationInfo;
  } catch (err) {
    throw new PasskeyError('VERIFICATION_FAILED', 'The registration response could not be verified', {
      cause: err,
    });
  }
  if (info === undefined)
    throw new PasskeyError('VERIFICATION_FAILED', 'The registration response was not verified');
  await checkAttestationTrust(ctx, decoded.json.response.attestationObject, info.aaguid);
  if (!isAuthenticatorAllowed(info.aaguid, ctx.policy)) {
    throw new PasskeyError('AUTHENTICATOR_NOT_ALLOWED', 'This authenticator model is not allowed here', {
      details: { aaguid: info.aaguid },
    });
  }
  const existing = await ctx.store.listByUser(userId);
  // Started as a first passkey on a weak verification, but the account has one now: refused as
  // it would be at the start (the thief's ceremony must not outrun the owner's enrolment).
  if (existing.length > 0 && ceremony.strong !== true) throw stepUpRequired(true, ctx.policy);
  const attachment = decoded.json.authenticatorAttachment ?? null;
  return {
    id: decoded.json.id,
    userId,
    userHandle: ceremony.userHandle as string,
    publicKey: new Uint8Array(info.credential.publicKey),
    algorithm: coseAlgorithm(info.credential.publicKey),
    counter: info.credential.counter,
    transports: decoded.json.response.transports ?? [],
    deviceType: info.credentialDeviceType,
    backedUp: info.credentialBackedUp,
    aaguid: info.aaguid,
    name:
      name ??
      defaultPasskeyName({ aaguid: info.aaguid, attachment, existingNames: existing.map((p) => p.name) }),
    attachment,
    userVerified: decoded.authData.flags.uv,
    prf: prfEnabled(decoded.json.clientExtensionResults),
    createdAt: ctx.now(),
    lastUsedAt: null,
  };
}

/**
 * Whether the client reported PRF support at creation (WebAuthn L3 §10.1.4: `prf.enabled`, or
 * results evaluated at creation). Only the flag is kept: PRF outputs are the user's secrets and
 * are never stored or logged.
 */
function prfEnabled(results: unknown): boolean {
  const prf = (results as { prf?: { enabled?: unknown; results?: unknown } } | undefined)?.prf;
  return (
    prf?.enabled === true ||
    (prf?.enabled === undefined && typeof prf?.results === 'object' && prf.results !== null)
  );
}

/** The COSE `alg` (label 3) of a credential public key. */
function coseAlgorithm(coseKey: Uint8Array): number {
  const alg = decodeCredentialPublicKey(coseKey as Uint8Array<ArrayBuffer>).get(3);
  if (typeof alg !== 'number')
    throw new PasskeyError('VERIFICATION_FAILED', 'The public key names no algorithm');
  return alg;
}

/**
 * Verifies a registration (WebAuthn §7.1) and stores the passkey atomically under the limit.
 */
export async function finishRegistration(
  ctx: ServerContext,
  input: FinishRegistrationInput,
): Promise<{ passkey: PasskeyView }> {
  const userId = typeof input?.userId === 'string' ? input.userId : undefined;
  return reportFailure(ctx, userId, async () => {
    const passkey = await verify(ctx, input);
    const outcome = await ctx.store.create(passkey, { maxPerUser: ctx.policy.maxPasskeysPerUser });
    if (outcome === 'duplicate') {
      throw new PasskeyError('CREDENTIAL_ALREADY_REGISTERED', 'This passkey is already registered');
    }
    if (outcome === 'limit') {
      await emit(ctx, 'passkey.limit_reached', { userId: passkey.userId });
      throw new PasskeyError('PASSKEY_LIMIT_REACHED', 'This account has the most passkeys it may have', {
        details: { limit: ctx.policy.maxPasskeysPerUser },
      });
    }
    const view = toPasskeyView(passkey);
    await emit(ctx, 'passkey.registered', { userId: passkey.userId, passkeyId: passkey.id, passkey: view });
    return { passkey: view };
  });
}
