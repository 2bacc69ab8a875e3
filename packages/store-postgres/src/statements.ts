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
const placeholders = COLUMNS.map((c, i) => `$${i + 1}${c === 'transports' ? '::text[]' : ''}`).join(', ');

/**
 * Every statement the stores run, built once per instance from its validated names. Each
 * lookup is by primary key or by the `(user_id, created_at)` index, and each page of a scan is a
 * range of the primary key (test/explain.test.ts).
 */
export function statements(n: TableNames) {
  return {
    get: `SELECT ${cols} FROM ${n.credentials} WHERE id = $1`,
    // COLLATE "C": ties on created_at are ordered by code unit, whatever the database's locale.
    listByUser: `SELECT ${cols} FROM ${n.credentials} WHERE user_id = $1 ORDER BY created_at, id COLLATE "C"`,
    // First statement of a transaction: each later statement then sees what others committed
    // while this one waited for its lock, whatever the session's default isolation.
    readCommitted: 'SET TRANSACTION ISOLATION LEVEL READ COMMITTED',
    lockUser: 'SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))',
    exists: `SELECT 1 AS found FROM ${n.credentials} WHERE id = $1`,
    countByUser: `SELECT count(*)::int AS n FROM ${n.credentials} WHERE user_id = $1`,
    // Keyset pages in code-unit order: the primary key's index is in the "C" collation
    // (migration 003), so each page is one index range scan, whatever the table's size.
    scanFirst: `SELECT ${cols} FROM ${n.credentials} ORDER BY id COLLATE "C" LIMIT $1`,
    scanAfter: `SELECT ${cols} FROM ${n.credentials} WHERE id COLLATE "C" > $1 ORDER BY id COLLATE "C" LIMIT $2`,
    insert: `INSERT INTO ${n.credentials} (${cols}) VALUES (${placeholders})`,
    recordUse: `UPDATE ${n.credentials} SET counter = $3, backed_up = $4, last_used_at = $5
      WHERE id = $1 AND counter = $2 RETURNING id`,
    rename: `UPDATE ${n.credentials} SET name = $3 WHERE id = $2 AND user_id = $1 RETURNING ${cols}`,
    remove: `DELETE FROM ${n.credentials} WHERE id = $2 AND user_id = $1 RETURNING id`,
    put: `INSERT INTO ${n.challenges} (id, record, expires_at)
      VALUES ($1, $2::jsonb, now() + $3::float8 * interval '1 millisecond')
      ON CONFLICT (id) DO UPDATE SET record = excluded.record, expires_at = excluded.expires_at`,
    take: `DELETE FROM ${n.challenges} WHERE id = $1 RETURNING record`,
    cleanup: `WITH gone AS (DELETE FROM ${n.challenges} WHERE expires_at < now() RETURNING 1)
      SELECT count(*)::int AS n FROM gone`,
  };
}

/** The statements of one store instance. */
export type Statements = ReturnType<typeof statements>;
