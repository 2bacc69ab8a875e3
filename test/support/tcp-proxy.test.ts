import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';

/** An upstream that answers every chunk with the same bytes. */
let echo: net.Server;
let echoPort: number;
let proxy: TcpProxy | undefined;

beforeAll(async () => {
  echo = net.createServer((socket) => {
    socket.on('error', () => {});
    socket.pipe(socket);
  });
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  echoPort = (echo.address() as net.AddressInfo).port;
});

afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

afterAll(async () => {
  await new Promise<void>((resolve) => echo.close(() => resolve()));
});

/** A client socket on the proxy, with everything it received and whether it closed. */
async function connect(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  const state = { received: '', closed: false };
  socket.on('data', (chunk) => {
    state.received += chunk.toString();
  });
  socket.on('error', () => {});
  socket.on('close', () => {
    state.closed = true;
  });
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  return { socket, state };
}

const until = (check: () => boolean) => expect.poll(check, { timeout: 2000, interval: 5 }).toBe(true);

/** Long enough for bytes to cross the loopback many times over, were they forwarded. */
const quiet = () => new Promise((resolve) => setTimeout(resolve, 100));

describe('startTcpProxy', () => {
  it('forwards bytes both ways', async () => {
    proxy = await startTcpProxy({ host: '127.0.0.1', port: echoPort });
    const { socket, state } = await connect(proxy.port);
    socket.write('ping');
    await until(() => state.received === 'ping');
    socket.destroy();
  });

  it('cut closes open connections and refuses new ones until restore', async () => {
    proxy = await startTcpProxy({ host: '127.0.0.1', port: echoPort });
    const open = await connect(proxy.port);
    proxy.cut();
    await until(() => open.state.closed);
    const refused = await connect(proxy.port);
    refused.socket.write('lost');
    await until(() => refused.state.closed);
    expect(refused.state.received).toBe('');
    proxy.restore();
    const again = await connect(proxy.port);
    again.socket.write('back');
    await until(() => again.state.received === 'back');
    again.socket.destroy();
  });

  it('stall holds bytes on open connections, and restore delivers them', async () => {
    proxy = await startTcpProxy({ host: '127.0.0.1', port: echoPort });
    const { socket, state } = await connect(proxy.port);
    proxy.stall();
    socket.write('held');
    await quiet();
    expect(state).toEqual({ received: '', closed: false });
    proxy.restore();
    await until(() => state.received === 'held');
    socket.destroy();
  });

  it('close stops listening', async () => {
    const closed = await startTcpProxy({ host: '127.0.0.1', port: echoPort });
    await closed.close();
    const socket = net.connect(closed.port, '127.0.0.1');
    const error = await new Promise<NodeJS.ErrnoException>((resolve) => socket.once('error', resolve));
    expect(error.code).toBe('ECONNREFUSED');
  });
});
