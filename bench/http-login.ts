/**
 * HTTP sign-in throughput of the demo: login/options + login/verify over real HTTP on
 * loopback, against the demo app on memory stores, with C clients in flight. Bounded in
 * count; the responses are made by the software authenticator outside the timed part.
 */

import { Worker } from 'node:worker_threads';
import { createSoftwareAuthenticator } from '@acme/passkey-testing';
import { serve } from '@hono/node-server';
import { createDemoApp } from '../examples/demo/src/server/app';
import { readConfig } from '../examples/demo/src/server/config';
import { fmt, table } from './measure';

const N = Number(process.env.BENCH_HTTP_LOGINS ?? 600);
const CONCURRENCY = 8;

/** Sends the bodies from a worker thread, so the load generator does not share the server's thread. */
function load(url: string, origin: string, bodies: string[]): Promise<{ seconds: number; failed: number }> {
  const worker = new Worker(new URL('./load-worker.mjs', import.meta.url), {
    workerData: { url, origin, bodies, concurrency: CONCURRENCY },
  });
  return new Promise((resolve, reject) => {
    worker.once('message', (m) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

export async function benchHttpLogin(): Promise<void> {
  const port = 39_000 + Math.floor(Math.random() * 1000);
  const origin = `http://localhost:${port}`;
  const { app } = createDemoApp({ config: readConfig({ PORT: String(port) }) });
  const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
  const base = `http://127.0.0.1:${port}`;
  const post = async (path: string, body: unknown, cookie = '') => {
    const res = await fetch(base + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin, cookie },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return {
      body: (await res.json()) as Record<string, unknown>,
      cookie: res.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; '),
    };
  };
  try {
    // Counterless, as synced passkeys are: out-of-order verifies are then all valid.
    const auth = createSoftwareAuthenticator({ attachment: 'platform', counter: { start: 0, increment: 0 } });
    const signup = await post('/api/account/signup', {
      username: 'bench-user',
      password: 'correct horse battery',
    });
    const reg = await post('/api/passkeys/register/options', {}, signup.cookie);
    const options = reg.body.options as Parameters<typeof auth.create>[0];
    await post(
      '/api/passkeys/register/verify',
      { ceremonyId: reg.body.ceremonyId, response: await auth.create(options, { origin }) },
      signup.cookie,
    );

    // Pre-make the ceremonies and responses: what is timed is the server's HTTP work.
    const ceremonies: Array<{ ceremonyId: unknown; response: unknown }> = [];
    for (let i = 0; i < N; i++) {
      const { body } = await post('/api/passkeys/login/options', {});
      ceremonies.push({
        ceremonyId: body.ceremonyId,
        response: await auth.get(body.options as never, { origin }),
      });
    }
    const verifyRun = await load(
      `${base}/api/passkeys/login/verify`,
      origin,
      ceremonies.map((c) => JSON.stringify(c)),
    );
    const optionsRun = await load(
      `${base}/api/passkeys/login/options`,
      origin,
      ceremonies.map(() => '{}'),
    );
    if (verifyRun.failed + optionsRun.failed > 0) throw new Error('some requests failed');
    const verifySeconds = verifyRun.seconds;
    const optionsSeconds = optionsRun.seconds;
    table([
      { route: 'POST /api/passkeys/login/options', 'req/s': Math.round(N / optionsSeconds) },
      { route: 'POST /api/passkeys/login/verify', 'req/s': Math.round(N / verifySeconds) },
      { route: 'full sign-in (options + verify)', 'req/s': fmt(N / (optionsSeconds + verifySeconds), 0) },
    ]);
    console.log(
      `(${N} sign-ins, ${CONCURRENCY} in flight from a worker thread, loopback HTTP, demo on memory stores)`,
    );
  } finally {
    server.close();
  }
}
