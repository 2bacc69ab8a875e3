import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { DemoError, errorResponse } from './errors';

/** The largest body the demo's own routes read: a log-in or an order is a few hundred bytes. */
export const MAX_BODY_BYTES = 16 * 1024;

/**
 * Refuses a larger body with 413 `BODY_TOO_LARGE`, by its Content-Length or, without one, as
 * soon as the stream passes the limit (Hono's `bodyLimit`), so no route ever buffers more.
 */
export const limitBody = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () =>
    errorResponse(new DemoError('BODY_TOO_LARGE', `Bodies have at most ${MAX_BODY_BYTES} bytes`)),
});

/** The headers of every answer: no framing, no sniffing, scripts and styles from this site only. */
export const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

/** The JSON object a route was sent: 415 for another media type, 400 for anything else. */
export async function readJson(c: Context): Promise<Record<string, unknown>> {
  if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/json')) {
    throw new DemoError('UNSUPPORTED_MEDIA_TYPE', 'Send JSON (Content-Type: application/json)');
  }
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new DemoError('INVALID_REQUEST', 'The body is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new DemoError('INVALID_REQUEST', 'The body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

const PAGE = { file: 'index.html', type: 'text/html; charset=utf-8' };

/** Where `/.well-known/passkey-endpoints` sends password managers: the page opens there. */
export const PASSKEY_PAGES = { manage: '/security', enroll: '/security/passkeys/new' } as const;

const STATIC: Record<string, { file: string; type: string }> = {
  '/': PAGE,
  [PASSKEY_PAGES.manage]: PAGE,
  [PASSKEY_PAGES.enroll]: PAGE,
  '/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/styles.css': { file: 'styles.css', type: 'text/css; charset=utf-8' },
};

/** Serves the built page (`index.html`, `app.js`, `styles.css`) from `webDir`, also at its passkey pages. */
export function servePage(app: Hono, webDir: string): void {
  for (const [route, { file, type }] of Object.entries(STATIC)) {
    app.get(route, async () => {
      const body = await readFile(path.join(webDir, file));
      return new Response(body, { headers: { 'content-type': type, 'cache-control': 'no-cache' } });
    });
  }
}
