import type { FinishAuthenticationResult, StepUpVerified } from '../api/types';
import type { RateLimit } from './rate-limit';
import type { PasskeySession } from './session';

/** Where a request came from, for the events it raises: see {@link PasskeyHandlerOptions.clientInfo}. */
export interface ClientInfo {
  ip?: string;
  userAgent?: string;
}

/** Options of `createPasskeyHandler`. Every hook may return a promise. */
export interface PasskeyHandlerOptions {
  /** Where the routes live. Default `/passkeys`. */
  basePath?: string;
  /** Largest accepted body. Default 64 KiB. */
  maxBodyBytes?: number;
  /**
   * The signed-in user, or null, with when and how they last completed a security verification
   * (`lastVerifiedWith` absent = `'password'`).
   */
  getSession(request: Request): PasskeySession | null | Promise<PasskeySession | null>;
  /**
   * Who sent a request, for the events it raises (`event.context`), so an app can tell the user
   * "a passkey was added from Chrome on Windows". Default: the User-Agent header only. Return what
   * you trust: e.g. the client IP your proxy sets.
   */
  clientInfo?(request: Request): ClientInfo | Promise<ClientInfo>;
  /** After a passkey sign-in: set the app's session; the returned headers (e.g. Set-Cookie) are sent. */
  onSignedIn?(
    result: FinishAuthenticationResult,
    request: Request,
  ): HeadersInit | void | Promise<HeadersInit | void>;
  /**
   * After a passkey step-up: mark the session as freshly and strongly verified
   * (`lastVerifiedAt = now`, `lastVerifiedWith = 'passkey'`); the returned headers are sent.
   */
  onVerified?(result: StepUpVerified, request: Request): HeadersInit | void | Promise<HeadersInit | void>;
  /**
   * Asked before the body is read; a refusal is 429 `RATE_LIMITED` with `Retry-After`. See
   * `createMemoryRateLimit`.
   */
  rateLimit?: RateLimit;
}

/** The hooks a route's run may call. */
export type HandlerHooks = Pick<PasskeyHandlerOptions, 'onSignedIn' | 'onVerified'>;
