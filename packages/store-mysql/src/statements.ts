import type { TableNames } from './names';

const COLUMNS = [
  'id',
  'user_id',
  'user_handle',
  'public_key',
  'algorithm',
  'counter',
  'transports',
  'device_type',
  'backed_up',
  'aaguid',
  'name',
  'attachment',
  'user_verified',
  'prf',
  'created_at',
  'last_used_at',
] as const;

const cols = COLUMNS.join(', ');
const placeholders = COLUMNS.map(() => '?').join(', ');
/** `ttlMs` after now, on the database's clock in UTC (no session time zone involved). */
const expiry = 'UTC_TIMESTAMP(3) + INTERVAL ? MICROSECOND';

/** Rows deleted per statement by `cleanup`, so a large backlog never holds locks for long. */
export const CLEANUP_BATCH = 5000;

/**
 * Every statement the stores run, built once per instance from its validated names: plain
 * MySQL that MariaDB, TiDB and PlanetScale run too (no `RETURNING`, no `VALUES()` in upserts).
 * Each lookup is by primary key or by the `(user_id, created_at)` index (test/explain.test.ts).
 */
export function statements(n: TableNames) {
  return {
    get: `SELECT ${cols} FROM ${n.credentials} WHERE id = ?`,
    // VARBINARY: ties on created_at are ordered byte by byte, whatever the server's collations.
    listByUser: `SELECT ${cols} FROM ${n.credentials} WHERE user_id = ? ORDER BY created_at, id`,
    scanFirst: `SELECT ${cols} FROM ${n.credentials} ORDER BY id LIMIT ?`,
    scanAfter: `SELECT ${cols} FROM ${n.credentials} WHERE id > ? ORDER BY id LIMIT ?`,
    // The upsert makes sure the lock row exists; FOR UPDATE then holds it to the commit. A new
    // row is locked by its insert, an existing one exclusively on the duplicate (never a shared
    // lock that several waiters would then try to upgrade, which deadlocks).
    ensureUserLock: `INSERT INTO ${n.userLocks} (user_id) VALUES (?) ON DUPLICATE KEY UPDATE user_id = user_id`,
    lockUser: `SELECT user_id FROM ${n.userLocks} WHERE user_id = ? FOR UPDATE`,
    exists: `SELECT 1 AS found FROM ${n.credentials} WHERE id = ?`,
    countByUser: `SELECT COUNT(*) AS n FROM ${n.credentials} WHERE user_id = ?`,
    insert: `INSERT INTO ${n.credentials} (${cols}) VALUES (${placeholders})`,
    recordUse: `UPDATE ${n.credentials} SET counter = ?, backed_up = ?, last_used_at = ?
      WHERE id = ? AND counter = ?`,
    rename: `UPDATE ${n.credentials} SET name = ? WHERE id = ? AND user_id = ?`,
    getOwned: `SELECT ${cols} FROM ${n.credentials} WHERE id = ? AND user_id = ?`,
    remove: `DELETE FROM ${n.credentials} WHERE id = ? AND user_id = ?`,
    put: `INSERT INTO ${n.challenges} (id, record, expires_at) VALUES (?, ?, ${expiry})
      ON DUPLICATE KEY UPDATE record = ?, expires_at = ${expiry}`,
    takeLock: `SELECT record FROM ${n.challenges} WHERE id = ? FOR UPDATE`,
    takeDelete: `DELETE FROM ${n.challenges} WHERE id = ?`,
    cleanup: `DELETE FROM ${n.challenges} WHERE expires_at < UTC_TIMESTAMP(3) LIMIT ${CLEANUP_BATCH}`,
  };
}

/** The statements of one store instance. */
export type Statements = ReturnType<typeof statements>;
