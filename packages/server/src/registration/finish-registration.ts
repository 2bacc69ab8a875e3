import {
  defaultPasskeyName,
  isAuthenticatorAllowed,
  type Passkey,
  type PasskeyView,
  stepUpRequired,
  toPasskeyView,
  validatePasskeyName,
} from '@acme/passkey-core';
import type { FinishRegistrationInput } from '../api/types';
import { checkAttestationTrust } from '../attestation/trust';
import { isCeremonyId, takeCeremony } from '../ceremonies/ceremony-store';
import type { ServerContext } from '../config/context';
import { SUPPORTED_ALGORITHMS } from '../constants';
import { alreadyRegistered, authenticatorNotAllowed, invalid, limitReached } from '../errors/refusals';
import { reportFailure } from '../errors/report-failure';
import { emit } from '../events/emit';
import { requireObject, requireString } from '../input/validate-input';
import { checkAttestation } from '../webauthn/check-attestation';
import { registrationResponseOf } from '../webauthn/registration-response';
import { describeUserAgent } from './user-agent';

async function verify(ctx: ServerContext, input: FinishRegistrationInput): Promise<Passkey> {
  const body = requireObject(input, 'input');
  if (!isCeremonyId(body.ceremonyId)) invalid('ceremonyId is malformed');
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
    throw authenticatorNotAllowed({ aaguid: attested.aaguid });
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
      defaultPasskeyName({
        aaguid: attested.aaguid,
        attachment,
        transports: response.transports,
        authenticator: ceremony.authenticator,
        // The request's browser and system, through the HTTP handler (its `clientInfo`).
        device: describeUserAgent(ctx.eventContext?.userAgent),
        existingNames: existing.map((p) => p.name),
        maxLength: ctx.policy.nameMaxLength,
      }),
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
      throw alreadyRegistered();
    }
    if (outcome === 'limit') {
      await emit(ctx, 'passkey.limit_reached', { userId: passkey.userId });
      throw limitReached(ctx.policy);
    }
    const view = toPasskeyView(passkey);
    await emit(ctx, 'passkey.registered', { userId: passkey.userId, passkeyId: passkey.id, passkey: view });
    return { passkey: view };
  });
}
