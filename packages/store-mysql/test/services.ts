/**
 * Whether the MySQL / MariaDB server can be reached, and what to do when it cannot: with
 * PASSKEY_REQUIRE_SERVICES=1 (CI) its tests fail; otherwise they are skipped, with the reason
 * printed.
 */
import mysql from 'mysql2/promise';

export const MYSQL_URL = process.env.PASSKEY_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
const required = process.env.PASSKEY_REQUIRE_SERVICES === '1';

/** The outcome of one probe. */
export interface Service {
  name: string;
  url: string;
  /** null when reachable, else why not. */
  problem: string | null;
  /** Skip the tests: unreachable and not required. */
  skip: boolean;
  /** For `beforeAll`: throws when the service is required and unreachable. */
  assertReachable(): void;
}

/** Probes the server once (a connection and `SELECT 1`, 3 s at most). */
export async function probeMysql(): Promise<Service> {
  const name = 'MySQL / MariaDB server';
  let problem: string | null = null;
  try {
    const conn = await mysql.createConnection({ uri: MYSQL_URL, connectTimeout: 3000 });
    try {
      await conn.query('SELECT 1');
    } finally {
      await conn.end().catch(() => {});
    }
  } catch (err) {
    problem = err instanceof Error ? err.message || (err as { code?: string }).code || err.name : String(err);
  }
  const skip = problem !== null && !required;
  if (skip) {
    console.warn(
      `[store-mysql] SKIPPED: ${name} tests, ${MYSQL_URL} is unreachable (${problem}). ` +
        'Start it, point PASSKEY_TEST_MYSQL_URL at one, or set PASSKEY_REQUIRE_SERVICES=1 to fail instead.',
    );
  }
  return {
    name,
    url: MYSQL_URL,
    problem,
    skip,
    assertReachable() {
      if (problem !== null) {
        throw new Error(
          `${name} is required (PASSKEY_REQUIRE_SERVICES=1) but ${MYSQL_URL} is unreachable: ${problem}`,
        );
      }
    },
  };
}
