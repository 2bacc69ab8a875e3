/**
 * One deployment of a store package's multi-process proof: the settings every instance
 * shares, whatever its database, and ceremonies run across processes.
 */
import { createSoftwareAuthenticator, type SoftwareAuthenticator } from '@acme/passkey-testing';
import type { Worker } from './cluster';
import type { Outcome, WorkerConfig } from './protocol';

/** Worker `i` modulo their number: ceremonies start in one process and finish in the next. */
export type At = (i: number) => Worker;

export const ORIGIN = 'https://example.com';

/** What every instance shares besides its database: the relying party, the receipt key, the secret. */
export async function deploymentSecrets(): Promise<WorkerConfig> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ]);
  return {
    rp: { id: 'example.com', name: 'Example' },
    origin: ORIGIN,
    receiptKey: await crypto.subtle.exportKey('jwk', pair.privateKey),
    secret: crypto.randomUUID(),
  };
}

export const user = (id: string) => ({ id, name: `${id}@example.com`, displayName: id });
export const authenticator = () => createSoftwareAuthenticator({ attachment: 'platform' });

/** Outcomes as sorted codes, `ok` for a success. */
export const codes = (outcomes: Outcome[]) => outcomes.map((o) => (o.ok ? 'ok' : o.code)).sort();

/** The value of a successful outcome; a failure fails the test with its code and message. */
export function value<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new Error(`${outcome.code}: ${outcome.message}`);
  return outcome.value;
}

/** A ceremony's start: its ID and the options for the authenticator. */
export type Started = { ceremonyId: string; options: never };

/**
 * Registers a new passkey end to end, started in one process and finished in another, right
 * after a passkey verification (strong enough to add a passkey to an account that has one).
 */
export async function registerAcross(
  start: Worker,
  finish: Worker,
  userId: string,
): Promise<SoftwareAuthenticator> {
  const auth = authenticator();
  const started = value(
    await start.call<Started>('startRegistration', {
      user: user(userId),
      lastVerifiedAt: new Date(),
      lastVerifiedWith: 'passkey',
    }),
  );
  const response = await auth.create(started.options, { origin: ORIGIN });
  value(await finish.call('finishRegistration', { ceremonyId: started.ceremonyId, userId, response }));
  return auth;
}

/**
 * The limit race: `userId` first gets `held` passkeys, then `racers` registrations are started
 * across the processes and all finished at once, each in the process after the one that started
 * it. Returns the finishes' outcomes.
 */
export async function finishRegistrationsAtOnce(
  at: At,
  userId: string,
  { held, racers }: { held: number; racers: number },
): Promise<Outcome[]> {
  for (let i = 0; i < held; i++) await registerAcross(at(i), at(i + 1), userId);
  const started = await Promise.all(
    Array.from({ length: racers }, async (_, i) =>
      value(
        await at(i).call<Started>('startRegistration', {
          user: user(userId),
          lastVerifiedAt: new Date(),
          lastVerifiedWith: 'passkey',
        }),
      ),
    ),
  );
  const inputs = await Promise.all(
    started.map(async ({ ceremonyId, options }) => ({
      ceremonyId,
      userId,
      response: await authenticator().create(options, { origin: ORIGIN }),
    })),
  );
  return Promise.all(inputs.map((input, i) => at(i + 1).call('finishRegistration', input)));
}

/**
 * The login replay: `userId` registers a passkey, starts one sign-in, and its one response is
 * sent `replays` times at once, to worker 0, 1, 2 … in turn. Returns the authenticator and the
 * outcomes.
 */
export async function replayLoginAtOnce<T>(
  at: At,
  userId: string,
  replays: number,
): Promise<{ auth: SoftwareAuthenticator; outcomes: Outcome<T>[] }> {
  const auth = await registerAcross(at(0), at(1), userId);
  const started = value(await at(2).call<Started>('startAuthentication', {}));
  const input = {
    ceremonyId: started.ceremonyId,
    response: await auth.get(started.options, { origin: ORIGIN }),
  };
  const outcomes = await Promise.all(
    Array.from({ length: replays }, (_, i) => at(i).call<T>('finishAuthentication', input)),
  );
  return { auth, outcomes };
}

/**
 * The receipt replay: `userId` registers a passkey and passes one step-up for a P2P release;
 * each of `workers` then verifies that one receipt, all at once. Returns their outcomes.
 */
export async function verifyReceiptEverywhere(at: At, workers: Worker[], userId: string): Promise<Outcome[]> {
  const auth = await registerAcross(at(1), at(2), userId);
  const action = {
    userId,
    action: 'p2p.release',
    details: { orderId: 'o-1', amount: '250.00', asset: 'USDT' },
  };
  const started = value(await at(0).call<Started>('startStepUp', action));
  const response = await auth.get(started.options, { origin: ORIGIN });
  const { receipt } = value(
    await at(1).call<{ receipt: string }>('finishStepUp', {
      ceremonyId: started.ceremonyId,
      userId,
      response,
    }),
  );
  return Promise.all(workers.map((w) => w.call('verifyReceipt', receipt, action)));
}
