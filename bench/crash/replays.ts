/**
 * Single use, checked by using things twice. Within one process: a release the server
 * acknowledged is sent again with its receipt. After a restart: every verify (registration,
 * sign-in, step-up) and every receipt sent to an earlier process is sent again. A ceremony
 * that Redis still holds was never taken (the kill came first), so one success is its first use;
 * any other success is a violation.
 */
import type { AuthenticationResponseJSON } from '@acme/passkey-testing';
import { DEMO_PREFIX } from '../load/scratch-redis';
import { assertionCounter, receiptId } from '../load/wire';
import { type ClientDeps, type CrashClient, ServerDown } from './client';
import type { SentCeremony } from './ledger';

/** Sends `body` again: any error answer is right, a 2xx is a violation. */
export async function replayRefused(
  deps: ClientDeps,
  c: CrashClient,
  route: string,
  path: string,
  body: unknown,
): Promise<'refused' | 'accepted'> {
  const { outcome, answer } = await c.send(null, route, path, body);
  if (answer === null) throw new ServerDown();
  if (outcome === 'refused') deps.replays.refused += 1;
  return outcome === 'refused' ? 'refused' : 'accepted';
}

/** A replay that was the ceremony's first use: the ledger takes what it did. */
function adopt(deps: ClientDeps, c: CrashClient, ceremony: SentCeremony, answerBody: unknown): void {
  const credential = deps.ledger.credentials.get(ceremony.credentialId);
  if (!credential) return;
  if (ceremony.path.endsWith('/register/verify')) {
    credential.registration = 'acked';
    if (!c.state.passkeys.includes(ceremony.credentialId)) c.state.passkeys.push(ceremony.credentialId);
    return;
  }
  const response = (ceremony.body as { response: AuthenticationResponseJSON }).response;
  credential.ackedCounter = Math.max(credential.ackedCounter, assertionCounter(response));
  const receipt = (answerBody as { receipt?: string } | null)?.receipt;
  if (typeof receipt === 'string') {
    const entry = { username: c.state.username, action: 'unknown', receipt, orderId: null };
    deps.ledger.receipts.set(receiptId(receipt), {
      ...entry,
      sent: false,
      epoch: deps.epoch(),
      issuedAt: Date.now(),
      replayed: true,
    });
  }
}

/** Replays what this client sent to earlier processes; each is dropped from the ledger once done. */
export async function replayAfterRestart(deps: ClientDeps, c: CrashClient): Promise<void> {
  const epoch = deps.epoch();
  const mine = deps.ledger.ceremonies.filter((x) => x.username === c.state.username && x.epoch < epoch);
  for (const ceremony of mine) {
    const untaken =
      ceremony.outcome !== 'acked' &&
      (await deps.redis.client.exists(DEMO_PREFIX + ceremony.ceremonyId)) === 1;
    const route = `${ceremony.route} (replay after restart)`;
    let successes = 0;
    for (;;) {
      const { outcome, answer } = await c.send(null, route, ceremony.path, ceremony.body);
      if (answer === null) throw new ServerDown();
      if (outcome === 'refused') {
        deps.replays.refused += 1;
        break;
      }
      successes += 1;
      if (successes > (untaken ? 1 : 0)) {
        deps.violations.push(`${ceremony.route} ${ceremony.ceremonyId}: accepted again after a restart`);
        break;
      }
      deps.replays.firstUse += 1;
      adopt(deps, c, ceremony, answer.body);
    }
    deps.ledger.ceremonies.splice(deps.ledger.ceremonies.indexOf(ceremony), 1);
  }
  for (const [jti, r] of deps.ledger.receipts) {
    if (r.username !== c.state.username || !r.sent || r.replayed || r.epoch >= epoch || !r.orderId) continue;
    const path = `/api/p2p/orders/${encodeURIComponent(r.orderId)}/release`;
    if (r.interrupted) {
      // Its release was cut off after the spend: the same receipt finishes it, once.
      const route = 'POST /api/p2p/orders/:id/release (finishing after restart)';
      const { outcome, answer } = await c.send(null, route, path, { receipt: r.receipt });
      if (answer === null) throw new ServerDown();
      if (outcome === 'acked') deps.replays.finished += 1;
      else deps.violations.push(`receipt ${jti}: its cut-off release did not finish (${answer.status})`);
      r.interrupted = false;
    }
    // A receipt Redis still holds was never spent (its release was refused by the kill before it
    // ran, or never sent after a lost answer): its first use after the restart is its only one.
    const unspent = (await deps.redis.client.exists(`${DEMO_PREFIX}receipt:${jti}`)) === 1;
    const route = 'POST /api/p2p/orders/:id/release (replay after restart)';
    let successes = 0;
    for (;;) {
      const { outcome, answer } = await c.send(null, route, path, { receipt: r.receipt });
      if (answer === null) throw new ServerDown();
      if (outcome === 'refused') {
        deps.replays.refused += 1;
        break;
      }
      successes += 1;
      if (successes > (unspent ? 1 : 0)) {
        deps.violations.push(`receipt ${jti}: released again after a restart`);
        break;
      }
      deps.replays.firstUse += 1;
    }
    r.replayed = true;
  }
}
