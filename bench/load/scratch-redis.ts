/**
 * A Redis logical database of its own for one harness run. The demo's key prefix is fixed
 * (`passkey-demo:challenge:`), so a run takes an empty database number instead of a prefix: it
 * claims one (a marker key set only if absent, in a database that held nothing), and when it
 * is done deletes the demo's keys and its marker, nothing else.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

const BASE_URL = process.env.LOAD_REDIS_URL ?? 'redis://127.0.0.1:6379';
const CLAIM = 'passkey-harness:claim';

/** The demo's key prefix in Redis (examples/demo/src/server/storage.ts). */
export const DEMO_PREFIX = 'passkey-demo:challenge:';

/** A claimed database: its URL for the demo, a client on it, and `drop()`. */
export interface ScratchRedis {
  db: number;
  url: string;
  client: Redis;
  /** Every key under the demo's prefix (SCAN, never KEYS). */
  demoKeys(): Promise<string[]>;
  /** Deletes the demo's keys and the claim, then closes the client. */
  drop(): Promise<void>;
}

async function scan(client: Redis, pattern: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  return keys;
}

/** Claims the first empty database from 1 up (0 is everyone's default). */
export async function claimScratchRedis(): Promise<ScratchRedis> {
  const probe = new Redis(BASE_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await probe.connect();
  } catch (err) {
    probe.disconnect();
    throw new Error(`Redis is not reachable at ${BASE_URL}: ${(err as Error).message}`);
  }
  const [, count] = (await probe.config('GET', 'databases')) as [string, string];
  const token = randomBytes(8).toString('hex');
  let db = -1;
  for (let n = 1; n < Number(count) && db < 0; n++) {
    await probe.select(n);
    if ((await probe.dbsize()) > 0) continue;
    // A day at most: a run that died without cleaning up frees its number by itself.
    if ((await probe.set(CLAIM, token, 'EX', 86_400, 'NX')) === 'OK') db = n;
  }
  probe.disconnect();
  if (db < 0) throw new Error(`no empty Redis database among 1..${Number(count) - 1} at ${BASE_URL}`);
  const url = `${BASE_URL.replace(/\/\d*$/, '')}/${db}`;
  const client = new Redis(url, { maxRetriesPerRequest: 2 });
  let dropped = false;
  return {
    db,
    url,
    client,
    demoKeys: () => scan(client, `${DEMO_PREFIX}*`),
    async drop() {
      if (dropped) return;
      dropped = true;
      const keys = await scan(client, `${DEMO_PREFIX}*`);
      for (let i = 0; i < keys.length; i += 500) await client.del(...keys.slice(i, i + 500));
      if ((await client.get(CLAIM)) === token) await client.del(CLAIM);
      await client.quit();
    },
  };
}
