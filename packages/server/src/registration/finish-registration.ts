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
import { checkAttestationTrust } from '../attestation/trust';
import { isCeremonyId, takeCeremony } from '../internal/ceremonies';
import type { ServerContext } from '../internal/context';
import { emit } from '../internal/events';
import { reportFailure } from '../internal/failures';
import { requireObject, requireString } from '../internal/input';
import { checkAttestation } from '../webauthn/check-attestation';
import { registrationResponseOf } from '../webauthn/registration-response';
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
  // Parsed once (or handed on already parsed by the HTTP handler's shape check): 400 before the
  // ceremony is spent.
  const response = registrationResponseOf(body.response);
  const name = body.name === undefined ? undefined : validatePasskeyName(body.name, ctx.policy);

  // From here on the ceremony is spent, whatever follows.
  const ceremony = await takeCeremony(ctx, body.ceremonyId, 'registration', userId);
  // An automatic upgrade (conditional create) is made without presence or verification (§5.1.3).
  const conditional = ceremony.conditional === true;
  await checkAttestation(response, {
    challenge: ceremony.challenge,
    origins: ctx.origins,
    rpId: ctx.rpId,
    rpIdHash: await ctx.rpIdHash,
    userPresence: !conditional,
    userVerification: !conditional && ctx.policy.userVerification === 'required',
    algorithms: SUPPORTED_ALGORITHMS,
  });
  const { attestation } = response;
  const { attested, flags, counter } = attestation.authData;
  await checkAttestationTrust(ctx, attestation);
  if (!isAuthenticatorAllowed(attested.aaguid, ctx.policy)) {
    throw new PasskeyError('AUTHENTICATOR_NOT_ALLOWED', 'This authenticator model is not allowed here', {
      details: { aaguid: attested.aaguid },
    });
  }
  const existing = await ctx.store.listByUser(userId);
  // Started as a first passkey on a weak verification, but the account has one now: refused as
  // it would be at the start (the thief's ceremony must not outrun the owner's enrolment).
  if (existing.length > 0 && ceremony.strong !== true) throw stepUpRequired(true, ctx.policy);
  const { attachment } = response;
  return {
    id: response.id,
    userId,
    userHandle: ceremony.userHandle,
    publicKey: attested.publicKey,
    algorithm: attestation.publicKey.alg,
    counter,
    transports: response.transports,
    deviceType: flags.be ? 'multiDevice' : 'singleDevice',
    backedUp: flags.bs,
    aaguid: attested.aaguid,
    name:
      name ??
      defaultPasskeyName({ aaguid: attested.aaguid, attachment, existingNames: existing.map((p) => p.name) }),
    attachment,
    userVerified: flags.uv,
    prf: prfEnabled(response.clientExtensionResults),
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

/**
 * Verifies a registration (WebAuthn L3 §7.1) and stores the passkey atomically under the limit.
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
