import type { PasskeyErrorCode, PasskeyEvent, PasskeyEventType } from '@acme/passkey-core';
import type { ServerContext } from './context';

/**
 * Awaits the app's `onEvent`; whatever it throws is logged and never fails the ceremony
 * (an audit sink that is down must not lock users out).
 */
export async function emit(
  ctx: ServerContext,
  type: PasskeyEventType,
  fields: { userId?: string | undefined; passkeyId?: string | undefined; code?: PasskeyErrorCode } = {},
): Promise<void> {
  if (ctx.onEvent === undefined) return;
  const event: PasskeyEvent = { type, at: ctx.now() };
  if (fields.userId !== undefined) event.userId = fields.userId;
  if (fields.passkeyId !== undefined) event.passkeyId = fields.passkeyId;
  if (fields.code !== undefined) event.code = fields.code;
  try {
    await ctx.onEvent(event);
  } catch (err) {
    ctx.logger.error('passkeys: onEvent failed', err);
  }
}
