import type { SqlClient } from '@acme/passkey-store-postgres';

/** A stored account: the username as chosen, its lowercase key, and the scrypt hash. */
export interface AccountRecord {
  id: string;
  username: string;
  salt: Buffer;
  hash: Buffer;
}

/** A stored P2P order and its owner. */
export interface OrderRecord {
  id: string;
  userId: string;
  amount: string;
  asset: string;
  status: 'open' | 'released';
  /**
   * SHA-256 (base64url) of the receipt last presented to release this order, noted before the
   * receipt is spent: a release cut off after the spend finishes when that receipt comes back.
   */
  releaseReceipt?: string | null;
}

/** Where the demo keeps accounts and orders (passkeys and ceremonies live in the SDK's stores). */
export interface DemoData {
  /** Adds an account; false when the username (ignoring case) is taken. */
  insertAccount(account: AccountRecord): Promise<boolean>;
  accountById(id: string): Promise<AccountRecord | null>;
  accountByUsername(username: string): Promise<AccountRecord | null>;
  insertOrder(order: OrderRecord): Promise<void>;
  order(id: string): Promise<OrderRecord | null>;
  ordersOf(userId: string): Promise<OrderRecord[]>;
  /** Marks an open order released; false when it was not open (exactly one caller wins). */
  releaseOrder(id: string): Promise<boolean>;
  /** Notes the receipt about to be spent on an open order; false when the order is not open. */
  noteReleaseReceipt(id: string, receiptHash: string): Promise<boolean>;
}

/** In process memory: a restart forgets everything. */
export function memoryData(): DemoData {
  const accounts = new Map<string, AccountRecord>();
  const names = new Map<string, string>();
  const orders = new Map<string, OrderRecord>();
  return {
    async insertAccount(account) {
      const key = account.username.toLowerCase();
      if (names.has(key)) return false;
      names.set(key, account.id);
      accounts.set(account.id, account);
      return true;
    },
    accountById: async (id) => accounts.get(id) ?? null,
    accountByUsername: async (username) => accounts.get(names.get(username.toLowerCase()) ?? '') ?? null,
    async insertOrder(order) {
      orders.set(order.id, { ...order });
    },
    order: async (id) => {
      const o = orders.get(id);
      return o ? { ...o } : null;
    },
    ordersOf: async (userId) =>
      [...orders.values()].filter((o) => o.userId === userId).map((o) => ({ ...o })),
    async releaseOrder(id) {
      const o = orders.get(id);
      if (o?.status !== 'open') return false;
      o.status = 'released';
      return true;
    },
    async noteReleaseReceipt(id, receiptHash) {
      const o = orders.get(id);
      if (o?.status !== 'open') return false;
      o.releaseReceipt = receiptHash;
      return true;
    },
  };
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS demo_accounts (
  id text PRIMARY KEY,
  username text NOT NULL,
  username_key text NOT NULL UNIQUE,
  salt bytea NOT NULL,
  hash bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS demo_orders (
  seq bigserial PRIMARY KEY,
  id text NOT NULL UNIQUE,
  user_id text NOT NULL REFERENCES demo_accounts (id),
  amount text NOT NULL,
  asset text NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'released'))
);
CREATE INDEX IF NOT EXISTS demo_orders_user ON demo_orders (user_id, seq);
ALTER TABLE demo_orders ADD COLUMN IF NOT EXISTS release_receipt text;
`;

type AccountRow = { id: string; username: string; salt: Uint8Array; hash: Uint8Array };
type OrderRow = {
  id: string;
  user_id: string;
  amount: string;
  asset: string;
  status: 'open' | 'released';
  release_receipt: string | null;
};

const account = (r: AccountRow): AccountRecord => ({
  id: r.id,
  username: r.username,
  salt: Buffer.from(r.salt),
  hash: Buffer.from(r.hash),
});
const order = (r: OrderRow): OrderRecord => ({
  id: r.id,
  userId: r.user_id,
  amount: r.amount,
  asset: r.asset,
  status: r.status,
  releaseReceipt: r.release_receipt,
});

/** In PostgreSQL (a server or PGlite), beside the passkey tables. */
export async function sqlData(client: SqlClient): Promise<DemoData> {
  await client.transaction(async (tx) => {
    // One statement per call: node-postgres runs several only without parameters, PGlite likewise.
    for (const statement of SCHEMA.split(';').filter((s) => s.trim())) await tx.query(statement);
  });
  const first = <R>(rows: R[]) => rows[0] ?? null;
  return {
    async insertAccount(a) {
      const { rows } = await client.query(
        `INSERT INTO demo_accounts (id, username, username_key, salt, hash) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (username_key) DO NOTHING RETURNING id`,
        [a.id, a.username, a.username.toLowerCase(), a.salt, a.hash],
      );
      return rows.length === 1;
    },
    async accountById(id) {
      const { rows } = await client.query<AccountRow>('SELECT * FROM demo_accounts WHERE id = $1', [id]);
      const row = first(rows);
      return row && account(row);
    },
    async accountByUsername(username) {
      const { rows } = await client.query<AccountRow>('SELECT * FROM demo_accounts WHERE username_key = $1', [
        username.toLowerCase(),
      ]);
      const row = first(rows);
      return row && account(row);
    },
    async insertOrder(o) {
      await client.query(
        'INSERT INTO demo_orders (id, user_id, amount, asset, status) VALUES ($1, $2, $3, $4, $5)',
        [o.id, o.userId, o.amount, o.asset, o.status],
      );
    },
    async order(id) {
      const { rows } = await client.query<OrderRow>('SELECT * FROM demo_orders WHERE id = $1', [id]);
      const row = first(rows);
      return row && order(row);
    },
    async ordersOf(userId) {
      const { rows } = await client.query<OrderRow>(
        'SELECT * FROM demo_orders WHERE user_id = $1 ORDER BY seq',
        [userId],
      );
      return rows.map(order);
    },
    async releaseOrder(id) {
      const { rows } = await client.query(
        `UPDATE demo_orders SET status = 'released' WHERE id = $1 AND status = 'open' RETURNING id`,
        [id],
      );
      return rows.length === 1;
    },
    async noteReleaseReceipt(id, receiptHash) {
      const { rows } = await client.query(
        `UPDATE demo_orders SET release_receipt = $2 WHERE id = $1 AND status = 'open' RETURNING id`,
        [id, receiptHash],
      );
      return rows.length === 1;
    },
  };
}
