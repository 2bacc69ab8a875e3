import { createApp } from './app';

// PORT (3001), RP_ID (localhost), ORIGIN (http://localhost:$PORT), as the demo reads them.
const port = Number(process.env.PORT || 3001);
if (!Number.isInteger(port) || port < 0 || port > 65535)
  throw new Error(`PORT must be a port number, got ${process.env.PORT}`);
const rpId = process.env.RP_ID || 'localhost';
const origin = (process.env.ORIGIN || `http://localhost:${port}`).replace(/\/+$/, '');

const server = createApp({ rpId, origin }).listen(port, (error) => {
  if (error) {
    console.error(`express example: cannot listen on port ${port}: ${error.message}`);
    process.exit(1);
  }
  console.log(`Passkey example (Express) on ${origin}  (Ctrl-C stops it)`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => server.close(() => process.exit(0)));
