import type { ServerContext } from '../config/context';
import { randomBytes, toBase64Url } from '../encoding';
import { ceremonyNotFound } from '../errors/refusals';
import {
  type CeremonyKind,
  type CeremonyOf,
  type CeremonyRecord,
  validateCeremony,
} from './ceremony-records';

export type {
  AuthenticationCeremony,
  CeremonyKind,
  CeremonyRecord,
  RegistrationCeremony,
  StepUpCeremony,
} from './ceremony-records';

const CEREMONY_ID = /^[A-Za-z0-9_-]{16,128}$/;

/** True when `value` has the shape of a ceremony ID (anything else is a 400, not a 410). */
export const isCeremonyId = (value: unknown): value is string =>
  typeof value === 'string' && CEREMONY_ID.test(value);

/** A record as a start writes it: its kind's fields, without the expiry the store adds. */
type NewCeremony = CeremonyRecord extends infer R
  ? R extends CeremonyRecord
    ? Omit<R, 'expiresAt'>
    : never
  : never;

/** Stores a new ceremony under a random ID, expiring after the policy's challenge TTL. */
export async function putCeremony(
  ctx: ServerContext,
  fields: NewCeremony,
): Promise<{ ceremonyId: string; expiresAt: number }> {
  const ceremonyId = toBase64Url(randomBytes(18));
  const ttlMs = ctx.policy.challengeTtlSeconds * 1000;
  const expiresAt = ctx.now().getTime() + ttlMs;
  await ctx.challenges.put(ceremonyId, { ...fields, expiresAt }, { ttlMs });
  return { ceremonyId, expiresAt };
}

const notFound = () => ceremonyNotFound();

/**
 * Takes a ceremony (it is spent whatever follows) and accepts it only for its own kind and user,
 * well-formed for that kind, before its expiry on the server's clock. Anything else is
 * `CEREMONY_NOT_FOUND`: unknown, expired, used, of another kind or of another user are never told
 * apart. A record that fits no kind's shape is logged too: a server of this SDK never wrote it.
 */
export async function takeCeremony<K extends CeremonyKind>(
  ctx: ServerContext,
  ceremonyId: string,
  kind: K,
  userId?: string,
): Promise<CeremonyOf<K>> {
  const record = await ctx.challenges.take(ceremonyId);
  if (record === null) throw notFound();
  const verdict = validateCeremony(record, kind);
  if (verdict === 'malformed') {
    ctx.logger.error('passkeys: a ceremony record from the challenge store has no valid shape; refused', {
      ceremonyId,
      kind: (record as { kind?: unknown }).kind,
    });
  }
  const ceremony = record as unknown as CeremonyOf<K>;
  const valid =
    verdict === 'ok' &&
    ceremony.expiresAt > ctx.now().getTime() &&
    (userId === undefined || ceremony.userId === userId);
  if (!valid) throw notFound();
  return ceremony;
}
