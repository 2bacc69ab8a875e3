/**
 * The routes of the HTTP protocol (docs/design.md, "HTTP protocol"): each one's method, path
 * below the base path and session requirement. The handler's dispatch, its 405 and 401 answers
 * and the rate limit's default routes all derive from this one table.
 */

/** The name of each route, as the rate limit hook sees it. */
export type RouteName =
  | 'list'
  | 'register/options'
  | 'register/verify'
  | 'login/options'
  | 'login/verify'
  | 'step-up/options'
  | 'step-up/verify'
  | 'removal-impact'
  | 'rename'
  | 'remove';

/**
 * What a route asks of the session: none (anyone may call it), a signed-in user, or one who also
 * verified recently — and strongly, once they have a passkey; the server judges the last.
 */
export type SessionRequirement = 'none' | 'signed-in' | 'freshly-verified';

/** A path below the base path; `:id` is a passkey ID. */
export type RoutePath =
  | ''
  | 'register/options'
  | 'register/verify'
  | 'login/options'
  | 'login/verify'
  | 'step-up/options'
  | 'step-up/verify'
  | ':id'
  | ':id/removal-impact';

/** One route of the protocol. */
export interface RouteSpec {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: RoutePath;
  session: SessionRequirement;
}

/** The protocol, route by route; a route missing here is a compile error wherever routes are used. */
export const ROUTES: { readonly [N in RouteName]: RouteSpec } = {
  list: { method: 'GET', path: '', session: 'signed-in' },
  'register/options': { method: 'POST', path: 'register/options', session: 'freshly-verified' },
  'register/verify': { method: 'POST', path: 'register/verify', session: 'signed-in' },
  'login/options': { method: 'POST', path: 'login/options', session: 'none' },
  'login/verify': { method: 'POST', path: 'login/verify', session: 'none' },
  'step-up/options': { method: 'POST', path: 'step-up/options', session: 'signed-in' },
  'step-up/verify': { method: 'POST', path: 'step-up/verify', session: 'signed-in' },
  'removal-impact': { method: 'GET', path: ':id/removal-impact', session: 'signed-in' },
  rename: { method: 'PATCH', path: ':id', session: 'signed-in' },
  remove: { method: 'DELETE', path: ':id', session: 'freshly-verified' },
};

const NAMES = Object.keys(ROUTES) as RouteName[];

/** The routes anyone may call without a session: what a rate limit counts by default. */
export const PUBLIC_ROUTES: readonly RouteName[] = NAMES.filter((n) => ROUTES[n].session === 'none');

/** A request's place in the table: the routes at its path, and its `:id`. */
export interface MatchedPath {
  /** Every route at this path (one path may take several methods: PATCH and DELETE `:id`). */
  routes: RouteName[];
  /** The `:id` segment, percent-decoded (left raw when not valid percent-encoding: the parse answers 400). */
  id?: string;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

const onPath = (path: RoutePath) => NAMES.filter((n) => ROUTES[n].path === path);

/** Matches a pathname to the table's paths below `basePath`; null when it is not the handler's. */
export function matchPath(pathname: string, basePath: string): MatchedPath | null {
  let rest: string;
  if (pathname === basePath || pathname === `${basePath}/`) rest = '';
  else if (pathname.startsWith(`${basePath}/`)) rest = pathname.slice(basePath.length + 1);
  else return null;
  const exact = onPath(rest as RoutePath);
  if (exact.length > 0) return { routes: exact };
  const [first = '', ...more] = rest.split('/');
  if (first === '') return null;
  if (more.length === 0) return { routes: onPath(':id'), id: decode(first) };
  if (more.length === 1 && more[0] === 'removal-impact')
    return { routes: onPath(':id/removal-impact'), id: decode(first) };
  return null;
}
