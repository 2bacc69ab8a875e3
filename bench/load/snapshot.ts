/**
 * The demo's data as PostgreSQL and Redis hold it, read directly (never through the demo):
 * the passkey rows, accounts, orders, leftover ceremonies and receipt IDs.
 */
import type pg from 'pg';
import type { ScratchRedis } from './scratch-redis';
import { DEMO_PREFIX } from './scratch-redis';

export interface CredentialRow {
  id: string;
  user_id: string;
  user_handle: string;
  public_key: Buffer;
  counter: string;
  name: string;
  created_at: Date | null;
  last_used_at: Date | null;
}

export interface Snapshot {
  credentials: CredentialRow[];
  accounts: Map<string, string>;
  orders: Map<string, { userId: string; status: string }>;
  /** Rows of the SQL challenge table (the demo keeps ceremonies in Redis when REDIS_URL is set). */
  sqlChallenges: number;
  /** Redis keys under the demo's prefix: ceremony IDs and `receipt:<jti>`. */
  ceremonies: Set<string>;
  receipts: Set<string>;
}

/** Reads everything at once; the demo must be idle (or dead) for the picture to be consistent. */
export async function takeSnapshot(pool: pg.Pool, redis: ScratchRedis): Promise<Snapshot> {
  const credentials = (await pool.query<CredentialRow>('SELECT * FROM passkey_credentials')).rows;
  const accounts = new Map(
    (await pool.query<{ id: string; username: string }>('SELECT id, username FROM demo_accounts')).rows.map(
      (r) => [r.id, r.username],
    ),
  );
  const orders = new Map(
    (await pool.query<{ id: string; user_id: string; status: string }>('SELECT * FROM demo_orders')).rows.map(
      (r) => [r.id, { userId: r.user_id, status: r.status }],
    ),
  );
  const sql = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM passkey_challenges');
  const ceremonies = new Set<string>();
  const receipts = new Set<string>();
  for (const key of await redis.demoKeys()) {
    const id = key.slice(DEMO_PREFIX.length);
    if (id.startsWith('receipt:')) receipts.add(id.slice('receipt:'.length));
    else ceremonies.add(id);
  }
  return { credentials, accounts, orders, sqlChallenges: sql.rows[0]?.n ?? 0, ceremonies, receipts };
}
