import { passkeyApp } from '../../../lib/passkeys';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const invalid = () =>
  Response.json({ error: { code: 'INVALID_REQUEST', message: 'Send { username }' } }, { status: 400 });

/**
 * PLACEHOLDER password sign-in, for this example only: `{ username }` signs anyone in, without
 * a password. Your app's real sign-in goes here; it starts the session that `getSession` reads.
 */
export async function POST(request: Request): Promise<Response> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return invalid();
  }
  const username = (body as { username?: unknown } | null)?.username;
  if (typeof username !== 'string' || username.trim() === '') return invalid();
  const { user, cookies } = passkeyApp().sessions.signIn(username.trim());
  const headers = new Headers();
  for (const cookie of cookies) headers.append('set-cookie', cookie); // never joined with commas
  return Response.json({ user }, { headers });
}
