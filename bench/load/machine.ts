/** The machine a run was measured on, printed with its figures (a shared machine is noisy). */
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import type { Redis } from 'ioredis';
import type pg from 'pg';
import { HARNESS_APPLICATION } from './scratch-database';

/** Cores, CPU model, memory, load average now, Node, PostgreSQL and Redis versions, in one line. */
export async function describeMachine(pool: pg.Pool, redis: Redis): Promise<string> {
  const cores = cpus();
  const model = cores[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown CPU';
  const memory = `${Math.round(totalmem() / 2 ** 30)} GiB`;
  const postgres =
    (await pool.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? '?';
  const info = await redis.info('server');
  const redisVersion = /redis_version:(\S+)/.exec(info)?.[1] ?? '?';
  return [
    `${cores.length} cores (${model}), ${memory}`,
    `load average ${loadAverage()}`,
    `Node ${process.version}`,
    `PostgreSQL ${postgres}`,
    `Redis ${redisVersion}`,
  ].join(' · ');
}

/** The 1, 5 and 15 minute load averages. */
export const loadAverage = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' / ');

/**
 * CPU seconds (user + system) a process has used, from `/proc/<pid>/stat` (Linux; clock ticks
 * of 1/100 s), or null where that file cannot be read.
 */
export function cpuSecondsOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at field 3: utime is 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** CPU seconds of the PostgreSQL sessions on `database` other than the harness's own (its server backends). */
export async function postgresCpuSeconds(pool: pg.Pool, database: string): Promise<number> {
  const { rows } = await pool.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND application_name <> $2',
    [database, HARNESS_APPLICATION],
  );
  return rows.reduce((sum, { pid }) => sum + (cpuSecondsOf(pid) ?? 0), 0);
}
