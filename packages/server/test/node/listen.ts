import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Mounted } from './mount-checks';

/** Listens on an ephemeral port of 127.0.0.1; `close` also ends idle keep-alive connections. */
export async function listen(server: Server): Promise<Mounted> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Reads a whole Node request body as text (the app's own parser in these tests). */
export async function readText(stream: AsyncIterable<Buffer>): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk.toString('utf8');
  return text;
}
