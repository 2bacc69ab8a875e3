import type { PasskeyErrorCode, PasskeyEvent, PasskeyEventType, PasskeyView } from '@acme/passkey-core';
import type { ServerContext } from '../config/context';

/** What an event may carry besides its type and time. */
export interface EventFields {
  userId?: string | undefined;
  passkeyId?: string | undefined;
  code?: PasskeyErrorCode;
  passkey?: PasskeyView;
  recovery?: true;
  action?: string;
}

/**
 * Awaits the app's `onEvent`; whatever it throws is logged and never fails the ceremony
 * (an audit sink that is down must not lock users out). Events raised through the HTTP
 * handler carry the request's context (from its `clientInfo`).
 */
export async function emit(
  ctx: ServerContext,
  type: PasskeyEventType,
  fields: EventFields = {},
): Promise<void> {
  if (ctx.onEvent === undefined) return;
  const event: PasskeyEvent = { type, at: ctx.now() };
  if (fields.userId !== undefined) event.userId = fields.userId;
  if (fields.passkeyId !== undefined) event.passkeyId = fields.passkeyId;
  if (fields.code !== undefined) event.code = fields.code;
  if (fields.passkey !== undefined) event.passkey = fields.passkey;
  if (fields.recovery === true) event.recovery = true;
  if (fields.action !== undefined) event.action = fields.action;
  if (ctx.eventContext !== undefined) event.context = { ...ctx.eventContext };
  try {
    await ctx.onEvent(event);
  } catch (err) {
    ctx.logger.error('passkeys: onEvent failed', err);
  }
}
