import { type ChallengeRecord, PasskeyError } from '@acme/passkey-core';
import type { ServerContext } from './context';
import { randomBytes, toBase64Url } from './encoding';

/** The kinds of ceremony; a record is only ever accepted by a finish of its own kind. */
export type CeremonyKind = 'registration' | 'authentication' | 'step-up';

/** What a ceremony keeps between its start and its finish. */
export interface CeremonyRecord extends ChallengeRecord {
  kind: CeremonyKind;
  /** base64url challenge the authenticator must sign. */
  challenge: string;
  /** The user the ceremony is for; null for a usernameless sign-in. */
  userId: string | null;
  [key: string]: unknown;
}

const CEREMONY_ID = /^[A-Za-z0-9_-]{16,128}$/;

/** True when `value` has the shape of a ceremony ID (anything else is a 400, not a 410). */
export const isCeremonyId = (value: unknown): value is string =>
  typeof value === 'string' && CEREMONY_ID.test(value);

/** Stores a new ceremony under a random ID, expiring after the policy's challenge TTL. */
export async function putCeremony(
  ctx: ServerContext,
  fields: Omit<CeremonyRecord, 'expiresAt'>,
): Promise<{ ceremonyId: string; expiresAt: number }> {
  const ceremonyId = toBase64Url(randomBytes(18));
  const ttlMs = ctx.policy.challengeTtlSeconds * 1000;
  const expiresAt = ctx.now().getTime() + ttlMs;
  await ctx.challenges.put(ceremonyId, { ...fields, expiresAt }, { ttlMs });
  return { ceremonyId, expiresAt };
}

/**
 * Takes a ceremony (it is spent whatever follows) and accepts it only for its own kind and
 * user, before its expiry on the server's clock. Anything else is `CEREMONY_NOT_FOUND`:
 * unknown, expired, used, of another kind or of another user are never told apart.
 */
export async function takeCeremony(
  ctx: ServerContext,
  ceremonyId: string,
  kind: CeremonyKind,
  userId?: string,
): Promise<CeremonyRecord> {
  const record = (await ctx.challenges.take(ceremonyId)) as CeremonyRecord | null;
  const valid =
    record !== null &&
    record.kind === kind &&
    typeof record.challenge === 'string' &&
    typeof record.expiresAt === 'number' &&
    record.expiresAt > ctx.now().getTime() &&
    (userId === undefined || record.userId === userId);
  if (!valid)
    throw new PasskeyError('CEREMONY_NOT_FOUND', 'This ceremony is unknown, expired or already used');
  return record;
}
