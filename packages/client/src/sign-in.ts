import {
  browserSupportsWebAuthnAutofill,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import { begin } from './ceremony';
import { type PasskeyJSON, revive } from './http';
import type { Context } from './manage';
import type { SignInResult } from './outcomes';
import { type PrfInput, prfExtension } from './prf';
import { sendSignal } from './signals';
import type { AuthenticatorChoice, UserDetails } from './types';

/** Options of `signIn()`. */
export interface SignInOptions {
  /** `'modal'` (default): a button. `'conditional'`: passkeys in the username field's autofill. */
  mediation?: 'modal' | 'conditional';
  /** A typed username: the server may bind the ceremony to that user's passkeys. */
  username?: string;
  /**
   * Where the passkey is: `'other-device'` is a phone or tablet over QR (the hybrid
   * transport), `'this-device'` the platform authenticator, `'security-key'` a USB/NFC key.
   * The server turns it into WebAuthn hints; default `'any'`.
   */
  authenticator?: AuthenticatorChoice;
  /** PRF salts to evaluate: the outputs come back as `prf` in the outcome, never to the server. */
  prf?: PrfInput;
  signal?: AbortSignal;
}

/**
 * Signs in with a passkey: `login/options`, the browser prompt, `login/verify`.
 * `mediation: 'conditional'` offers passkeys in the autofill of an
 * `<input autocomplete="username webauthn">` and waits for the user: it restarts with fresh
 * options before the challenge expires, until the user picks a passkey or `signal` aborts.
 */
export async function signIn(ctx: Context, options: SignInOptions = {}): Promise<SignInResult> {
  const { mediation = 'modal', username, authenticator, signal } = options;
  const autofill = mediation === 'conditional';
  if (autofill) {
    if (!(await browserSupportsWebAuthnAutofill())) return { status: 'unsupported' };
    if (!globalThis.document?.querySelector("input[autocomplete$='webauthn']")) {
      return { status: 'misconfigured', message: 'No <input autocomplete="username webauthn">' };
    }
  }
  const answered = await begin(ctx, {
    route: '/login',
    body: { username, mediation, authenticator },
    kind: 'get',
    mediation: autofill ? 'conditional' : undefined,
    extensions: (o: PublicKeyCredentialRequestOptionsJSON) => prfExtension(options.prf, o.allowCredentials),
    signal,
    restart: autofill,
  });
  if (answered.status !== 'ok') return answered;
  const { ceremonyId, response, prf } = answered;
  const rpId = answered.options.rpId ?? globalThis.location?.hostname ?? '';
  const done = await ctx.http<{ userId: string; passkey: PasskeyJSON }>(
    'POST',
    '/login/verify',
    { ceremonyId, response },
    { expect: ['userId', 'passkey'] },
  );
  if (done.status === 'error') {
    // The authenticator offered a passkey the server does not have (L3 §5.1.10.1).
    if (done.error.code === 'CREDENTIAL_NOT_FOUND') {
      await sendSignal(ctx, 'unknownCredential', { rpId, credentialId: response.id });
    }
    return done;
  }
  ctx.account = undefined;
  const { userId } = done.data;
  const userHandle = response.response.userHandle;
  // The account's current names, so that passkey pickers show them (L3 §5.1.10.3).
  let details: UserDetails | null | undefined;
  try {
    details = userHandle ? await ctx.currentUser?.(userId) : null;
  } catch {}
  if (userHandle && details) {
    const { name, displayName } = details;
    await sendSignal(ctx, 'currentUserDetails', { rpId, userId: userHandle, name, displayName });
  }
  return { status: 'signed-in', userId, passkey: revive(done.data.passkey), ...(prf && { prf }) };
}
