/**
 * One virtual user's browser over real HTTP: its own cookie jar, its own keep-alive
 * connections from its own loopback address (so per-address limits count it as one client, as
 * they would a real one), and the `Origin` header a browser sends with the page's requests.
 */
import http from 'node:http';

/** A response as the harness reads it: status, parsed JSON body, the error code if any, and time. */
export interface Answer {
  status: number;
  body: unknown;
  /** `error.code` of an error body, e.g. `RECEIPT_REPLAYED`. */
  code: string | undefined;
  /** From sending the request to the body's last byte. */
  ms: number;
}

/** Options of {@link createBrowser}. */
export interface BrowserOptions {
  /** Where to connect, e.g. `http://127.0.0.1:3000`. */
  base: string;
  /** The page's origin, sent as `Origin` and `Host`. */
  origin: string;
  /** A loopback source address, e.g. `127.20.0.1`. */
  localAddress?: string;
}

function errorCode(body: unknown): string | undefined {
  const error = (body as { error?: { code?: unknown } } | null)?.error;
  return typeof error?.code === 'string' ? error.code : undefined;
}

/** A browser of the demo; `close()` ends its connections. */
export function createBrowser(options: BrowserOptions) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4, localAddress: options.localAddress });
  const host = new URL(options.origin).host;
  let cookie = '';

  function send(method: string, path: string, body?: unknown): Promise<Answer> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers: http.OutgoingHttpHeaders = { host, origin: options.origin, accept: 'application/json' };
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = payload.length;
    }
    if (cookie) headers.cookie = cookie;
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const request = http.request(new URL(path, options.base), { method, agent, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const ms = performance.now() - started;
          for (const line of response.headers['set-cookie'] ?? []) {
            const pair = line.split(';')[0] ?? '';
            cookie = pair.endsWith('=') ? '' : pair;
          }
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = null;
          try {
            parsed = text === '' ? null : JSON.parse(text);
          } catch {
            parsed = text;
          }
          resolve({ status: response.statusCode ?? 0, body: parsed, code: errorCode(parsed), ms });
        });
      });
      request.on('error', reject);
      request.end(payload);
    });
  }

  return {
    send,
    /** Whether the jar holds a session cookie. */
    get signedIn() {
      return cookie !== '';
    },
    /** Forgets the cookie, as a restarted server forgets the session. */
    clearCookies() {
      cookie = '';
    },
    close: () => agent.destroy(),
  };
}

/** A virtual user's browser. */
export type Browser = ReturnType<typeof createBrowser>;
