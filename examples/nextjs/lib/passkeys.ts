import { createMemoryChallengeStore, createMemoryPasskeyStore } from '@acme/passkey-core';
import { createPasskeyHandler, createPasskeyServer } from '@acme/passkey-server';
import { readConfig } from './config';
import { createPlaceholderSessions } from './sessions';

function create() {
  const config = readConfig();
  const sessions = createPlaceholderSessions();
  const server = createPasskeyServer({
    rp: { id: config.rpId, name: 'Passkey example (Next.js)' },
    origins: [config.origin],
    // One process only: use @acme/passkey-store-postgres (or -mysql, -redis) for real.
    store: createMemoryPasskeyStore(),
    challenges: createMemoryChallengeStore(),
    secret: config.secret,
    ...(config.receiptKey ? { receipts: { privateKey: config.receiptKey } } : {}),
    findUser: (username) => sessions.byName(username),
  });
  const handle = createPasskeyHandler(server, {
    basePath: '/api/passkeys',
    getSession: (request) => sessions.read(request),
    // Several Set-Cookie headers: a list of pairs, since a record holds one value per name.
    onSignedIn: ({ userId }) =>
      sessions.signInWithPasskey(userId).map((cookie): [string, string] => ['set-cookie', cookie]),
    onVerified: (_result, request) => sessions.markVerified(request),
  });
  return { server, handle, sessions };
}

/** The example's passkey server, its HTTP handler and its placeholder sessions. */
export type PasskeyApp = ReturnType<typeof create>;

const KEY = Symbol.for('@acme/passkey-example-nextjs');
const processWide = globalThis as typeof globalThis & { [KEY]?: PasskeyApp };

/**
 * The one instance of this process, made on first use (never while `next build` loads the
 * routes) and kept on `globalThis`, as Next.js advises for database clients: `next dev`
 * re-evaluates a changed module and those that import it, so a module-level `const` would start
 * a new server, with empty memory stores, new sessions and new keys, at every edit.
 */
export function passkeyApp(): PasskeyApp {
  processWide[KEY] ??= create();
  return processWide[KEY];
}
