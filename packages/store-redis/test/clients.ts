/** Both real clients on the shared Redis server, fresh key prefixes, and their cleanup. */
import { Redis, type RedisOptions } from 'ioredis';
import { createClient, type RedisClientOptions } from 'redis';
import type { RedisClient } from '../src/index';
import { REDIS_URL } from './services';

/** A connected client of one kind, as the store receives it, and how to close it. */
export interface OpenClient {
  kind: 'ioredis' | 'node-redis';
  client: RedisClient;
  close(): Promise<void>;
}

export async function openIoredis(options: RedisOptions = {}, url = REDIS_URL): Promise<OpenClient> {
  const client = new Redis(url, { lazyConnect: true, ...options });
  client.on('error', () => {});
  await client.connect();
  return { kind: 'ioredis', client, close: async () => client.disconnect() };
}

export async function openNodeRedis(options: RedisClientOptions = {}, url = REDIS_URL): Promise<OpenClient> {
  const client = createClient({ url, ...options });
  client.on('error', () => {});
  await client.connect();
  return { kind: 'node-redis', client, close: async () => client.destroy() };
}

/** Each client kind and how to open it. */
export const CLIENTS = [
  ['ioredis', openIoredis],
  ['node-redis', openNodeRedis],
] as const;

/** A key prefix no other run uses: `pk:<random>:`. */
export const uniquePrefix = () => `pk:${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}:`;

/** Every key under a prefix (SCAN, never KEYS), through an admin connection. */
export async function keysUnder(admin: Redis, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await admin.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  return keys;
}

/** Deletes every key under a prefix; returns how many there were. */
export async function deleteUnder(admin: Redis, prefix: string): Promise<number> {
  const keys = await keysUnder(admin, prefix);
  if (keys.length > 0) await admin.del(...keys);
  return keys.length;
}

/** A plain ioredis connection for test bookkeeping. */
export function adminClient(): Redis {
  const admin = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  admin.on('error', () => {});
  return admin;
}
