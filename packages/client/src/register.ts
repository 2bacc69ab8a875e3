import { capabilities } from './capabilities';
import { begin } from './ceremony';
import { type PasskeyJSON, revive } from './http';
import type { Context } from './manage';
import type { RegisterResult } from './outcomes';
import { type PrfSalts, prfExtension } from './prf';
import type { AuthenticatorChoice } from './types';

/** Options of `upgrade()`: `name`, `prf`, `signal`. */
export interface UpgradeOptions {
  /** A name for the passkey; default: the server's, from the provider or the attachment. */
  name?: string;
  /**
   * PRF (WebAuthn L3 §10.1.4). Default `true`: ask whether the passkey supports it, which the
   * server records as `passkey.prf`. Salts also ask for outputs now (few authenticators give
   * them at creation: sign in to get them); `false` does not ask.
   */
  prf?: boolean | PrfSalts;
  signal?: AbortSignal;
}

/** Options of `register()`: those of `upgrade()` and the authenticator to create the passkey on. */
export interface RegisterOptions extends UpgradeOptions {
  authenticator?: AuthenticatorChoice;
}

async function create(
  ctx: Context,
  body: { authenticator?: AuthenticatorChoice; mediation?: 'conditional' },
  options: UpgradeOptions,
): Promise<RegisterResult> {
  const answered = await begin(ctx, {
    route: '/register',
    body,
    kind: 'create',
    mediation: body.mediation,
    extensions: () => prfExtension(options.prf ?? true),
    signal: options.signal,
  });
  if (answered.status !== 'ok') return answered;
  const { ceremonyId, response, prf } = answered;
  const done = await ctx.http<{ passkey: PasskeyJSON }>(
    'POST',
    '/register/verify',
    { ceremonyId, response, name: options.name },
    { expect: ['passkey'] },
  );
  if (done.status === 'error') return done;
  return { status: 'created', passkey: revive(done.data.passkey), ...(prf && { prf }) };
}

/**
 * Creates a passkey for the signed-in user: `register/options`, the browser prompt, then
 * `register/verify`. The server wants a fresh security verification first
 * (`STEP_UP_REQUIRED` otherwise).
 */
export function register(ctx: Context, options: RegisterOptions = {}): Promise<RegisterResult> {
  return create(ctx, { authenticator: options.authenticator }, options);
}

/**
 * Automatic passkey upgrade right after a password sign-in: the browser's password manager
 * may create a passkey without any prompt (conditional create, WebAuthn L3 §5.1.3). It runs
 * only where the browser reports `conditionalCreate`, since elsewhere the request would open
 * a modal prompt. A quiet refusal is an outcome (`cancelled`, `already-registered`,
 * `unsupported`), never an exception.
 */
export async function upgrade(ctx: Context, options: UpgradeOptions = {}): Promise<RegisterResult> {
  if (!(await capabilities()).conditionalCreate) return { status: 'unsupported' };
  return create(ctx, { mediation: 'conditional' }, options);
}
