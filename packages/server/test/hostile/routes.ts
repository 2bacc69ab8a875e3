/**
 * Every route of the HTTP protocol (docs/design.md, "HTTP protocol"), with the statuses a
 * well-formed request may earn, the body keys it reads, and a valid body to spoil.
 */
import { alice, BASE, STEP_UP } from '../http-helpers';
import type { World } from './world';

export interface Route {
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path(w: World): string;
  /** Statuses a well-formed request may earn. */
  ok: number[];
  /** The body keys the route reads (none for GET). */
  keys: string[];
  /** A body the route accepts from alice's fresh session (verify routes: see world.ts). */
  valid(w: World): Record<string, unknown>;
  /** The ceremony kind its options start, or the one its verify finishes. */
  ceremony?: 'registration' | 'authentication' | 'step-up';
}

const post = (name: string, rest: Omit<Route, 'name' | 'method' | 'path'>): Route => ({
  name,
  method: 'POST',
  path: () => `${BASE}/${name}`,
  ...rest,
});

export const ROUTES: Route[] = [
  post('register/options', {
    ok: [200],
    keys: ['authenticator', 'mediation'],
    valid: () => ({ authenticator: 'any', mediation: 'modal' }),
    ceremony: 'registration',
  }),
  post('register/verify', {
    ok: [],
    keys: ['ceremonyId', 'response', 'name'],
    valid: (w) => ({ ceremonyId: w.unknownCeremony, response: w.registration, name: 'Laptop' }),
    ceremony: 'registration',
  }),
  post('login/options', {
    ok: [200],
    keys: ['username', 'mediation', 'authenticator'],
    valid: () => ({ username: alice.name, mediation: 'modal', authenticator: 'any' }),
    ceremony: 'authentication',
  }),
  post('login/verify', {
    ok: [],
    keys: ['ceremonyId', 'response'],
    valid: (w) => ({ ceremonyId: w.unknownCeremony, response: w.assertion }),
    ceremony: 'authentication',
  }),
  post('step-up/options', {
    ok: [200],
    keys: ['action', 'details'],
    valid: () => structuredClone(STEP_UP),
    ceremony: 'step-up',
  }),
  post('step-up/verify', {
    ok: [],
    keys: ['ceremonyId', 'response'],
    valid: (w) => ({ ceremonyId: w.unknownCeremony, response: w.assertion }),
    ceremony: 'step-up',
  }),
  { name: 'list', method: 'GET', path: () => BASE, ok: [200], keys: [], valid: () => ({}) },
  {
    name: 'removal-impact',
    method: 'GET',
    path: (w) => `${BASE}/${w.own}/removal-impact`,
    ok: [200],
    keys: [],
    valid: () => ({}),
  },
  {
    name: 'rename',
    method: 'PATCH',
    path: (w) => `${BASE}/${w.own}`,
    ok: [200],
    keys: ['name'],
    valid: () => ({ name: 'My key' }),
  },
  {
    name: 'remove',
    method: 'DELETE',
    path: (w) => `${BASE}/${w.victim}`,
    ok: [200],
    keys: ['confirm'],
    valid: () => ({ confirm: true }),
  },
];

/** The routes that read a body. */
export const BODY_ROUTES = ROUTES.filter((r) => r.keys.length > 0);
