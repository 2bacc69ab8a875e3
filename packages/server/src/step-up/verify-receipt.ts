import type { VerifyReceiptInput } from '../api/types';
import type { ServerContext } from '../config/context';
import { toBase64Url } from '../encoding';
import { invalid, receiptInvalid, receiptReplayed } from '../errors/refusals';
import { requireObject, requireString } from '../input/validate-input';
import { actionDigest } from './action-digest';
import { RECEIPT_KEY } from './finish-step-up';
import type { ReceiptSigner } from './receipts';

/**
 * Checks a receipt for one user, action and details, then consumes it: the first successful
 * verification takes it; a later one fails with RECEIPT_REPLAYED. A verification that fails
 * its checks (signature, expiry, user, action, details, the signing passkey still the user's)
 * consumes nothing.
 */
export async function verifyReceipt(
  ctx: ServerContext,
  signer: ReceiptSigner,
  receipt: string,
  expected: VerifyReceiptInput,
): Promise<{ passkeyId: string; verifiedAt: Date }> {
  const want = requireObject(expected, 'expected');
  const userId = requireString(want.userId, 'userId');
  const dh = toBase64Url(await actionDigest({ action: want.action, details: want.details }));
  if (typeof receipt !== 'string' || receipt.length === 0 || receipt.length > 4096) {
    invalid('receipt must be a compact JWS string');
  }
  const claims = await signer.verify(receipt);
  if (
    claims.sub !== userId ||
    claims.act !== want.action ||
    claims.dh !== dh ||
    typeof claims.pk !== 'string'
  ) {
    throw receiptInvalid('This receipt was issued for another user, action or details');
  }
  // A receipt lives no longer than the passkey that signed it: removing a stolen passkey voids
  // what it approved but was not yet used.
  const signedBy = await ctx.store.get(claims.pk);
  if (signedBy === null || signedBy.userId !== userId) {
    throw receiptInvalid('The passkey that signed this receipt is no longer on the account');
  }
  const record = await ctx.challenges.take(RECEIPT_KEY + claims.jti);
  if (record === null || record.kind !== 'receipt') {
    throw receiptReplayed();
  }
  return { passkeyId: claims.pk, verifiedAt: new Date(claims.iat * 1000) };
}
