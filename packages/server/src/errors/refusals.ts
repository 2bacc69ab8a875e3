/**
 * One way to say each refusal: every `PasskeyError` the server raises is made here, one
 * constructor per situation, so a code always comes with the same message shape and details
 * (docs/design.md, "Errors"). Ceremonies, checks and the handler import these; nothing else
 * builds a `PasskeyError`.
 */
import { PasskeyError, type PasskeyPolicy, type RemovalImpact, stepUpRequired } from '@acme/passkey-core';

const withCause = (cause: unknown) => (cause === undefined ? {} : { cause });

export { stepUpRequired };

/** INVALID_REQUEST (400): malformed input of any kind, the underlying error kept as `cause`. */
export const malformed = (message: string, cause?: unknown) =>
  new PasskeyError('INVALID_REQUEST', message, withCause(cause));

/** Throws {@link malformed}: for validation code that reads as a guard. */
export function invalid(message: string, cause?: unknown): never {
  throw malformed(message, cause);
}

/** INVALID_NAME (400) is raised by core's `validatePasskeyName`. */

/** NOT_SIGNED_IN (401). */
export const notSignedIn = () => new PasskeyError('NOT_SIGNED_IN', 'Sign in first');

/** CROSS_SITE_REQUEST (403): a state-changing request from a site that is not a configured origin. */
export const crossSite = () =>
  new PasskeyError('CROSS_SITE_REQUEST', 'This request comes from a site that may not use this API');

/** AUTHENTICATOR_NOT_ALLOWED (403): a model the policy refuses, or no passkey an action's rule accepts. */
export const authenticatorNotAllowed = (details: Record<string, unknown>) =>
  new PasskeyError('AUTHENTICATOR_NOT_ALLOWED', 'This authenticator may not be used here', { details });

/** ATTESTATION_NOT_TRUSTED (403): the attestation (or metadata) does not prove the model. */
export const attestationNotTrusted = (reason?: string, cause?: unknown) =>
  new PasskeyError(
    'ATTESTATION_NOT_TRUSTED',
    'This authenticator’s attestation does not chain to a trusted root',
    {
      ...(reason === undefined ? {} : { details: { reason } }),
      ...withCause(cause),
    },
  );

/** PASSKEY_ON_HOLD (403): no passkey is old enough yet for this action. */
export const passkeyOnHold = (action: string, availableAt: Date) =>
  new PasskeyError('PASSKEY_ON_HOLD', 'A new passkey cannot approve this yet', {
    details: { action, availableAt: availableAt.toISOString() },
  });

/** CREDENTIAL_NOT_FOUND (404): unknown, or another user's — the two are never told apart. */
export const notFound = () => new PasskeyError('CREDENTIAL_NOT_FOUND', 'No such passkey');

/** METHOD_NOT_ALLOWED (405). */
export const methodNotAllowed = () => new PasskeyError('METHOD_NOT_ALLOWED', 'Method not allowed');

/** PASSKEY_LIMIT_REACHED (409), with the limit in `details`. */
export const limitReached = (policy: Pick<PasskeyPolicy, 'maxPasskeysPerUser'>) =>
  new PasskeyError('PASSKEY_LIMIT_REACHED', 'This account has the most passkeys it may have', {
    details: { limit: policy.maxPasskeysPerUser },
  });

/** CREDENTIAL_ALREADY_REGISTERED (409). */
export const alreadyRegistered = () =>
  new PasskeyError('CREDENTIAL_ALREADY_REGISTERED', 'This passkey is already registered');

/** CONFIRMATION_REQUIRED (409), with what the removal would do in `details`. */
export const confirmationRequired = (impact: RemovalImpact) =>
  new PasskeyError('CONFIRMATION_REQUIRED', 'Removing a passkey may lower the security of the account', {
    details: { ...impact },
  });

/** RECEIPT_REPLAYED (409). */
export const receiptReplayed = () =>
  new PasskeyError('RECEIPT_REPLAYED', 'This receipt has already been used');

/** CEREMONY_NOT_FOUND (410): unknown, expired, used, of another kind or user — never told apart. */
export const ceremonyNotFound = () =>
  new PasskeyError('CEREMONY_NOT_FOUND', 'This ceremony is unknown, expired or already used');

/** BODY_TOO_LARGE (413). */
export const bodyTooLarge = (maxBytes: number) =>
  new PasskeyError('BODY_TOO_LARGE', `The body exceeds ${maxBytes} bytes`, { details: { maxBytes } });

/** UNSUPPORTED_MEDIA_TYPE (415). */
export const unsupportedMediaType = () =>
  new PasskeyError('UNSUPPORTED_MEDIA_TYPE', 'Send JSON (Content-Type: application/json)');

/** ORIGIN_MISMATCH (422), naming the origin the response came from. */
export const originMismatch = (origin: string) =>
  new PasskeyError('ORIGIN_MISMATCH', 'The response comes from an origin this server does not accept', {
    details: { origin },
  });

/** RP_ID_MISMATCH (422). */
export const rpIdMismatch = () =>
  new PasskeyError('RP_ID_MISMATCH', 'The response was made for another relying party');

/** USER_VERIFICATION_REQUIRED (422): user presence or verification missing. */
export const userNotVerified = () =>
  new PasskeyError('USER_VERIFICATION_REQUIRED', 'The authenticator did not verify the user');

/**
 * VERIFICATION_FAILED (422). Without a message, the one answer for every refusal that could
 * otherwise tell a real credential from a fake one.
 */
export const verificationFailed = (message = 'The response could not be verified', cause?: unknown) =>
  new PasskeyError('VERIFICATION_FAILED', message, withCause(cause));

/** COUNTER_REGRESSION (422): a possible clone. */
export const counterRegression = () =>
  new PasskeyError('COUNTER_REGRESSION', 'This passkey’s signature counter went backwards');

/** RECEIPT_INVALID (422): signature, expiry, user, action, details, or the signing passkey. */
export const receiptInvalid = (message = 'This receipt is not valid', cause?: unknown) =>
  new PasskeyError('RECEIPT_INVALID', message, withCause(cause));

/** RATE_LIMITED (429), with the whole seconds to wait in `details` (and `Retry-After`). */
export const rateLimited = (retryAfterSeconds: number) =>
  new PasskeyError('RATE_LIMITED', 'Too many requests: try again later', {
    details: { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterSeconds)) },
  });

/** INTERNAL_ERROR (500): what a client sees of a failure it did not cause; the cause is logged. */
export const internalError = (cause?: unknown) =>
  new PasskeyError('INTERNAL_ERROR', 'Something went wrong', withCause(cause));

/** STORE_UNAVAILABLE (503): a store failed; its own message stays in `cause`, for logs. */
export const storeUnavailable = (message: string, cause?: unknown) =>
  new PasskeyError('STORE_UNAVAILABLE', message, withCause(cause));
