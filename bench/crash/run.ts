/**
 * `pnpm crash`: the built demo on its own PostgreSQL and Redis databases, SIGKILLed again and
 * again during registrations, step-ups and releases, and restarted on the same data each time.
 * After every kill the data is checked with the demo down; after every restart the clients
 * replay what they sent before. Exits 1 on any violation. Run by hand, never in CI.
 *
 *   pnpm crash                         # 60 kills, 6 clients
 *   pnpm crash -- --kills 10 --no-build
 */
import { randomBytes } from 'node:crypto';
import { buildDemo, type DemoServer, freePort, startDemoServer } from '../load/demo-server';
import { describeMachine } from '../load/machine';
import { createScratchDatabase } from '../load/scratch-database';
import { claimScratchRedis } from '../load/scratch-redis';
import { type Snapshot, takeSnapshot } from '../load/snapshot';
import { loopbackAddress } from '../load/wire';
import { CRASH_PLANTS, checkTheCrashChecks } from './check-the-checks';
import { checkAfterKill } from './checks';
import { type ClientDeps, createCrashClient } from './client';
import { runClientCycle } from './cycle';
import { createKiller, KINDS, type KillRecord } from './killer';
import { createCrashLedger } from './ledger';
import { parseCrashOptions } from './options';
import { waitForQuiet } from './quiet';
import { judgeReleases, noFates } from './releases';
import { type CrashTotals, printCrashReport } from './report';

const options = parseCrashOptions(process.argv.slice(2));
if (options.build) buildDemo();
const db = await createScratchDatabase('crash');
const redis = await claimScratchRedis().catch(async (err) => {
  await db.drop();
  throw err;
});
let server: DemoServer | undefined;
let passed = false;
process.once('SIGINT', () => {
  server?.process.kill('SIGKILL');
  void Promise.allSettled([db.drop(), redis.drop()]).finally(() => process.exit(130));
});

try {
  const machine = await describeMachine(db.pool, redis.client);
  const port = await freePort();
  const env = {
    DATABASE_URL: db.url,
    REDIS_URL: redis.url,
    // Kept across restarts, as a deployment keeps it.
    PASSKEY_SECRET: randomBytes(32).toString('base64url'),
    DEMO_RELEASE_HOLD_SECONDS: '0',
  };
  let epoch = 0;
  const killer = createKiller(db.pool, db.name);
  const totals: CrashTotals = {
    partial: [],
    lost: [],
    doubleUse: [],
    unexpected: [],
    releases: noFates(),
    replays: { refused: 0, firstUse: 0, finished: 0 },
    startsMs: [],
  };
  const deps: ClientDeps = {
    killer,
    ledger: createCrashLedger(),
    redis,
    epoch: () => epoch,
    unexpected: totals.unexpected,
    violations: totals.doubleUse,
    replays: totals.replays,
  };
  const clients = Array.from({ length: options.workers }, (_, i) =>
    createCrashClient(deps, `crash.${i}.${randomBytes(3).toString('hex')}`, loopbackAddress(1000 + i)),
  );
  const kills: KillRecord[] = [];
  let last: Snapshot | undefined;
  console.log(`demo on http://localhost:${port}: PostgreSQL database ${db.name}, Redis database ${redis.db}`);

  const start = async () => {
    const began = performance.now();
    server = await startDemoServer(port, env);
    totals.startsMs.push(performance.now() - began);
    killer.revive();
    for (const c of clients) c.restarted(server);
  };
  for (; kills.length < options.kills; epoch++) {
    await start();
    const running = server as DemoServer;
    const target = KINDS[epoch % KINDS.length] as (typeof KINDS)[number];
    const kill = killer.arm(target, running, Math.floor(Math.random() * 4));
    const cycles = Promise.all(clients.map((c) => runClientCycle(deps, c, true)));
    const shot = await Promise.race([kill, cycles.then(() => null)]);
    if (shot === null) {
      totals.unexpected.push(`cycle ${epoch + 1}: every client stopped before the kill`);
      running.process.kill('SIGKILL');
    } else kills.push(shot);
    await running.exited;
    await cycles;
    await waitForQuiet(db.pool, db.name);
    const data = await takeSnapshot(db.pool, redis);
    const found = checkAfterKill(deps.ledger, data);
    totals.partial.push(...found.partial);
    totals.lost.push(...found.lost);
    judgeReleases(deps.ledger, data, kills.length, totals.releases);
    last = data;
    process.stdout.write(kills.length % 10 === 0 ? `${kills.length}` : '.');
  }
  // One more start: what was sent to the last process is replayed too, then a clean stop.
  await start();
  await Promise.all(clients.map((c) => runClientCycle(deps, c, false)));
  passed = printCrashReport(kills, totals, machine);
  const missed = last ? checkTheCrashChecks(deps.ledger, last) : ['no data'];
  console.log(
    missed.length === 0
      ? `  the checks themselves: each caught the violation planted for it (${CRASH_PLANTS} of ${CRASH_PLANTS})`
      : `  FAIL the checks themselves: missed ${missed.join(', ')}`,
  );
  passed &&= missed.length === 0;
  console.log(passed ? '\ncrash: passed' : '\ncrash: FAILED');
} finally {
  if (server && server.process.exitCode === null && server.process.signalCode === null) {
    server.process.kill('SIGTERM');
    await server.exited;
  }
  await Promise.allSettled([db.drop(), redis.drop()]);
}
process.exit(passed ? 0 : 1);
