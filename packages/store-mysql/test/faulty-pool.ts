/** A fault-injecting mysql2 pool: the engine fails or stalls on the statement the test picks. */
import type { MysqlConnectionLike, MysqlPoolLike } from '../src/index';

/** Which statement goes wrong, counting every statement through the wrapper from 1 (`START TRANSACTION` and `COMMIT` included). */
export interface Faults {
  /** The N-th statement throws without reaching the engine, as a lost connection does. */
  failAt?: number;
  /** The N-th statement reaches nothing and fails as the server's refusal (a deadlock victim): the connection is sound. */
  refuseAt?: number;
  /** The N-th statement is never sent and times out after `timeoutMs` (mysql2's query timeout). */
  stallAt?: number;
  timeoutMs?: number;
  /** Every `COMMIT` fails without reaching the engine. */
  failCommit?: boolean;
  /** No connection can be had. */
  failConnect?: boolean;
  /** Runs after the N-th statement succeeded (e.g. to cut the network under an open transaction). */
  after?: (n: number, sql: string) => void | Promise<void>;
}

/** The wrapper, the SQL it saw, what became of its connections, and a way to change the faults. */
export interface FaultyPool extends MysqlPoolLike {
  seen: string[];
  connections: { acquired: number; released: number; destroyed: number };
  set(faults: Faults): void;
}

export class InjectedFault extends Error {
  override name = 'InjectedFault';
}

/** Looks like the server's answer: mysql2 gives server errors an `errno` and a `sqlState`. */
class InjectedRefusal extends InjectedFault {
  errno = 1213;
  code = 'ER_LOCK_DEADLOCK';
  sqlState = '40001';
}

export function faultyPool(inner: MysqlPoolLike, initial: Faults = {}): FaultyPool {
  let faults = initial;
  const seen: string[] = [];
  const connections = { acquired: 0, released: 0, destroyed: 0 };

  const wrap = (conn: MysqlConnectionLike): MysqlConnectionLike => ({
    async query(options) {
      seen.push(options.sql);
      const n = seen.length;
      if (n === faults.failAt) throw new InjectedFault(`statement ${n} failed`);
      if (n === faults.refuseAt) throw new InjectedRefusal(`statement ${n} refused`);
      if (faults.failCommit && options.sql === 'COMMIT') throw new InjectedFault('commit failed');
      if (n === faults.stallAt) {
        await new Promise((resolve) => setTimeout(resolve, faults.timeoutMs ?? 100));
        throw new InjectedFault(`statement ${n} timed out after ${faults.timeoutMs ?? 100} ms`);
      }
      const result = await conn.query(options);
      await faults.after?.(n, options.sql);
      return result;
    },
    release() {
      connections.released++;
      conn.release();
    },
    destroy() {
      connections.destroyed++;
      conn.destroy();
    },
  });

  return {
    async getConnection() {
      if (faults.failConnect) throw new InjectedFault('connect failed');
      const conn = await inner.getConnection();
      connections.acquired++;
      return wrap(conn);
    },
    seen,
    connections,
    set(next) {
      faults = next;
      seen.length = 0;
    },
  };
}
