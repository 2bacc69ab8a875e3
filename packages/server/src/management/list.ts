import { toPasskeyView } from '@acme/passkey-core';
import type { PasskeyList } from '../api/types';
import type { ServerContext } from '../config/context';
import { requireString } from '../input/validate-input';

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
