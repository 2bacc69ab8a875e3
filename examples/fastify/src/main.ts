import { createApp } from './app';

// PORT (3002), RP_ID (localhost), ORIGIN (http://localhost:$PORT), as the demo reads them.
const port = Number(process.env.PORT || 3002);
if (!Number.isInteger(port) || port < 0 || port > 65535)
  throw new Error(`PORT must be a port number, got ${process.env.PORT}`);
const rpId = process.env.RP_ID || 'localhost';
const origin = (process.env.ORIGIN || `http://localhost:${port}`).replace(/\/+$/, '');

const app = createApp({ rpId, origin });
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => app.close(() => process.exit(0)));
try {
  await app.listen({ port, host: process.env.HOST || 'localhost' });
  console.log(`Passkey example (Fastify) on ${origin}  (Ctrl-C stops it)`);
} catch (err) {
  console.error(
    `fastify example: cannot listen on port ${port}: ${err instanceof Error ? err.message : err}`,
  );
  process.exit(1);
}
