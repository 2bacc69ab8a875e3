/**
 * POST login/verify through the Fetch handler (node entry, memory stores): over loopback HTTP
 * (node:http and the package's `./node` adapter), driven by autocannon from a second process,
 * against the same handler called in this process
 * on the same kind of requests. The sign-ins are made beforehand by a counterless software
 * authenticator, so that they verify in any order; only the server's work is timed.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createSoftwareAuthenticator } from '@acme/passkey-testing';
import { median } from './measure';
import { nodeAdapter, nodeEntry } from './node-entry';

const N = Number(process.env.BENCH_HTTP_VERIFIES ?? 1500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONNECTIONS = 8;
const run = promisify(execFile);

/**
 * Requests per second, each the median of the rounds; and requests per CPU-second of this (the
 * server's) process, which the load generator's share of the machine's cores does not change.
 */
export interface HandlerFigures {
  inProcess: number;
  http: number;
  inProcessPerCpu: number;
  httpPerCpu: number;
}

/** CPU seconds this process used since `from`. */
const cpuSince = (from: NodeJS.CpuUsage) => {
  const { user, system } = process.cpuUsage(from);
  return (user + system) / 1e6;
};

export async function benchHandler(): Promise<HandlerFigures> {
  const { createPasskeyServer, createPasskeyHandler } = await nodeEntry();
  const port = 40_000 + Math.floor(Math.random() * 1000);
  const origin = `http://localhost:${port}`;
  const server = createPasskeyServer({
    rp: { id: 'localhost', name: 'Bench' },
    origins: [origin],
    logger: { warn() {}, error() {} },
  });
  const handle = createPasskeyHandler(server, { basePath: '/passkeys', getSession: () => null });
  const auth = createSoftwareAuthenticator({ attachment: 'platform', counter: { start: 0, increment: 0 } });
  const reg = await server.startRegistration({
    user: { id: 'u1', name: 'u1', displayName: 'U1' },
    lastVerifiedAt: new Date(),
  });
  await server.finishRegistration({
    ceremonyId: reg.ceremonyId,
    userId: 'u1',
    response: await auth.create(reg.options, { origin }),
  });
  const bodies = async () => {
    const out: string[] = [];
    for (let i = 0; i < N; i++) {
      const { ceremonyId, options } = await server.startAuthentication();
      out.push(JSON.stringify({ ceremonyId, response: await auth.get(options, { origin }) }));
    }
    return out;
  };
  const url = `http://127.0.0.1:${port}/passkeys/login/verify`;
  // Mounted as a Node app mounts it: node:http and the package's own adapter.
  const { toNodeHandler } = await nodeAdapter();
  const listening = createServer(toNodeHandler(handle, { origin }));
  await new Promise<void>((resolve) => listening.listen(port, '127.0.0.1', resolve));
  const file = path.join(tmpdir(), `passkey-bench-${process.pid}.json`);
  const driver = fileURLToPath(new URL('./http-driver.mjs', import.meta.url));
  const rates = {
    inProcess: [] as number[],
    http: [] as number[],
    inProcessPerCpu: [] as number[],
    httpPerCpu: [] as number[],
  };
  try {
    for (let round = 0; round <= ROUNDS; round++) {
      const local = await bodies();
      const start = performance.now();
      const cpuLocal = process.cpuUsage();
      for (const body of local) {
        const request = new Request(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin },
          body,
        });
        const response = (await handle(request)) as Response;
        await response.text();
        if (response.status !== 200) throw new Error(`in process: ${response.status}`);
      }
      const inProcess = N / ((performance.now() - start) / 1000);
      const inProcessPerCpu = N / cpuSince(cpuLocal);
      writeFileSync(file, JSON.stringify(await bodies()));
      const cpuHttp = process.cpuUsage();
      const { stdout } = await run(process.execPath, [driver, url, file, String(CONNECTIONS), origin]);
      const httpPerCpu = N / cpuSince(cpuHttp);
      const result = JSON.parse(stdout) as {
        requests: number;
        seconds: number;
        non2xx: number;
        errors: number;
      };
      if (result.non2xx + result.errors > 0 || result.requests !== N) throw new Error(`over HTTP: ${stdout}`);
      if (round === 0) continue; // warm-up
      rates.inProcess.push(inProcess);
      rates.http.push(result.requests / result.seconds);
      rates.inProcessPerCpu.push(inProcessPerCpu);
      rates.httpPerCpu.push(httpPerCpu);
    }
  } finally {
    listening.close();
  }
  const figures = {
    inProcess: median(rates.inProcess),
    http: median(rates.http),
    inProcessPerCpu: median(rates.inProcessPerCpu),
    httpPerCpu: median(rates.httpPerCpu),
  };
  console.table([
    {
      'POST login/verify': 'handler, in process',
      'req/s': Math.round(figures.inProcess),
      'req per server CPU-s': Math.round(figures.inProcessPerCpu),
    },
    {
      'POST login/verify': `HTTP, autocannon in another process, ${CONNECTIONS} connections`,
      'req/s': Math.round(figures.http),
      'req per server CPU-s': Math.round(figures.httpPerCpu),
    },
  ]);
  console.log(
    `ratio HTTP / in process: ${(figures.http / figures.inProcess).toFixed(2)} (${N} per round, median of ${ROUNDS} rounds)`,
  );
  return figures;
}
