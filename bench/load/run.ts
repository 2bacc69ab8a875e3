/**
 * `pnpm load`: the built demo on its own PostgreSQL database and Redis database, driven over
 * HTTP by concurrent virtual users running whole flows; then the data is checked directly.
 * Exits 1 on any error or violated invariant. Run by hand, never in CI's test command.
 *
 *   pnpm load                       # 50 users, 60 s
 *   pnpm load -- --users 20 --seconds 30 --no-build
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkTheChecks, PLANTED } from './check-the-checks';
import { buildDemo, type DemoServer, freePort, startDemoServer } from './demo-server';
import { drive } from './drive';
import { checkLoadInvariants, type Verdict } from './invariants';
import { createLedger } from './ledger';
import { cpuSecondsOf, describeMachine, loadAverage, postgresCpuSeconds } from './machine';
import { parseLoadOptions } from './options';
import { replayReceiptSample } from './replay-sample';
import { printLoadReport } from './report';
import { createRouteStats } from './route-stats';
import { createScratchDatabase } from './scratch-database';
import { claimScratchRedis } from './scratch-redis';
import { takeSnapshot } from './snapshot';

const options = parseLoadOptions(process.argv.slice(2));
if (options.build) buildDemo();
const db = await createScratchDatabase('load');
const redis = await claimScratchRedis().catch(async (err) => {
  await db.drop();
  throw err;
});
const dataDir = mkdtempSync(path.join(tmpdir(), 'passkey-load-'));
let server: DemoServer | undefined;
let failed = true;

async function cleanUp(): Promise<void> {
  if (server && server.process.exitCode === null && server.process.signalCode === null) {
    server.process.kill('SIGTERM');
    await server.exited;
  }
  await Promise.allSettled([db.drop(), redis.drop()]);
  rmSync(dataDir, { recursive: true, force: true });
}
process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));

try {
  const machine = await describeMachine(db.pool, redis.client);
  server = await startDemoServer(await freePort(), {
    DATABASE_URL: db.url,
    REDIS_URL: redis.url,
    PASSKEY_SECRET: randomBytes(32).toString('base64url'),
    DEMO_RELEASE_HOLD_SECONDS: '0',
    DEMO_DATA_DIR: dataDir,
  });
  console.log(`demo on ${server.origin}: PostgreSQL database ${db.name}, Redis database ${redis.db}`);
  console.log(`${options.users} virtual users for ${options.seconds} s…`);
  const stats = createRouteStats();
  const ledger = createLedger();
  const pid = server.process.pid as number;
  const serverCpu = cpuSecondsOf(pid) ?? 0;
  const driverCpu = process.cpuUsage();
  const result = await drive(server, options, stats, ledger);
  const driverUsed = process.cpuUsage(driverCpu);
  const driverSeconds = (driverUsed.user + driverUsed.system) / 1e6;
  // The demo's PostgreSQL sessions are opened during the run: their whole CPU time is the run's.
  const postgres = await postgresCpuSeconds(db.pool, db.name);
  const cpu =
    `CPU during the run: demo server ${((cpuSecondsOf(pid) ?? 0) - serverCpu).toFixed(1)} s, ` +
    `its PostgreSQL sessions ${postgres.toFixed(1)} s, load driver ${driverSeconds.toFixed(1)} s`;
  const replayed = await replayReceiptSample(ledger, stats).catch((err: Error) => {
    result.failures.push(`receipt replay after the run: ${err.message}`);
    return 0;
  });
  const snapshot = await takeSnapshot(db.pool, redis);
  const verdicts: Verdict[] = checkLoadInvariants(ledger, snapshot);
  printLoadReport(
    options,
    `${machine}; load average after the run ${loadAverage()}`,
    result,
    stats,
    verdicts,
  );
  console.log(`  (${replayed} release receipts replayed after the run, each refused)`);
  console.log(
    `  ${cpu} (of ${result.elapsed.toFixed(1)} s on the machine's cores, shared with its other work)`,
  );
  const missed = checkTheChecks(ledger, snapshot);
  console.log(
    missed.length === 0
      ? `  the checks themselves: each caught the violation planted for it (${PLANTED} of ${PLANTED})`
      : `  FAIL the checks themselves: no planted violation caught by ${missed.join(', ')}`,
  );
  const errors = stats.totals().errors + result.failures.length;
  failed = errors > 0 || verdicts.some((v) => !v.ok) || missed.length > 0;
  console.log(failed ? '\nload: FAILED' : '\nload: passed (0 errors, every invariant held)');
} finally {
  await cleanUp();
}
process.exit(failed ? 1 : 0);
