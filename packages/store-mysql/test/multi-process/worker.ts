/**
 * One server process of the multi-process proof (test/support/multi-process at the repository's
 * root): its stores over the shared MySQL / MariaDB database, for passkeys and for ceremonies
 * and receipt IDs alike.
 */
import mysql from 'mysql2/promise';
import type { WorkerConfig } from '../../../../test/support/multi-process/protocol';
import { serveWorker } from '../../../../test/support/multi-process/worker';
import { createMysqlStores } from '../../src/index';

/** What this package's workers need besides the shared settings: the database and table prefix. */
export interface MysqlWorkerConfig extends WorkerConfig {
  mysqlUrl: string;
  database: string;
  tablePrefix: string;
}

await serveWorker<MysqlWorkerConfig>((config) => {
  const pool = mysql.createPool({ uri: config.mysqlUrl, database: config.database, connectionLimit: 5 });
  const stores = createMysqlStores({ pool, tablePrefix: config.tablePrefix });
  return {
    store: stores.store,
    challenges: stores.challenges,
    migrate: () => stores.migrate(),
    close: () => pool.end(),
  };
});
