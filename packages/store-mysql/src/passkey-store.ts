import type { CreateResult, PasskeyStore } from '@acme/passkey-core';
import { guarded, isDuplicateEntry } from './errors';
import { type CredentialRow, counter, datetime, toParams, toPasskey } from './rows';
import type { SqlClient } from './sql-client';
import type { Statements } from './statements';

/**
 * A {@link PasskeyStore} on MySQL / MariaDB. `create` is one READ COMMITTED transaction that
 * holds the user's lock row (`FOR UPDATE`): existence check, count, insert, so concurrent
 * creates for one user, in any number of processes, queue behind each other. `recordUse` is
 * one conditional `UPDATE` (compare-and-set). No state is held in process memory.
 */
export function mysqlPasskeyStore(client: SqlClient, sql: Statements): PasskeyStore {
  return {
    get: (id) =>
      guarded('get', async () => {
        const { rows } = await client.query<CredentialRow>(sql.get, [id]);
        return rows[0] === undefined ? null : toPasskey(rows[0]);
      }),

    listByUser: (userId) =>
      guarded('listByUser', async () => {
        const { rows } = await client.query<CredentialRow>(sql.listByUser, [userId]);
        return rows.map(toPasskey);
      }),

    scan: async ({ after, limit }) => {
      if (!Number.isSafeInteger(limit) || limit < 1) {
        throw new TypeError(`limit must be a positive integer, got ${limit}`);
      }
      if (after !== null && typeof after !== 'string') throw new TypeError('after must be a string or null');
      return guarded('scan', async () => {
        const { rows } =
          after === null
            ? await client.query<CredentialRow>(sql.scanFirst, [limit])
            : await client.query<CredentialRow>(sql.scanAfter, [after, limit]);
        return rows.map(toPasskey);
      });
    },

    create: (passkey, { maxPerUser }) =>
      guarded('create', async (): Promise<CreateResult> => {
        const params = toParams(passkey);
        const userId = passkey.userId;
        try {
          return await client.transaction(
            async (query) => {
              await query(sql.ensureUserLock, [userId]);
              await query(sql.lockUser, [userId]);
              // The PasskeyStore contract reports a duplicate before the limit.
              if ((await query(sql.exists, [params[0]])).rows.length > 0) return 'duplicate';
              const { rows } = await query<{ n: number | string }>(sql.countByUser, [userId]);
              if (Number(rows[0]?.n ?? 0) >= maxPerUser) return 'limit';
              await query(sql.insert, params);
              return 'created';
            },
            // Each read sees what other transactions committed while this one waited for its lock.
            { readCommitted: true },
          );
        } catch (err) {
          // Another user's concurrent insert of the same credential ID won the primary key:
          // the lock is per user, the key is global.
          if (isDuplicateEntry(err)) return 'duplicate';
          throw err;
        }
      }),

    recordUse: (id, use) =>
      guarded('recordUse', async () => {
        const params = [counter(use.counter), use.backedUp, datetime(use.usedAt), id, use.expectedCounter];
        return (await client.query(sql.recordUse, params)).affectedRows === 1;
      }),

    rename: (userId, id, name) =>
      guarded('rename', () =>
        // The UPDATE's row lock holds to the commit: the row read back is the one just renamed.
        client.transaction(async (query) => {
          await query(sql.rename, [name, id, userId]);
          const { rows } = await query<CredentialRow>(sql.getOwned, [id, userId]);
          return rows[0] === undefined ? null : toPasskey(rows[0]);
        }),
      ),

    remove: (userId, id) =>
      guarded('remove', async () => (await client.query(sql.remove, [id, userId])).affectedRows === 1),
  };
}
