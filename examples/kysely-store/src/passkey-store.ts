/**
 * A `PasskeyStore` over Kysely on PostgreSQL. What makes it pass the conformance kit:
 * - `create` is one READ COMMITTED transaction that locks the user's row of `passkey_user_locks`
 *   (`FOR UPDATE`), so concurrent creates for one user, in any number of processes, queue; then
 *   it checks for the ID (`'duplicate'` first), counts (`'limit'`) and inserts.
 * - `recordUse` is one conditional UPDATE (compare-and-set on the counter).
 * - `rename` and `remove` are scoped by the owner in their WHERE clause.
 */
import type { CreateResult, PasskeyStore } from '@acme/passkey-core';
import type { Kysely } from 'kysely';
import { toPasskey, toRow } from './rows';
import type { PasskeyDatabase } from './schema';

/** node-postgres's code for a unique violation: another user's concurrent insert of the same ID. */
const isUniqueViolation = (err: unknown) => (err as { code?: unknown } | null)?.code === '23505';

/** The store; `db` may be scoped to a schema with `db.withSchema(name)`. */
export function createKyselyPasskeyStore(db: Kysely<PasskeyDatabase>): PasskeyStore {
  const passkeys = () => db.selectFrom('passkeys').selectAll();
  return {
    async get(id) {
      const row = await passkeys().where('id', '=', id).executeTakeFirst();
      return row === undefined ? null : toPasskey(row);
    },

    async listByUser(userId) {
      const rows = await passkeys()
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toPasskey);
    },

    async create(passkey, { maxPerUser }) {
      try {
        return await db
          .transaction()
          .setIsolationLevel('read committed')
          .execute(async (tx): Promise<CreateResult> => {
            await tx
              .insertInto('passkey_user_locks')
              .values({ user_id: passkey.userId })
              .onConflict((c) => c.column('user_id').doNothing())
              .execute();
            await tx
              .selectFrom('passkey_user_locks')
              .select('user_id')
              .where('user_id', '=', passkey.userId)
              .forUpdate()
              .execute();
            const taken = await tx
              .selectFrom('passkeys')
              .select('id')
              .where('id', '=', passkey.id)
              .executeTakeFirst();
            if (taken !== undefined) return 'duplicate';
            const { n } = await tx
              .selectFrom('passkeys')
              .select((eb) => eb.fn.countAll<string>().as('n'))
              .where('user_id', '=', passkey.userId)
              .executeTakeFirstOrThrow();
            if (Number(n) >= maxPerUser) return 'limit';
            await tx.insertInto('passkeys').values(toRow(passkey)).execute();
            return 'created';
          });
      } catch (err) {
        // The lock is per user; the primary key is global.
        if (isUniqueViolation(err)) return 'duplicate';
        throw err;
      }
    },

    async recordUse(id, use) {
      const result = await db
        .updateTable('passkeys')
        .set({ counter: use.counter, backed_up: use.backedUp, last_used_at: new Date(use.usedAt) })
        .where('id', '=', id)
        .where('counter', '=', use.expectedCounter)
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },

    async rename(userId, id, name) {
      const row = await db
        .updateTable('passkeys')
        .set({ name })
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .returningAll()
        .executeTakeFirst();
      return row === undefined ? null : toPasskey(row);
    },

    async remove(userId, id) {
      const result = await db
        .deleteFrom('passkeys')
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return result.numDeletedRows === 1n;
    },

    async scan({ after, limit }) {
      let page = passkeys().orderBy('id').limit(limit);
      if (after !== null) page = page.where('id', '>', after);
      return (await page.execute()).map(toPasskey);
    },
  };
}
