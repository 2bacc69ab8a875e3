/**
 * The passkey ceremonies of a flow, each as the page runs it (options, the authenticator, then
 * verify), recording what the server acknowledged in the ledger. In a replaying flow each
 * verify is sent a second time, which must be refused: a ceremony is single use.
 */
import type { CreationOptionsJSON, RequestOptionsJSON, SoftwareAuthenticator } from '@acme/passkey-testing';
import { call, type FlowContext, replay } from './flow-context';
import { assertionCounter, receiptId } from './wire';

const SPENT = { status: 410, code: 'CEREMONY_NOT_FOUND' };
const BASE = '/api/passkeys';

/** Registers a passkey on `authenticator` for the signed-in user; returns its ID. */
export async function register(
  ctx: FlowContext,
  userId: string,
  authenticator: SoftwareAuthenticator,
  choice: 'this-device' | 'security-key',
): Promise<string> {
  const started = await call(ctx, `POST ${BASE}/register/options`, `${BASE}/register/options`, {
    authenticator: choice,
  });
  const { ceremonyId, options } = started.body as { ceremonyId: string; options: CreationOptionsJSON };
  const response = await authenticator.create(options, { origin: ctx.origin });
  const body = { ceremonyId, response };
  const done = await call(ctx, `POST ${BASE}/register/verify`, `${BASE}/register/verify`, body);
  const { id, name } = (done.body as { passkey: { id: string; name: string } }).passkey;
  const made = authenticator.credentials.find((c) => c.id === id);
  if (!made) throw new Error(`the server named a passkey the authenticator did not make: ${id}`);
  ctx.ledger.credentials.set(id, {
    userId,
    publicKey: made.publicKey,
    counter: made.counter,
    name,
    removed: false,
  });
  const user = ctx.ledger.users.get(userId);
  if (user) user.handle = options.user.id;
  if (ctx.replay) await replay(ctx, `POST ${BASE}/register/verify`, `${BASE}/register/verify`, body, SPENT);
  return id;
}

/** Signs in with the passkey `credentialId` of the platform authenticator (no username). */
export async function signIn(ctx: FlowContext, credentialId: string): Promise<void> {
  const started = await call(ctx, `POST ${BASE}/login/options`, `${BASE}/login/options`, {});
  const { ceremonyId, options } = started.body as { ceremonyId: string; options: RequestOptionsJSON };
  const response = await ctx.devices.platform.get(options, { origin: ctx.origin, credentialId });
  const body = { ceremonyId, response };
  await call(ctx, `POST ${BASE}/login/verify`, `${BASE}/login/verify`, body);
  ctx.ledger.assertionAcknowledged(credentialId, assertionCounter(response));
  if (ctx.replay) await replay(ctx, `POST ${BASE}/login/verify`, `${BASE}/login/verify`, body, SPENT);
}

/** A passkey step-up for `action` and `details` with `credentialId`; returns the receipt. */
export async function stepUp(
  ctx: FlowContext,
  userId: string,
  credentialId: string,
  action: string,
  details: Record<string, unknown>,
): Promise<string> {
  const started = await call(ctx, `POST ${BASE}/step-up/options`, `${BASE}/step-up/options`, {
    action,
    details,
  });
  const { ceremonyId, options } = started.body as { ceremonyId: string; options: RequestOptionsJSON };
  const response = await ctx.devices.platform.get(options, { origin: ctx.origin, credentialId });
  const body = { ceremonyId, response };
  const done = await call(ctx, `POST ${BASE}/step-up/verify`, `${BASE}/step-up/verify`, body);
  ctx.ledger.assertionAcknowledged(credentialId, assertionCounter(response));
  const { receipt } = done.body as { receipt: string };
  const orderId = typeof details.orderId === 'string' ? details.orderId : null;
  // The demo spends an `account.verify` receipt itself, inside the step-up's request.
  const used = action === 'account.verify';
  ctx.ledger.receipts.set(receiptId(receipt), { userId, action, receipt, orderId, used, replayer: null });
  if (ctx.replay) await replay(ctx, `POST ${BASE}/step-up/verify`, `${BASE}/step-up/verify`, body, SPENT);
  return receipt;
}
