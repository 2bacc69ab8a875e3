import { type PasskeyView, toPasskeyView } from '@acme/passkey-core';
import type { ServerContext } from '../internal/context';
import { requireString } from '../internal/input';

/** What `list` returns: the user's passkeys and what a client needs for WebAuthn signals. */
export interface PasskeyList {
  passkeys: PasskeyView[];
  limit: number;
  rpId: string;
  /** base64url WebAuthn user handle; null before the first passkey. */
  userHandle: string | null;
}

/** The user's passkeys, oldest first. */
export async function list(ctx: ServerContext, userId: string): Promise<PasskeyList> {
  const passkeys = await ctx.store.listByUser(requireString(userId, 'userId'));
  return {
    passkeys: passkeys.map(toPasskeyView),
    limit: ctx.policy.maxPasskeysPerUser,
    rpId: ctx.rpId,
    userHandle: passkeys[0]?.userHandle ?? null,
  };
}
