import { passkeyApp } from '../../../lib/passkeys';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Who is signed in: `{ user }`, or `{ user: null }`. */
export function GET(request: Request): Response {
  return Response.json({ user: passkeyApp().sessions.read(request)?.user ?? null });
}
