/** Clients for the Node adapter tests: fetch for the usual requests, raw sockets for the unusual ones. */
import { connect } from 'node:net';

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: test responses are read loosely
  json: any;
}

/** A JSON request from the page's origin, as `@acme/passkey-client` sends it. */
export async function send(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const res = await fetch(base + path, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: res.status, headers: res.headers, text, json };
}

/**
 * Writes `head` (request line and headers, CRLF-separated, without the blank line) and `body` on
 * a fresh connection, and resolves to everything the server sent until it closed (`Connection:
 * close` is added). For what fetch refuses to send: a chosen Host, an absolute target, HEAD.
 */
export function raw(base: string, head: string, body = ''): Promise<string> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let received = '';
    socket.setEncoding('latin1');
    socket.on('data', (d) => {
      received += d;
    });
    socket.on('end', () => resolve(received));
    socket.on('error', reject);
    socket.write(`${head}\r\nConnection: close\r\n\r\n${body}`);
  });
}

/** A raw HTTP/1.1 answer: its status, lower-cased header lines and body (chunked encoding undone). */
export function parseRaw(text: string): { status: number; headers: [string, string][]; body: string } {
  const split = text.indexOf('\r\n\r\n');
  const [statusLine = '', ...lines] = text.slice(0, split).split('\r\n');
  const headers = lines.map((l): [string, string] => {
    const colon = l.indexOf(':');
    return [l.slice(0, colon).toLowerCase(), l.slice(colon + 1).trim()];
  });
  let body = text.slice(split + 4);
  if (headers.some(([n, v]) => n === 'transfer-encoding' && v === 'chunked')) {
    let out = '';
    for (;;) {
      const eol = body.indexOf('\r\n');
      const size = Number.parseInt(body.slice(0, eol), 16);
      if (!(size > 0)) break;
      out += body.slice(eol + 2, eol + 2 + size);
      body = body.slice(eol + 2 + size + 2);
    }
    body = out;
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body };
}
