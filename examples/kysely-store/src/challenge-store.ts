/**
 * A `ChallengeStore` over Kysely on PostgreSQL: `take` is one `DELETE … RETURNING`, so of any
 * number of concurrent takes, in any process, one gets the record. It returns the record whatever
 * its `expiresAt` (the server judges expiry); `expires_at` is only for `cleanup`.
 */
import type { ChallengeRecord, ChallengeStore } from '@acme/passkey-core';
import type { Kysely } from 'kysely';
import type { PasskeyDatabase } from './schema';

/** The store, and the cleanup of records whose TTL passed (run it on a timer). */
export function createKyselyChallengeStore(
  db: Kysely<PasskeyDatabase>,
  options: { now?: () => Date } = {},
): ChallengeStore & { cleanup(): Promise<number> } {
  const now = options.now ?? (() => new Date());
  return {
    async put(id, record, { ttlMs }) {
      const row = { id, record: JSON.stringify(record), expires_at: new Date(now().getTime() + ttlMs) };
      await db
        .insertInto('passkey_challenges')
        .values(row)
        .onConflict((c) => c.column('id').doUpdateSet({ record: row.record, expires_at: row.expires_at }))
        .execute();
    },

    async take(id) {
      const row = await db
        .deleteFrom('passkey_challenges')
        .where('id', '=', id)
        .returning('record')
        .executeTakeFirst();
      return row === undefined ? null : (JSON.parse(row.record) as ChallengeRecord);
    },

    async cleanup() {
      const result = await db
        .deleteFrom('passkey_challenges')
        .where('expires_at', '<', now())
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
