import type { PasskeyLogger } from '../config/config';
import { errorResponse } from './respond';

/**
 * The protocol's error answer for your own routes: a `PasskeyError` becomes
 * `{ error: { code, message, details? } }` with its code's one status (and `Retry-After` for
 * `RATE_LIMITED`); anything else is logged and answered as a bare 500 `INTERNAL_ERROR`, so a
 * route that calls the server answers exactly as the passkey handler does.
 *
 * @example
 * app.post('/api/orders/:id/release', async (c) => {
 *   try {
 *     await passkeys.verifyReceipt(receipt, { userId, action: 'p2p.release', details });
 *     return c.json(await release(order));
 *   } catch (err) {
 *     return passkeyErrorResponse(err);
 *   }
 * });
 */
export function passkeyErrorResponse(error: unknown, logger: PasskeyLogger = console): Response {
  return errorResponse(error, logger);
}
