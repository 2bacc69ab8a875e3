import { capabilities } from './capabilities';
import { begin } from './ceremony';
import { type PasskeyJSON, revive } from './http';
import type { Context } from './manage';
import type { RegisterResult } from './outcomes';
import type { AuthenticatorChoice } from './types';

async function create(
  ctx: Context,
  body: { authenticator?: AuthenticatorChoice; mediation?: 'conditional' },
  options: { name?: string; signal?: AbortSignal },
): Promise<RegisterResult> {
  const answered = await begin(ctx, {
    route: '/register',
    body,
    kind: 'create',
    mediation: body.mediation,
    signal: options.signal,
  });
  if (answered.status !== 'ok') return answered;
  const { ceremonyId, response } = answered;
  const done = await ctx.http<{ passkey: PasskeyJSON }>(
    'POST',
    '/register/verify',
    { ceremonyId, response, name: options.name },
    { expect: ['passkey'] },
  );
  return done.status === 'ok' ? { status: 'created', passkey: revive(done.data.passkey) } : done;
}

/**
 * Creates a passkey for the signed-in user: `register/options`, the browser prompt, then
 * `register/verify`. The server wants a fresh security verification first
 * (`STEP_UP_REQUIRED` otherwise).
 */
export function register(
  ctx: Context,
  options: { authenticator?: AuthenticatorChoice; name?: string; signal?: AbortSignal } = {},
): Promise<RegisterResult> {
  return create(ctx, { authenticator: options.authenticator }, options);
}

/**
 * Automatic passkey upgrade right after a password sign-in: the browser's password manager
 * may create a passkey without any prompt (conditional create, WebAuthn L3 §5.1.3). It runs
 * only where the browser reports `conditionalCreate`, since elsewhere the request would open
 * a modal prompt. A quiet refusal is an outcome (`cancelled`, `already-registered`,
 * `unsupported`), never an exception.
 */
export async function upgrade(
  ctx: Context,
  options: { name?: string; signal?: AbortSignal } = {},
): Promise<RegisterResult> {
  if (!(await capabilities()).conditionalCreate) return { status: 'unsupported' };
  return create(ctx, { mediation: 'conditional' }, options);
}
