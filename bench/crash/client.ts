/**
 * One account's client in the crash harness: a browser (cookie jar, own loopback address) whose
 * every request goes through the killer, so it is listed as in flight, and ends `acked`,
 * `refused` or `unknown`. A dropped connection while the server is being killed unwinds the
 * client's cycle ({@link ServerDown}); one at any other time is an unexpected failure.
 */
import type { SoftwareAuthenticator } from '@acme/passkey-testing';
import { type Answer, type Browser, createBrowser } from '../load/browser';
import type { ScratchRedis } from '../load/scratch-redis';
import type { Killer, Kind } from './killer';
import type { CrashLedger, Outcome } from './ledger';

/** The server went away under a request: the cycle ends here for this client. */
export class ServerDown extends Error {}

export const PASSWORD = 'correct horse battery staple';

/** A request's end: an answer (a 2xx is `acked`), or none (`unknown`; `refused` if never connected). */
export type Sent =
  | { outcome: Exclude<Outcome, 'unknown'>; answer: Answer }
  | { outcome: Exclude<Outcome, 'acked'>; answer: null };

/** What a client shares with the others of its run. */
export interface ClientDeps {
  killer: Killer;
  ledger: CrashLedger;
  /** The demo's Redis database, to tell a ceremony never taken from one spent. */
  redis: ScratchRedis;
  /** The server process's number in the run (0 for the first start). */
  epoch(): number;
  /** Surprises: an error answer no step expects, a failure while the server was up. */
  unexpected: string[];
  /** A ceremony or receipt that worked twice. */
  violations: string[];
  replays: { refused: number; firstUse: number; finished: number };
}

export function createCrashClient(deps: ClientDeps, username: string, address: string) {
  let server = { base: '', origin: '' };
  // Made at each (re)start of the server: a new jar, as the old sessions are gone.
  let browser: Browser | null = null;
  const state = {
    username,
    /** Passkeys the server listed at the last resync, plus those registered since. */
    passkeys: [] as string[],
    /** This session was verified with a passkey (what adding or removing one needs). */
    verifiedWithPasskey: false,
    /** The passkey this session was opened with: removing it ends the session. */
    openedWith: null as string | null,
    /** Authenticators this client made, one per registration (each holds one passkey). */
    authenticators: [] as SoftwareAuthenticator[],
  };

  async function send(kind: Kind | null, route: string, path: string, body?: unknown): Promise<Sent> {
    if (deps.killer.down) throw new ServerDown();
    const method = route.slice(0, route.indexOf(' '));
    try {
      const open = browser as Browser;
      const answer = await deps.killer.track(route, kind, () => open.send(method, path, body));
      return { outcome: answer.status < 300 ? 'acked' : 'refused', answer } as Sent;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (!deps.killer.down)
        deps.unexpected.push(`${route}: ${code ?? (err as Error).message} while the server was up`);
      // Refused connections never reached the server: nothing happened.
      return { outcome: code === 'ECONNREFUSED' ? 'refused' : 'unknown', answer: null };
    }
  }

  /** Like `send`, for a step that must succeed: an error answer is a surprise, a dropped one ends the cycle. */
  async function must(kind: Kind | null, route: string, path: string, body?: unknown): Promise<Answer> {
    const { answer } = await send(kind, route, path, body);
    if (answer === null) throw new ServerDown();
    if (answer.status >= 300) {
      deps.unexpected.push(`${route}: ${answer.status} ${answer.code ?? ''}`);
      throw new ServerDown();
    }
    return answer;
  }

  return {
    state,
    send,
    must,
    /** A new process: its address, and no session (sessions live in the demo's memory). */
    restarted(next: { base: string; origin: string }) {
      browser?.close();
      server = next;
      browser = createBrowser({ ...server, localAddress: address });
      state.verifiedWithPasskey = false;
      state.openedWith = null;
    },
    /** The session ended on the server (its passkey was removed): sign in again. */
    signedOut() {
      browser?.clearCookies();
      state.verifiedWithPasskey = false;
      state.openedWith = null;
    },
    get signedIn() {
      return browser?.signedIn ?? false;
    },
    get origin() {
      return server.origin;
    },
    close: () => browser?.close(),
  };
}

/** One account's client. */
export type CrashClient = ReturnType<typeof createCrashClient>;
