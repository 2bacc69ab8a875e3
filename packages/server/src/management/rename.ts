import { type PasskeyView, toPasskeyView, validatePasskeyName } from '@acme/passkey-core';
import type { ServerContext } from '../config/context';
import { notFound } from '../errors/refusals';
import { emit } from '../events/emit';
import { requirePasskeyId, requireString } from '../input/validate-input';

/** Renames one of the user's passkeys; another user's passkey is CREDENTIAL_NOT_FOUND. */
export async function rename(
  ctx: ServerContext,
  userId: string,
  passkeyId: string,
  name: string,
): Promise<PasskeyView> {
  const owner = requireString(userId, 'userId');
  const id = requirePasskeyId(passkeyId);
  const normalized = validatePasskeyName(name, ctx.policy);
  const renamed = await ctx.store.rename(owner, id, normalized);
  if (renamed === null) throw notFound();
  await emit(ctx, 'passkey.renamed', { userId: owner, passkeyId: id });
  return toPasskeyView(renamed);
}
