/**
 * What one flow runs with, and `call`: one request, timed under its route, checked against the
 * answer the flow expects. Anything else (another status, another error code, a dropped
 * connection) is an error: it is counted and ends the flow.
 */
import type { SoftwareAuthenticator } from '@acme/passkey-testing';
import type { Answer, Browser } from './browser';
import type { Ledger } from './ledger';
import type { RouteStats } from './route-stats';

/** A virtual user's devices: the platform authenticator, and a security key for a second passkey. */
export interface Devices {
  platform: SoftwareAuthenticator;
  securityKey: SoftwareAuthenticator;
}

export interface FlowContext {
  /** The flow's number in the run (its account, address and choices derive from it). */
  n: number;
  browser: Browser;
  devices: Devices;
  origin: string;
  stats: RouteStats;
  ledger: Ledger;
  /** Replay this flow's ceremonies and receipt right after their first use. */
  replay: boolean;
  /** Race registrations to the passkey limit in this flow. */
  limitRace: boolean;
}

/** A refusal the flow asks for on purpose (a replay, the limit), by status and error code. */
export interface Refusal {
  status: number;
  code: string;
}

/** A flow that got an answer it did not expect. */
export class FlowError extends Error {
  constructor(
    readonly route: string,
    readonly answer: Answer | null,
    cause?: unknown,
  ) {
    const what = answer
      ? `${answer.status} ${answer.code ?? JSON.stringify(answer.body)}`
      : cause && String(cause);
    super(what ? `${route}: ${what}` : route, { cause });
  }
}

/** What a request may answer: a 2xx (unless `success: false`), or one of the `refusals`. */
export interface Expect {
  success?: boolean;
  refusals?: Refusal[];
}

/**
 * Sends `route` (e.g. `'POST /api/p2p/orders/:id/release'`, the method first) to `path` and
 * returns the answer when `expect` allows it (by default: a 2xx only).
 */
export async function call(
  ctx: Pick<FlowContext, 'browser' | 'stats'>,
  route: string,
  path: string,
  body?: unknown,
  expect: Expect = {},
): Promise<Answer> {
  const method = route.slice(0, route.indexOf(' '));
  const started = performance.now();
  let answer: Answer;
  try {
    answer = await ctx.browser.send(method, path, body);
  } catch (err) {
    ctx.stats.record(route, performance.now() - started, 'error');
    throw new FlowError(route, null, err);
  }
  const success = answer.status >= 200 && answer.status < 300;
  const refused = (expect.refusals ?? []).some((r) => r.status === answer.status && r.code === answer.code);
  const allowed = refused || (success && expect.success !== false);
  ctx.stats.record(route, answer.ms, !allowed ? 'error' : refused ? 'refused' : 'ok');
  if (!allowed) throw new FlowError(route, answer);
  return answer;
}

/** Replays a request that must be refused with `refusal`, and nothing else (a success is an error). */
export async function replay(
  ctx: Pick<FlowContext, 'browser' | 'stats' | 'ledger'>,
  route: string,
  path: string,
  body: unknown,
  refusal: Refusal,
  label = 'replay',
): Promise<void> {
  await call(ctx, `${route} (${label})`, path, body, { success: false, refusals: [refusal] });
  ctx.ledger.replaysRefused += 1;
}
