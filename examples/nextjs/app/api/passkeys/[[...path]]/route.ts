import { notFound } from 'next/navigation';
import { malformedHost } from '../../../../lib/host';
import { passkeyApp } from '../../../../lib/passkeys';

// The handler needs Node's crypto and a process that keeps its memory stores: not the Edge runtime.
export const runtime = 'nodejs';
// Every answer depends on the request (cookies, body): never prerendered or cached.
export const dynamic = 'force-dynamic';

/**
 * Every passkey route (server README, "HTTP protocol"). The folder is `[[...path]]`, the
 * OPTIONAL catch-all: `[...path]` would never receive `GET /api/passkeys`, the list. A path
 * the handler does not own gets Next's 404. Leave the body unread: the handler reads it itself.
 */
async function handle(request: Request): Promise<Response> {
  const response = malformedHost(request) ?? (await passkeyApp().handle(request)) ?? notFound();
  // A 413 leaves the rest of the body unread and Next.js then drops the connection: say so, or a
  // client that reuses it for its next request gets a reset (RFC 9112 §9.6).
  if (response.status === 413) response.headers.set('connection', 'close');
  return response;
}

export const GET = handle;
export const POST = handle;
export const PATCH = handle;
export const DELETE = handle;
