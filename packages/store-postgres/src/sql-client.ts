/**
 * The one seam between the stores and a SQL engine: node-postgres, PGlite, or anything
 * that can run a parameterised query and a transaction.
 */
export interface SqlClient {
  /** Runs one statement with `$1`-style parameters. */
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
  /**
   * Runs `fn` in one transaction on one connection: committed when `fn` resolves, rolled
   * back when it throws (the error is rethrown). A transaction inside `fn` joins the outer one.
   */
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
}

/** The part of a node-postgres `PoolClient` the seam uses. */
export interface PgPoolClientLike {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
  release(destroy?: boolean | Error): void;
  on?(event: 'error', listener: (err: Error) => void): unknown;
  off?(event: 'error', listener: (err: Error) => void): unknown;
}

/** The part of a node-postgres `Pool` the seam uses. */
export interface PgPoolLike {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
  connect(): Promise<PgPoolClientLike>;
}

/** The part of a PGlite instance (or its transaction handle) the seam uses. */
export interface PGliteLike {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
  transaction<T>(
    fn: (tx: { query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }> }) => Promise<T>,
  ): Promise<T>;
}

/** The engines type their rows loosely; the seam lets each statement name its row shape. */
const typed = <R>(result: Promise<{ rows: unknown[] }>) => result as Promise<{ rows: R[] }>;

const joined = (run: SqlClient['query']): SqlClient => {
  const tx: SqlClient = { query: run, transaction: (fn) => fn(tx) };
  return tx;
};

/**
 * A {@link SqlClient} over a node-postgres `Pool`: a transaction checks out one connection,
 * runs `BEGIN`, `fn`, then `COMMIT` (or `ROLLBACK`), and releases it; a connection that
 * failed or whose rollback failed is destroyed rather than returned to the pool. Give the
 * pool an `error` listener, as node-postgres asks, for connections lost while idle.
 *
 * @example
 * const client = fromPg(new pg.Pool({ connectionString: process.env.DATABASE_URL }));
 */
export function fromPg(pool: PgPoolLike): SqlClient {
  return {
    query: (sql, params) => typed(pool.query(sql, params)),
    async transaction(fn) {
      const conn = await pool.connect();
      let broken: unknown;
      // A checked-out client that loses its connection between two statements emits 'error';
      // unheard, that would crash the process. Heard, the connection is destroyed on release.
      const onError = (err: Error) => {
        broken = err;
      };
      conn.on?.('error', onError);
      try {
        await conn.query('BEGIN');
        const result = await fn(joined((sql, params) => typed(conn.query(sql, params))));
        await conn.query('COMMIT');
        return result;
      } catch (err) {
        await conn.query('ROLLBACK').catch((rollbackErr: unknown) => {
          broken = rollbackErr;
        });
        throw err;
      } finally {
        conn.off?.('error', onError);
        conn.release(broken === undefined ? undefined : broken instanceof Error ? broken : true);
      }
    },
  };
}

/**
 * A {@link SqlClient} over PGlite (embedded PostgreSQL in WebAssembly, in memory or in a
 * data directory). PGlite runs one transaction at a time, which makes every lock trivially held.
 *
 * @example
 * const client = fromPGlite(await PGlite.create('./.data'));
 */
export function fromPGlite(db: PGliteLike): SqlClient {
  return {
    query: (sql, params) => typed(db.query(sql, params)),
    transaction: (fn) => db.transaction((tx) => fn(joined((sql, params) => typed(tx.query(sql, params))))),
  };
}
