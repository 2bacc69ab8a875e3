/** One deployment of the multi-process proof: shared settings, and ceremonies across processes. */
import { createSoftwareAuthenticator, type SoftwareAuthenticator } from '@acme/passkey-testing';
import type { Worker } from './cluster';
import type { Outcome, WorkerConfig } from './protocol';

export const ORIGIN = 'https://example.com';

/** What every instance shares: the database schema, the Redis prefix, the receipt key, the secret. */
export async function deploymentConfig(urls: { databaseUrl: string; redisUrl: string }, schema: string) {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ]);
  return {
    ...urls,
    schema,
    redisPrefix: `pk:${schema}:`,
    rp: { id: 'example.com', name: 'Example' },
    origin: ORIGIN,
    receiptKey: await crypto.subtle.exportKey('jwk', pair.privateKey),
    secret: crypto.randomUUID(),
  } satisfies WorkerConfig;
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

/** Registers a new passkey end to end, started in one process and finished in another. */
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
