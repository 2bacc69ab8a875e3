/**
 * Where this package's tests find the MySQL / MariaDB server, and how to probe it; what an
 * unreachable one does to the run is in test/support/services.ts at the repository's root.
 */
import mysql from 'mysql2/promise';
import { probeService, type Service } from '../../../test/support/services';

export const MYSQL_URL = process.env.PASSKEY_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';

/** Probes the server once (a connection and `SELECT 1`, 3 s at most). */
export function probeMysql(): Promise<Service> {
  return probeService({
    tag: 'store-mysql',
    name: 'MySQL / MariaDB server',
    url: MYSQL_URL,
    variables: 'PASSKEY_TEST_MYSQL_URL',
    connect: async () => {
      const conn = await mysql.createConnection({ uri: MYSQL_URL, connectTimeout: 3000 });
      try {
        await conn.query('SELECT 1');
      } finally {
        await conn.end().catch(() => {});
      }
    },
  });
}
