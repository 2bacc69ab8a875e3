/**
 * Why the software authenticator refused a ceremony. The codes are the `DOMException` names a
 * browser rejects `navigator.credentials.create()`/`get()` with in the same situation, so a test
 * can feed them to code that maps browser errors:
 * - `NotAllowedError`: no stored credential matches the request (the user would see no passkey).
 * - `InvalidStateError`: a credential in `excludeCredentials` already lives on this authenticator.
 * - `NotSupportedError`: none of `pubKeyCredParams` is an algorithm this authenticator offers.
 * - `SecurityError`: the RP ID is not the origin's host or a registrable suffix of it.
 * - `ConstraintError`: the authenticator was configured inconsistently (e.g. fido-u2f with EdDSA).
 * - `SyntaxError`: a `prf.evalByCredential` key is not the base64url ID of an allowed credential.
 *
 * `NotSupportedError` is also a `prf.evalByCredential` at registration, or without `allowCredentials`.
 */
export type AuthenticatorErrorCode =
  | 'NotAllowedError'
  | 'InvalidStateError'
  | 'NotSupportedError'
  | 'SecurityError'
  | 'ConstraintError'
  | 'SyntaxError';

/**
 * The one error type the software authenticator throws; `switch (err.code)` on it.
 *
 * @example
 * // A second registration of the same authenticator, as a browser would refuse it.
 * const { options } = await server.startRegistration(input);
 * await expect(authenticator.create(options, { origin })).rejects.toMatchObject({ code: 'InvalidStateError' });
 */
export class AuthenticatorError extends Error {
  override readonly name = 'AuthenticatorError';
  readonly code: AuthenticatorErrorCode;

  constructor(code: AuthenticatorErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
