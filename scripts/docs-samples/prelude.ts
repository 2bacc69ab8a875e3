// What the docs' samples use from the application around them, declared once (see check.mjs).
// A sample that declares one of these names itself, or whose document declared it in an earlier
// sample, uses its own. One name per statement; types only through import('…'), never an import.

// ---- Server side: the app's framework, its users and sessions --------------------------------

/** An Express app (Fastify's is `fastify`). */
declare const app: import('express').Express;
declare const fastify: import('fastify').FastifyInstance;
/** A Fetch request, as a route handler receives it. */
declare const request: Request;
/** The passkey server and its handler, where a sample did not make them itself. */
declare const passkeys: import('@acme/passkey-server').PasskeyServer;
declare const handle: (request: Request) => Promise<Response | null>;
declare const rp: { id: string; name: string };
declare const origins: string[];
/** The site's public origin, e.g. `https://example.com`. */
declare const origin: string;
declare const store: import('@acme/passkey-core').PasskeyStore;
declare const challenges: import('@acme/passkey-core').ChallengeStore;
/** The app's accounts. */
declare const users: {
  byId(id: string): Promise<{ id: string; email: string; name: string } | null>;
  byName(username: string): Promise<{ id: string } | null>;
};
/** The app's sessions: a cookie-backed store that knows how the user last verified. */
declare const sessions: {
  read(request: Request): Promise<import('@acme/passkey-server').PasskeySession | null>;
  /** Starts a session verified now (by default with a password); returns its Set-Cookie value. */
  create(userId: string, verifiedWith?: import('@acme/passkey-server').VerificationMethod): string;
  markVerified(request: Request, verification: { at: Date; with: 'passkey' | 'password' }): Promise<void>;
};
/** The app's own session, as it stood before passkeys: found by the request's cookie. */
interface AppSession {
  userId: string;
  /** When the user last proved who they are, and how. */
  verifiedAt: Date;
  verifiedWith: import('@acme/passkey-server').VerificationMethod;
}
declare const appSessions: {
  get(cookie: string | null | undefined): Promise<AppSession | null>;
  /** Starts a session; returns its Set-Cookie value. */
  start(userId: string, verified: { at: Date; with: AppSession['verifiedWith'] }): Promise<string>;
  update(cookie: string | null | undefined, changes: Partial<AppSession>): Promise<void>;
};
/** The app's password check. */
declare function checkPassword(userId: string, password: string): Promise<boolean>;
/** Sends the user an e-mail or a push notification. */
declare function notify(event: import('@acme/passkey-server').PasskeyEvent): Promise<void>;
/** The signed-in user's ID, and a browser's JSON answer posted to a finish route. */
declare const userId: string;
declare const response: unknown;
/** A P2P order, as the app stores it. */
declare const order: { orderId: string; amount: string; asset: string };

/** Your own storage adapter, as a conformance test makes it. */
declare function createFreshSchema(): Promise<string>;
declare function dropSchema(schema: string): Promise<void>;
declare function myStore(schema: string): import('@acme/passkey-core').PasskeyStore;
declare function myChallenges(schema: string): import('@acme/passkey-core').ChallengeStore;

// ---- Tests: what the server under test sent ---------------------------------------------------

declare const creationOptions: import('@acme/passkey-testing').CreationOptionsJSON;
declare const requestOptions: import('@acme/passkey-testing').RequestOptionsJSON;

// ---- Other runtimes ---------------------------------------------------------------------------

declare const Bun: { serve(options: { fetch(request: Request): Promise<Response> }): unknown };
declare const Deno: { serve(handler: (request: Request) => Promise<Response>): unknown };

// ---- Browser side: the page ----------------------------------------------------------------

declare const thisDeviceButton: HTMLButtonElement;
declare const qrButton: HTMLButtonElement;
declare function go(path: string, userId: string): void;
declare function showPasswordForm(): void;
declare function toast(message: string): void;
declare function warn(message: string): void;
/** Shows what a ceremony came to. */
declare function showOutcome(outcome: { status: string }): void;
/** Asks for the password again and posts it to the app's re-check route; true when it was right. */
declare function askPassword(): Promise<boolean>;
declare const signInButton: HTMLButtonElement;
declare const addPasskeyButton: HTMLButtonElement;
/** The page's own re-verification (password or passkey step-up) before changing passkeys. */
declare function reverify(): Promise<void>;
/** Asks the user to approve the release again (a new step-up). */
declare function approveAgain(): Promise<void>;
/** Posts the receipt to the app's own release route. */
declare function releaseOrder(orderId: string, receipt: string): Promise<void>;
