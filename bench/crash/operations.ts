/**
 * The operations the harness kills the demo during, each as the page runs it. Everything sent
 * is written to the ledger before the request goes out (a passkey's public key, an assertion's
 * counter, a receipt), and its outcome after; an outcome that is not a 2xx ends the cycle.
 */
import {
  type CreationOptionsJSON,
  createSoftwareAuthenticator,
  type RequestOptionsJSON,
} from '@acme/passkey-testing';
import { assertionCounter, receiptId } from '../load/wire';
import { type ClientDeps, type CrashClient, ServerDown } from './client';
import type { Outcome } from './ledger';

const BASE = '/api/passkeys';

function settle(deps: ClientDeps, what: string, outcome: Outcome, code?: string): void {
  if (outcome === 'refused') deps.unexpected.push(`${what}: refused (${code})`);
  if (outcome !== 'acked') throw new ServerDown();
}

/** A passkey step-up for `action` with one of the account's passkeys; returns the receipt. */
export async function stepUp(
  deps: ClientDeps,
  c: CrashClient,
  action: string,
  details: object,
): Promise<string> {
  const id = c.state.passkeys[Math.floor(Math.random() * c.state.passkeys.length)] as string;
  const credential = deps.ledger.credentials.get(id);
  if (!credential) throw new Error(`no authenticator holds ${id}`);
  const started = await c.must(null, `POST ${BASE}/step-up/options`, `${BASE}/step-up/options`, {
    action,
    details,
  });
  const { ceremonyId, options } = started.body as { ceremonyId: string; options: RequestOptionsJSON };
  const response = await credential.authenticator.get(options, { origin: c.origin, credentialId: id });
  const counter = assertionCounter(response);
  credential.sentCounter = Math.max(credential.sentCounter, counter);
  const path = `${BASE}/step-up/verify`;
  const body = { ceremonyId, response };
  const { outcome, answer } = await c.send('step-up', `POST ${path}`, path, body);
  deps.ledger.ceremonies.push({
    username: c.state.username,
    ceremonyId,
    credentialId: id,
    route: `POST ${path}`,
    path,
    body,
    outcome,
    epoch: deps.epoch(),
  });
  settle(deps, `step-up ${action}`, outcome, answer?.code);
  credential.ackedCounter = Math.max(credential.ackedCounter, counter);
  const { receipt } = (answer as NonNullable<typeof answer>).body as { receipt: string };
  const orderId = (details as { orderId?: string }).orderId ?? null;
  deps.ledger.receipts.set(receiptId(receipt), {
    username: c.state.username,
    action,
    receipt,
    orderId,
    sent: false,
    epoch: deps.epoch(),
    issuedAt: Date.now(),
    replayed: false,
  });
  if (action === 'account.verify') c.state.verifiedWithPasskey = true;
  return receipt;
}

/** Adding or removing a passkey needs a passkey verification once the account has one. */
async function verifyForChange(deps: ClientDeps, c: CrashClient): Promise<void> {
  if (c.state.passkeys.length > 0 && !c.state.verifiedWithPasskey)
    await stepUp(deps, c, 'account.verify', {});
}

/** Registers a passkey on a new security key. */
export async function register(deps: ClientDeps, c: CrashClient): Promise<void> {
  await verifyForChange(deps, c);
  const started = await c.must(null, `POST ${BASE}/register/options`, `${BASE}/register/options`, {
    authenticator: 'security-key',
  });
  const { ceremonyId, options } = started.body as { ceremonyId: string; options: CreationOptionsJSON };
  const user = deps.ledger.users.get(c.state.username);
  if (user) user.handle = options.user.id;
  const authenticator = createSoftwareAuthenticator({ attachment: 'cross-platform' });
  const response = await authenticator.create(options, { origin: c.origin });
  const made = authenticator.credentials[0];
  if (!made) throw new Error('the authenticator made no credential');
  deps.ledger.credentials.set(made.id, {
    username: c.state.username,
    authenticator,
    publicKey: made.publicKey,
    registration: 'unknown',
    removal: null,
    ackedCounter: made.counter,
    sentCounter: made.counter,
  });
  const path = `${BASE}/register/verify`;
  const body = { ceremonyId, response };
  const { outcome, answer } = await c.send('registration', `POST ${path}`, path, body);
  (deps.ledger.credentials.get(made.id) as { registration: Outcome }).registration = outcome;
  deps.ledger.ceremonies.push({
    username: c.state.username,
    ceremonyId,
    credentialId: made.id,
    route: `POST ${path}`,
    path,
    body,
    outcome,
    epoch: deps.epoch(),
  });
  settle(deps, 'registration', outcome, answer?.code);
  c.state.passkeys.push(made.id);
}

/** Removes the account's oldest passkey. */
export async function removeOldest(deps: ClientDeps, c: CrashClient): Promise<void> {
  await verifyForChange(deps, c);
  const id = c.state.passkeys[0] as string;
  const credential = deps.ledger.credentials.get(id);
  const path = `${BASE}/${encodeURIComponent(id)}`;
  const { outcome, answer } = await c.send(null, 'DELETE /api/passkeys/:id', path, { confirm: true });
  if (credential) credential.removal = outcome;
  // A verification given by a removed passkey counts no more: verify again next time.
  c.state.verifiedWithPasskey = false;
  settle(deps, 'removal', outcome, answer?.code);
  c.state.passkeys.shift();
  // The demo ends the sessions a removed passkey opened.
  if (c.state.openedWith === id) c.signedOut();
}
