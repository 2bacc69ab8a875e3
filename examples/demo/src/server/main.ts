import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createDemoApp } from './app';
import { readConfig } from './config';
import { openStorage } from './storage';

const config = readConfig();
const storage = await openStorage(process.env).catch((err: Error) => {
  console.error(`demo: cannot open the storage: ${err.message}`);
  process.exit(1);
});
const { app } = createDemoApp({
  config,
  stores: storage.stores,
  data: storage.data,
  storage: storage.info,
  webDir: fileURLToPath(new URL('../web/', import.meta.url)),
});

const server = serve(
  { fetch: app.fetch, port: config.port, hostname: process.env.HOST || undefined },
  (info) => {
    const url = config.port === 0 ? `http://localhost:${info.port}` : config.origin;
    const where = storage.info.location ? ` in ${storage.info.location}` : '';
    console.log(`Passkey demo on ${url}  (Ctrl-C stops it)\nstorage: ${storage.info.label}${where}`);
  },
);

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping`);
  const force = setTimeout(() => process.exit(1), 5000);
  force.unref();
  server.close();
  if ('closeAllConnections' in server) server.closeAllConnections();
  await storage.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
