/**
 * A client's session after each (re)start: sessions live in the demo's memory, so every restart
 * signs everyone out. It signs up (or, after a sign-up whose answer was lost, finds out whether
 * the account exists), logs in with the password or half the time with a passkey, and reads its
 * passkeys and open orders back from the server.
 */
import type { RequestOptionsJSON } from '@acme/passkey-testing';
import { assertionCounter } from '../load/wire';
import { type ClientDeps, type CrashClient, PASSWORD, ServerDown } from './client';

async function logIn(deps: ClientDeps, c: CrashClient): Promise<'ok' | 'no account'> {
  const credentials = { username: c.state.username, password: PASSWORD };
  const { answer } = await c.send(null, 'POST /api/account/login', '/api/account/login', credentials);
  if (answer === null) throw new ServerDown();
  if (answer.status === 401 && answer.code === 'WRONG_CREDENTIALS') return 'no account';
  if (answer.status !== 200) {
    deps.unexpected.push(`log-in: ${answer.status} ${answer.code}`);
    throw new ServerDown();
  }
  const user = deps.ledger.users.get(c.state.username);
  if (user) user.userId = (answer.body as { user: { id: string } }).user.id;
  return 'ok';
}

async function signUp(deps: ClientDeps, c: CrashClient): Promise<void> {
  const user = deps.ledger.users.get(c.state.username) ?? {
    username: c.state.username,
    userId: null,
    signup: null,
    handle: null,
  };
  deps.ledger.users.set(c.state.username, user);
  const body = { username: c.state.username, password: PASSWORD };
  const { outcome, answer } = await c.send(null, 'POST /api/account/signup', '/api/account/signup', body);
  user.signup = outcome;
  if (answer !== null && outcome === 'acked') user.userId = (answer.body as { user: { id: string } }).user.id;
  else if (outcome === 'refused') deps.unexpected.push(`sign-up: ${answer?.status} ${answer?.code}`);
  if (outcome !== 'acked') throw new ServerDown();
}

async function passkeySignIn(deps: ClientDeps, c: CrashClient, id: string): Promise<void> {
  const started = await c.must(null, 'POST /api/passkeys/login/options', '/api/passkeys/login/options', {});
  const { ceremonyId, options } = started.body as { ceremonyId: string; options: RequestOptionsJSON };
  const credential = deps.ledger.credentials.get(id);
  if (!credential) throw new Error(`no authenticator holds ${id}`);
  const response = await credential.authenticator.get(options, { origin: c.origin, credentialId: id });
  const counter = assertionCounter(response);
  credential.sentCounter = Math.max(credential.sentCounter, counter);
  const body = { ceremonyId, response };
  const path = '/api/passkeys/login/verify';
  const ceremony = {
    username: c.state.username,
    ceremonyId,
    credentialId: id,
    route: `POST ${path}`,
    path,
    body,
  };
  const { outcome, answer } = await c.send(null, `POST ${path}`, path, body);
  deps.ledger.ceremonies.push({ ...ceremony, outcome, epoch: deps.epoch() });
  if (outcome === 'acked') credential.ackedCounter = Math.max(credential.ackedCounter, counter);
  if (outcome === 'refused') deps.unexpected.push(`passkey sign-in: ${answer?.status} ${answer?.code}`);
  if (outcome !== 'acked') throw new ServerDown();
  c.state.verifiedWithPasskey = true;
  c.state.openedWith = id;
}

/** Signs the client in, creating its account first when there is none. */
export async function ensureSession(deps: ClientDeps, c: CrashClient): Promise<void> {
  if (c.signedIn) return;
  const user = deps.ledger.users.get(c.state.username);
  if (!user || user.signup === 'refused') return signUp(deps, c);
  // A sign-up whose answer was lost: the log-in tells whether it happened.
  if (user.signup === 'unknown') return (await logIn(deps, c)) === 'ok' ? undefined : signUp(deps, c);
  // Not one whose removal was sent: it may be gone although the answer was lost.
  const usable = c.state.passkeys.filter((id) => {
    const removal = deps.ledger.credentials.get(id)?.removal;
    return removal === null || removal === 'refused';
  });
  const passkey = usable[Math.floor(Math.random() * usable.length)];
  if (passkey !== undefined && Math.random() < 0.5) await passkeySignIn(deps, c, passkey);
  else if ((await logIn(deps, c)) === 'no account')
    deps.unexpected.push(`${c.state.username}: acknowledged account gone`);
}

/** The server's view of this account: its passkeys and open orders (adopting any it did not know). */
export async function resync(deps: ClientDeps, c: CrashClient): Promise<string[]> {
  const list = await c.must(null, 'GET /api/passkeys', '/api/passkeys');
  c.state.passkeys = (list.body as { passkeys: Array<{ id: string }> }).passkeys.map((p) => p.id);
  const answer = await c.must(null, 'GET /api/p2p/orders', '/api/p2p/orders');
  const orders = (
    answer.body as { orders: Array<{ id: string; amount: string; asset: string; status: string }> }
  ).orders;
  for (const o of orders) {
    if (deps.ledger.orders.has(o.id)) continue;
    const details = { orderId: o.id, amount: o.amount, asset: o.asset };
    deps.ledger.orders.set(o.id, { username: c.state.username, details, releases: [] });
  }
  return orders.filter((o) => o.status === 'open').map((o) => o.id);
}
