/**
 * Sends one request and holds the handler to the protocol: a response (or null for a path
 * that is not its own), never a 5xx; a refusal changes nothing — no passkey, counter or name
 * moved, no ceremony started or spent but the one the body named, no session opened or
 * verified, nothing logged as an error, `Object.prototype` untouched; a success changes only
 * what its route does. Counts every request per route for `pnpm fuzz`.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { alice, bob, carol, DOCUMENTED_STATUS, expectErrorShape } from '../http-helpers';
import type { Route } from './routes';
import { createWorld, type World } from './world';

/** Runs per property: `fallback` in CI, PASSKEY_FUZZ_RUNS by hand (`pnpm fuzz`). */
export const runs = (fallback: number) => Number(process.env.PASSKEY_FUZZ_RUNS ?? fallback);

/** Requests sent by this test file: per route, how many got each answer (`201`, `410 CEREMONY_NOT_FOUND`, `unhandled`). */
export const sent: Record<string, Record<string, number>> = {};
const count = (route: Route, answer: string) => {
  const answers = sent[route.name] ?? {};
  answers[answer] = (answers[answer] ?? 0) + 1;
  sent[route.name] = answers;
};

/** With PASSKEY_FUZZ_REPORT (a directory), writes this file's counts there for `pnpm fuzz`. */
function writeCounts(file: string) {
  const dir = process.env.PASSKEY_FUZZ_REPORT;
  if (dir !== undefined) writeFileSync(path.join(dir, `${file}.json`), JSON.stringify(sent));
}

async function snapshot(w: World) {
  const passkeys = await Promise.all([alice, bob, carol].map((u) => w.stores.store.listByUser(u.id)));
  return {
    writes: w.stores.writes.length,
    passkeys: JSON.stringify(passkeys),
    signedIn: w.h.signedIn.length,
    verified: w.h.verified.length,
    errors: w.h.logged.filter((l) => l.level === 'error').length,
    prototype: Object.getOwnPropertyNames(Object.prototype).join(),
  };
}

/** The writes a success of each route makes, in order (`X`: any ID). */
function expectedWrites(route: Route, named: unknown): string[] {
  const take = `take ${String(named)}`;
  switch (route.name) {
    case 'register/options':
    case 'login/options':
    case 'step-up/options':
      return [`put ${route.ceremony}`];
    case 'register/verify':
      return [take, 'create X'];
    case 'login/verify':
      return [take, 'recordUse X'];
    case 'step-up/verify':
      return [take, 'recordUse X', 'put receipt'];
    case 'rename':
      return ['rename X'];
    case 'remove':
      return ['remove X'];
    default:
      return [];
  }
}

export interface CheckOptions {
  /** Statuses that count as success for this request (default: the route's). */
  ok?: number[];
  /** The ceremony ID the body names: a refusal may spend that one ceremony. */
  named?: unknown;
  /** A path that may not be the handler's: null is then a fine answer. */
  mayBeUnhandled?: boolean;
}

export async function sendChecked(w: World, route: Route, request: Request, options: CheckOptions = {}) {
  const ok = options.ok ?? route.ok;
  const before = await snapshot(w);
  const response = await w.h.handle(request);
  const after = await snapshot(w);
  const writes = w.stores.writes.slice(before.writes);
  expect(after.prototype).toBe(before.prototype);
  expect(after.errors, 'logged as an error').toBe(before.errors);

  if (response === null) {
    expect(options.mayBeUnhandled, `${request.method} ${request.url} was not handled`).toBe(true);
    expect(writes).toEqual([]);
    count(route, 'unhandled');
    return null;
  }
  const text = await response.text();
  expect(response.headers.get('content-type')).toMatch(/^application\/json\b/);
  expect(response.headers.get('cache-control')).toBe('no-store');
  if (ok.includes(response.status)) {
    const generic = writes.map((x) => x.replace(/^(create|recordUse|rename|remove) .*/, '$1 X'));
    expect(generic, text).toEqual(expectedWrites(route, options.named));
    if (route.name === 'remove') await w.stores.store.create(w.victimRecord, { maxPerUser: 100 });
    count(route, String(response.status));
    return { status: response.status, text };
  }
  const body = JSON.parse(text);
  expectErrorShape(body);
  expect(response.status, text).toBe(DOCUMENTED_STATUS[body.error.code]);
  expect(response.status, text).toBeGreaterThanOrEqual(400);
  expect(response.status, text).toBeLessThan(500);
  // A refusal: nothing changed, but the named ceremony may be spent.
  const spendable = typeof options.named === 'string' ? [`take ${options.named}`] : [];
  expect(
    writes.filter((x) => !spendable.includes(x)),
    text,
  ).toEqual([]);
  expect(after.passkeys, text).toBe(before.passkeys);
  expect([after.signedIn, after.verified], text).toEqual([before.signedIn, before.verified]);
  count(route, `${response.status} ${body.error.code}`);
  return { status: response.status, text, code: body.error.code as string };
}

/** The ceremonies no request named are all still there to take (at the end of a file). */
async function expectSentinelsKept(w: World) {
  for (const id of w.sentinels) expect(await w.stores.challenges.take(id), id).not.toBeNull();
}

/**
 * A test file's world: made before its tests (`set` receives it); after them, the ceremonies no
 * request named are checked, and the counts written for `pnpm fuzz`.
 */
export function useWorld(file: string, set: (w: World) => void) {
  let world: World | undefined;
  beforeAll(async () => {
    world = await createWorld();
    set(world);
  });
  afterAll(async () => {
    if (world !== undefined) await expectSentinelsKept(world);
    writeCounts(file);
  });
}
