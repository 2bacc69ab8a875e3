import { fileURLToPath } from 'node:url';
import type { ServerType } from '@hono/node-server';
import { serve } from '@hono/node-server';
import { createDemoApp } from './app';
import { listenErrorMessage, readConfig } from './config';
import { openStorage, type Storage } from './storage';

const config = readConfig();
let storage: Storage | undefined;
let server: ServerType | undefined;

// Ctrl-C (SIGINT) or SIGTERM: close the server and the database (which frees the data folder),
// then exit. Installed first, so a signal during start-up closes cleanly too. A server that
// cannot listen closes the same way, with exit code 1.
let stopping = false;
async function stop(signal: NodeJS.Signals | null, code = 0) {
  if (stopping) return;
  stopping = true;
  if (signal) console.log(`\n${signal}: stopping`);
  setTimeout(() => process.exit(1), 5000).unref();
  if (server) {
    server.close();
    if ('closeAllConnections' in server) server.closeAllConnections();
  }
  await storage?.close();
  process.exit(code);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

try {
  storage = await openStorage(process.env);
} catch (err) {
  console.error(`demo: cannot open the storage: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}
if (!stopping) {
  const { app } = createDemoApp({
    config,
    stores: storage.stores,
    data: storage.data,
    activity: storage.activity,
    storage: storage.info,
    secret: storage.secret,
    receiptKey: storage.receiptKey,
    webDir: fileURLToPath(new URL('../web/', import.meta.url)),
  });
  const info = storage.info;
  server = serve(
    { fetch: app.fetch, port: config.port, hostname: process.env.HOST || undefined },
    (address) => {
      const url = config.port === 0 ? `http://localhost:${address.port}` : config.origin;
      console.log(`Passkey demo on ${url}  (Ctrl-C stops it)`);
      console.log(`storage: ${info.label}${info.location ? `\ndata: ${info.location}` : ''}`);
    },
  );
  server.on('error', (err) => {
    console.error(listenErrorMessage(config.port, err));
    void stop(null, 1);
  });
}
