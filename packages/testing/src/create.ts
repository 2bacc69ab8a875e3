import { randomBytes } from 'node:crypto';
import { aaguidToBytes, ZERO_AAGUID } from './aaguid';
import { type AlgorithmName, COSE_ALGORITHM, chooseAlgorithm } from './algorithms';
import type { AttestationCa } from './attestation/ca';
import { encodeAttestationObject } from './attestation/index';
import { encodeAuthenticatorData } from './authenticator-data';
import { toBase64url } from './base64url';
import { encodeCbor } from './cbor';
import { encodeClientDataJSON, resolveRpId } from './client-data';
import { coseKeyOf } from './cose';
import type { CredentialStore } from './credential-store';
import { AuthenticatorError } from './errors';
import { generateKeyPair, spkiOf } from './keys';
import { type AuthenticatorSettings, type CreateCallOptions, resolveSettings } from './options';
import { prfAtCreation } from './prf';
import type { CreationOptionsJSON, RegistrationResponseJSON } from './types';

/** What `create()` needs from the authenticator that owns it. */
export interface CreateContext {
  settings: AuthenticatorSettings;
  store: CredentialStore;
  ca: () => AttestationCa;
}

/** L3 §5.1.3 step 17-18: a discoverable credential when the RP requires or prefers one. */
function wantsDiscoverable(selection: CreationOptionsJSON['authenticatorSelection']): boolean {
  if (selection?.residentKey !== undefined) return selection.residentKey !== 'discouraged';
  return selection?.requireResidentKey === true;
}

function algorithmFor(
  ctx: CreateContext,
  options: CreationOptionsJSON,
  call: CreateCallOptions,
): AlgorithmName {
  const preferred = call.algorithm ?? ctx.settings.algorithm;
  const u2f = (call.attestation ?? ctx.settings.attestation) === 'fido-u2f';
  if (u2f && preferred !== undefined && preferred !== 'ES256') {
    throw new AuthenticatorError('ConstraintError', `fido-u2f attestation needs ES256, not ${preferred}`);
  }
  return chooseAlgorithm(options.pubKeyCredParams, preferred ?? 'ES256', u2f ? ['ES256'] : undefined);
}

/**
 * `navigator.credentials.create()` with this authenticator (L3 §5.1.3 and §6.3.2): checks the RP
 * ID against the origin, honours `excludeCredentials`, makes a key pair and returns the JSON
 * registration response, after applying the call's faults.
 */
export async function createCredential(
  ctx: CreateContext,
  options: CreationOptionsJSON,
  call: CreateCallOptions,
): Promise<RegistrationResponseJSON> {
  const settings = resolveSettings(ctx.settings, call);
  const faults = call.faults ?? {};
  const rpId = resolveRpId(call.origin, options.rp.id);
  const algorithm = algorithmFor(ctx, options, call);
  const excluded = options.excludeCredentials?.map((c) => c.id) ?? [];
  if (excluded.length > 0 && ctx.store.find(rpId, excluded).length > 0) {
    throw new AuthenticatorError(
      'InvalidStateError',
      'A credential in excludeCredentials is on this authenticator',
    );
  }
  const prf = prfAtCreation(options.extensions?.prf, settings.prf, settings.flags.uv);
  const u2f = settings.attestation === 'fido-u2f';
  const aaguid = aaguidToBytes(u2f ? ZERO_AAGUID : settings.aaguid);
  const keys = generateKeyPair(algorithm);
  const credentialId = new Uint8Array(randomBytes(32));
  const cosePublicKey = coseKeyOf(algorithm, keys.publicKey);
  const publicKey = encodeCbor(cosePublicKey);
  const authData = encodeAuthenticatorData({
    rpId: faults.rpId ?? rpId,
    flags: settings.flags,
    counter: faults.counter ?? settings.counter.start,
    attested: { aaguid, credentialId, cosePublicKey: publicKey },
    extensions: prf.extensions,
  });
  const clientDataJSON = encodeClientDataJSON({
    type: faults.type ?? 'webauthn.create',
    challenge: faults.challenge ?? options.challenge,
    origin: faults.origin ?? call.origin,
    crossOrigin: false,
  });
  const attestationObject = encodeAttestationObject({
    format: settings.attestation,
    algorithm,
    credentialKey: keys.privateKey,
    credentialId,
    cosePublicKey,
    authData,
    clientDataJSON,
    aaguid,
    ca: ctx.ca,
    badSignature: faults.badSignature === true,
  });
  const id = toBase64url(credentialId);
  const discoverable = settings.discoverable ?? wantsDiscoverable(options.authenticatorSelection);
  ctx.store.add({
    id,
    rpId,
    userHandle: options.user.id,
    userName: options.user.name,
    counter: settings.counter.start,
    algorithm,
    coseAlgorithm: COSE_ALGORITHM[algorithm],
    publicKey,
    discoverable,
    transports: [...settings.transports],
    aaguid: u2f ? ZERO_AAGUID : settings.aaguid.toLowerCase(),
    attachment: settings.attachment,
    backupEligible: settings.flags.be,
    backedUp: settings.flags.bs,
    prf: prf.credRandom !== null,
    privateKey: keys.privateKey,
    credRandom: prf.credRandom,
  });
  return {
    id,
    rawId: id,
    type: 'public-key',
    authenticatorAttachment: settings.attachment,
    clientExtensionResults: {
      ...(options.extensions?.credProps && { credProps: { rk: discoverable } }),
      ...(prf.output && { prf: prf.output }),
    },
    response: {
      clientDataJSON: toBase64url(clientDataJSON),
      attestationObject: toBase64url(attestationObject),
      authenticatorData: toBase64url(authData),
      transports: [...settings.transports],
      publicKeyAlgorithm: COSE_ALGORITHM[algorithm],
      publicKey: toBase64url(spkiOf(keys.publicKey)),
    },
  };
}
