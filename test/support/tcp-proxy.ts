/**
 * A TCP proxy a test controls, for outage faults without touching a shared server: cut (every
 * socket destroyed, new ones refused), stall (bytes stop, connections stay open), restore.
 * A helper of this repository's own tests (the store packages' outage tests import it by
 * relative path), not part of any published package.
 * @example
 * const proxy = await startTcpProxy({ host: '127.0.0.1', port: 5432 });
 * const pool = new pg.Pool({ port: proxy.port, query_timeout: 1000 });
 * proxy.cut(); // queries now fail …
 * proxy.restore(); // … and work again
 */
import net from 'node:net';

/** The handle of {@link startTcpProxy}. */
export interface TcpProxy {
  port: number;
  /** Destroys every open connection, both sides, and resets new ones until `restore`. */
  cut(): void;
  /** Stops forwarding bytes (connections stay open, queries hang) until `restore`. */
  stall(): void;
  restore(): void;
  close(): Promise<void>;
}

/** Starts a proxy on 127.0.0.1 (a free port) to `target`. */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: 'up' | 'cut' | 'stalled' = 'up';
  const pairs = new Set<[net.Socket, net.Socket]>();

  const server = net.createServer((client) => {
    client.on('error', () => {});
    if (mode === 'cut') {
      client.destroy();
      return;
    }
    const upstream = net.connect(target);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    const pair: [net.Socket, net.Socket] = [client, upstream];
    pairs.add(pair);
    client.on('close', () => pairs.delete(pair));
    client.pipe(upstream);
    upstream.pipe(client);
    if (mode === 'stalled') for (const s of pair) s.pause();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  const cut = () => {
    mode = 'cut';
    for (const pair of pairs) for (const s of pair) s.destroy();
    pairs.clear();
  };

  return {
    port: (server.address() as net.AddressInfo).port,
    cut,
    stall() {
      mode = 'stalled';
      for (const pair of pairs) for (const s of pair) s.pause();
    },
    restore() {
      mode = 'up';
      for (const pair of pairs) for (const s of pair) s.resume();
    },
    async close() {
      cut();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
