/**
 * The seam between the stores and mysql2: a pool hands out connections; the stores run single
 * statements, transactions and sessions on them. Any engine that speaks MySQL's SQL through an
 * object of this shape works (mysql2/promise pools do, as they are).
 */

/** The options of one statement, as mysql2's `query(options)` takes them. */
export interface MysqlQueryOptions {
  sql: string;
  values: unknown[];
  /** mysql2's per-query timeout in ms (`Query inactivity timeout`); none when undefined. */
  timeout: number | undefined;
  /** DATETIME as text: read in UTC whatever the pool's `timezone` or the process's time zone. */
  dateStrings: true;
  /** Overrides a pool-wide `typeCast` function, so rows come as the stores expect them. */
  typeCast: (field: unknown, next: () => unknown) => unknown;
  rowsAsArray: false;
  nestTables: false;
  namedPlaceholders: false;
}

/** The part of a mysql2/promise `PoolConnection` the stores use. */
export interface MysqlConnectionLike {
  query(options: MysqlQueryOptions): Promise<[unknown, unknown]>;
  release(): void;
  destroy(): void;
}

/** The part of a mysql2/promise `Pool` the stores use (`mysql.createPool(…)` from `mysql2/promise`). */
export interface MysqlPoolLike {
  getConnection(): Promise<MysqlConnectionLike>;
}

/** Rows of a `SELECT`; `affectedRows` of an `INSERT`/`UPDATE`/`DELETE` (rows matched, mysql2's default). */
export interface SqlResult<R> {
  rows: R[];
  affectedRows: number;
}

/** Runs one statement with `?` parameters. */
export type Query = <R = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<SqlResult<R>>;

/** What the stores run statements through. */
export interface SqlClient {
  query: Query;
  /** One transaction on one connection: committed when `fn` resolves, rolled back when it throws. */
  transaction<T>(fn: (query: Query) => Promise<T>, options?: { readCommitted?: boolean }): Promise<T>;
  /** Several statements on one connection, outside a transaction (session locks such as `GET_LOCK`). */
  session<T>(fn: (query: Query) => Promise<T>): Promise<T>;
}

const passThrough = (_field: unknown, next: () => unknown) => next();

/**
 * Text goes as bytes (mysql2 writes a Buffer as `X'…'`): mysql2 escapes strings with
 * backslashes, which a session in `NO_BACKSLASH_ESCAPES` mode reads as ordinary characters, so
 * a quote in a passkey's name would end its literal and the rest would run as SQL. Bytes are
 * also read the same whatever the connection's character set.
 */
const asValue = (param: unknown) => (typeof param === 'string' ? Buffer.from(param, 'utf8') : param);

function runOn(conn: MysqlConnectionLike, timeout: number | undefined): Query {
  return async <R>(sql: string, params: unknown[] = []) => {
    const [result] = await conn.query({
      sql,
      values: params.map(asValue),
      timeout,
      dateStrings: true,
      typeCast: passThrough,
      rowsAsArray: false,
      nestTables: false,
      namedPlaceholders: false,
    });
    if (Array.isArray(result)) return { rows: result as R[], affectedRows: 0 };
    return { rows: [], affectedRows: Number((result as { affectedRows?: unknown }).affectedRows ?? 0) };
  };
}

/** An error the server answered with: the connection itself is still sound. */
const fromServer = (err: unknown) =>
  typeof err === 'object' &&
  err !== null &&
  typeof (err as { sqlState?: unknown }).sqlState === 'string' &&
  (err as { fatal?: unknown }).fatal !== true;

/**
 * A {@link SqlClient} over a mysql2/promise pool. A connection goes back to the pool only in a
 * known state: after success, or after a server's error (and, in a transaction, a `ROLLBACK`
 * that worked). One that timed out, lost its link or may still hold a lock is destroyed, so
 * the server rolls its transaction back and no later caller inherits it.
 */
export function fromPool(pool: MysqlPoolLike, options: { timeoutMs?: number } = {}): SqlClient {
  const using = async <T>(fn: (query: Query) => Promise<T>, cleanUp: (query: Query) => Promise<boolean>) => {
    const conn = await pool.getConnection();
    const query = runOn(conn, options.timeoutMs);
    try {
      const result = await fn(query);
      conn.release();
      return result;
    } catch (err) {
      if (fromServer(err) && (await cleanUp(query).catch(() => false))) conn.release();
      else conn.destroy();
      throw err;
    }
  };
  return {
    query: (sql, params) =>
      using(
        (query) => query(sql, params),
        async () => true,
      ),
    transaction: (fn, { readCommitted = false } = {}) =>
      using(
        async (query) => {
          // Applies to the next transaction only: the pooled connection keeps its own default.
          if (readCommitted) await query('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
          await query('START TRANSACTION');
          const result = await fn(query);
          await query('COMMIT');
          return result;
        },
        async (query) => {
          await query('ROLLBACK');
          return true;
        },
      ),
    session: (fn) => using(fn, async () => false),
  };
}
