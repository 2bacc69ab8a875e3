import {
  base64URLStringToBuffer as decode,
  bufferToBase64URLString as encode,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialDescriptorJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import type { PrfOutputs } from './prf';

/** The options a ceremony route answers: creation for `register`, request for `login` and `step-up`. */
export type OptionsJSON = PublicKeyCredentialCreationOptionsJSON | PublicKeyCredentialRequestOptionsJSON;

/** What the browser answered: the JSON for `{route}/verify`, and the PRF outputs kept for the app. */
export interface Answer {
  response: { id: string; response: { userHandle?: string } } & Record<string, unknown>;
  prf?: PrfOutputs;
}

type Binary = ArrayBuffer | null | undefined;
type AnyResponse = Record<string, Binary | (() => unknown)>;

const descriptors = (list?: PublicKeyCredentialDescriptorJSON[]) =>
  list?.length ? list.map((c) => ({ ...c, id: decode(c.id) })) : undefined;

/** The L3 getters of a registration response; a wrapping extension may break them, so each is guarded. */
const GETTERS = [
  ['transports', 'getTransports'],
  ['publicKeyAlgorithm', 'getPublicKeyAlgorithm'],
  ['publicKey', 'getPublicKey'],
  ['authenticatorData', 'getAuthenticatorData'],
] as const;

/**
 * `PublicKeyCredential.toJSON()` (WebAuthn L3 §5.1.8), done by hand: not every browser has it
 * yet. The PRF outputs are taken out: they are the app's secret and never go to the server
 * (L3 §10.1.4). A registration keeps `prf.enabled`, so that the server records the passkey's
 * support: true as well where a client gave outputs without saying `enabled`.
 */
function toJSON(credential: PublicKeyCredential, kind: 'create' | 'get'): Answer {
  const raw = credential.response as unknown as AnyResponse;
  const response: Record<string, unknown> = {};
  for (const key of ['clientDataJSON', 'attestationObject', 'authenticatorData', 'signature', 'userHandle']) {
    const value = raw[key] as Binary;
    if (value) response[key] = encode(value);
  }
  for (const [key, getter] of GETTERS) {
    try {
      const value = (raw[getter] as (() => unknown) | undefined)?.();
      if (value != null) response[key] = value instanceof ArrayBuffer ? encode(value) : value;
    } catch {}
  }
  const { prf, ...extensions } = credential.getClientExtensionResults() as {
    prf?: { enabled?: boolean; results?: PrfOutputs };
  };
  return {
    response: {
      id: credential.id,
      rawId: encode(credential.rawId),
      type: credential.type,
      authenticatorAttachment: credential.authenticatorAttachment ?? undefined,
      clientExtensionResults: prf
        ? { ...extensions, prf: kind === 'create' ? { enabled: !!(prf.enabled ?? prf.results) } : {} }
        : extensions,
      response: response as Answer['response']['response'],
    },
    ...(prf?.results && { prf: prf.results }),
  };
}

let latest: AbortController | undefined;

/**
 * `navigator.credentials.create()` or `get()` with the server's JSON options turned into
 * bytes (L3 §5.1.9, §5.1.10) and the app's extension inputs added. Starting a ceremony aborts
 * the one before it: a browser runs one at a time, and an autofill request would otherwise
 * hold a modal sign-in back. `stop` ends this one; a rejection is the browser's own error,
 * which `ceremonyFailure` maps by name. (SimpleWebAuthn's `startRegistration` and
 * `startAuthentication` do the same, with 3.4 KB of error messages that would be thrown
 * away here: the client keeps its encoders and feature checks only, for its size budget.)
 */
export async function runWebAuthn(
  kind: 'create' | 'get',
  options: OptionsJSON,
  call: { mediation?: 'conditional'; extensions?: object; stop: AbortController },
): Promise<Answer> {
  const { mediation, stop } = call;
  latest?.abort();
  latest = stop;
  const o = options as PublicKeyCredentialCreationOptionsJSON & PublicKeyCredentialRequestOptionsJSON;
  const publicKey = {
    ...o,
    challenge: decode(o.challenge),
    extensions: { ...o.extensions, ...call.extensions },
    ...(kind === 'create'
      ? { user: { ...o.user, id: decode(o.user.id) }, excludeCredentials: descriptors(o.excludeCredentials) }
      : // Autofill lists no credentials: the browser offers every passkey for the RP ID.
        { allowCredentials: mediation ? [] : descriptors(o.allowCredentials) }),
  };
  const credential = await navigator.credentials[kind]({
    publicKey,
    mediation,
    signal: stop.signal,
  } as CredentialCreationOptions & CredentialRequestOptions);
  return toJSON(credential as PublicKeyCredential, kind);
}
