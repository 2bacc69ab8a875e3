import { type CreateResult, PasskeyError, type PasskeyStore } from '@acme/passkey-core';
import { guarded, isUniqueViolation } from './errors';
import type { TableNames } from './names';
import { type CredentialRow, toParams, toPasskey } from './rows';
import type { SqlClient } from './sql-client';
import type { Statements } from './statements';

/**
 * A {@link PasskeyStore} on PostgreSQL. `create` is one transaction holding a per-user
 * advisory lock (`pg_advisory_xact_lock`): existence check, count, insert, so concurrent
 * creates for one user, in any number of processes, queue behind each other. `recordUse` is
 * one conditional `UPDATE`. `scan` reads one keyset page of the primary key (`ORDER BY id
 * COLLATE "C"`), so an export never holds more than a page. No state is held in process memory.
 */
export function postgresPasskeyStore(client: SqlClient, names: TableNames, sql: Statements): PasskeyStore {
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

    create: (passkey, { maxPerUser }) =>
      guarded('create', async (): Promise<CreateResult> => {
        try {
          return await client.transaction(async (tx) => {
            await tx.query(sql.readCommitted);
            await tx.query(sql.lockUser, [names.lockNamespace, passkey.userId]);
            // A duplicate is reported before the limit (the store contract, docs/design.md).
            if ((await tx.query(sql.exists, [passkey.id])).rows.length > 0) return 'duplicate';
            const { rows } = await tx.query<{ n: number }>(sql.countByUser, [passkey.userId]);
            if ((rows[0]?.n ?? 0) >= maxPerUser) return 'limit';
            await tx.query(sql.insert, toParams(passkey));
            return 'created';
          });
        } catch (err) {
          // Another user's concurrent insert of the same credential ID won the unique index:
          // the lock is per user, the primary key is global.
          if (isUniqueViolation(err)) return 'duplicate';
          throw err;
        }
      }),

    recordUse: (id, use) =>
      guarded('recordUse', async () => {
        const params = [id, use.expectedCounter, use.counter, use.backedUp, use.usedAt.toISOString()];
        return (await client.query(sql.recordUse, params)).rows.length === 1;
      }),

    rename: (userId, id, name) =>
      guarded('rename', async () => {
        const { rows } = await client.query<CredentialRow>(sql.rename, [userId, id, name]);
        return rows[0] === undefined ? null : toPasskey(rows[0]);
      }),

    remove: (userId, id) =>
      guarded('remove', async () => (await client.query(sql.remove, [userId, id])).rows.length === 1),
    scan: ({ after, limit }) =>
      guarded('scan', async () => {
        if (!Number.isSafeInteger(limit) || limit < 1 || (after !== null && typeof after !== 'string')) {
          throw new PasskeyError(
            'INVALID_REQUEST',
            'scan takes a positive integer limit and a string or null after',
          );
        }
        const { rows } =
          after === null
            ? await client.query<CredentialRow>(sql.scanFirst, [limit])
            : await client.query<CredentialRow>(sql.scanAfter, [after, limit]);
        return rows.map(toPasskey);
      }),
  };
}
