/** A fault-injecting {@link SqlClient}: the engine fails or stalls on the query the test picks. */
import type { SqlClient } from '../src/index';

/** Which query goes wrong, counting every query through the wrapper from 1 (transactions included). */
export interface Faults {
  /** The N-th query throws without reaching the engine. */
  failAt?: number;
  /** The N-th query is never sent and times out after `timeoutMs` (a driver's query timeout). */
  stallAt?: number;
  timeoutMs?: number;
  /** Every transaction fails after its last statement ran, just before it would commit. */
  failCommit?: boolean;
  /** Runs after the N-th query succeeded (e.g. to cut the network under an open transaction). */
  after?: (n: number, sql: string) => void | Promise<void>;
}

/** The wrapper, the SQL it saw, and a way to change the faults between calls. */
export interface FaultyClient extends SqlClient {
  seen: string[];
  set(faults: Faults): void;
}

export class InjectedFault extends Error {
  override name = 'InjectedFault';
}

export function faultyClient(inner: SqlClient, initial: Faults = {}): FaultyClient {
  let faults = initial;
  const seen: string[] = [];

  const run = async <R>(target: SqlClient, sql: string, params?: unknown[]) => {
    seen.push(sql);
    const n = seen.length;
    if (n === faults.failAt) throw new InjectedFault(`query ${n} failed`);
    if (n === faults.stallAt) {
      await new Promise((resolve) => setTimeout(resolve, faults.timeoutMs ?? 100));
      throw new InjectedFault(`query ${n} timed out after ${faults.timeoutMs ?? 100} ms`);
    }
    const result = await target.query<R>(sql, params);
    await faults.after?.(n, sql);
    return result;
  };

  const wrap = (target: SqlClient): SqlClient => ({
    query: (sql, params) => run(target, sql, params),
    transaction: (fn) =>
      target.transaction(async (tx) => {
        const result = await fn(wrap(tx));
        if (faults.failCommit) throw new InjectedFault('commit failed');
        return result;
      }),
  });

  return {
    ...wrap(inner),
    seen,
    set(next) {
      faults = next;
      seen.length = 0;
    },
  };
}
