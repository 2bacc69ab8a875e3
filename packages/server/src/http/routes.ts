/** The routes of DESIGN's HTTP protocol, below the handler's base path. */
export type RouteName =
  | 'list'
  | 'register/options'
  | 'register/verify'
  | 'login/options'
  | 'login/verify'
  | 'step-up/options'
  | 'step-up/verify'
  | 'removal-impact'
  | 'passkey';

/** A request's route: its name, the methods it takes, and its `:id`. */
export interface MatchedRoute {
  name: RouteName;
  /** Allowed methods; anything else is a 405 with `Allow`. */
  methods: string[];
  /** The `:id` segment, percent-decoded. */
  id?: string;
}

const CEREMONY_ROUTES = new Set([
  'register/options',
  'register/verify',
  'login/options',
  'login/verify',
  'step-up/options',
  'step-up/verify',
]);

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** Matches a path to a route, or null when it is not one of the handler's own. */
export function matchRoute(pathname: string, basePath: string): MatchedRoute | null {
  if (pathname === basePath || pathname === `${basePath}/`) return { name: 'list', methods: ['GET'] };
  if (!pathname.startsWith(`${basePath}/`)) return null;
  const rest = pathname.slice(basePath.length + 1);
  if (CEREMONY_ROUTES.has(rest)) return { name: rest as RouteName, methods: ['POST'] };
  const [first = '', ...more] = rest.split('/');
  // An :id that is not valid percent-encoding stays raw: the shape check answers 400 for it.
  const id = decode(first) ?? first;
  if (id === '') return null;
  if (more.length === 0) return { name: 'passkey', methods: ['PATCH', 'DELETE'], id };
  if (more.length === 1 && more[0] === 'removal-impact')
    return { name: 'removal-impact', methods: ['GET'], id };
  return null;
}
