import { canonicalJson } from '@acme/passkey-core';
import { sha256 } from '../encoding';
import { invalid } from '../errors/refusals';
import { isObject } from '../input/validate-input';

const ACTION = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
const MAX_DETAILS = 4096;

/** What a step-up binds: an action name and its details (plain JSON; send amounts as strings). */
export interface StepUpAction {
  action: string;
  details: Record<string, unknown>;
}

/**
 * Refuses numbers that are not safe integers anywhere in `value`: two amounts that round to one
 * double (0.1 + 0.2 and 0.30000000000000004, or 2^53 and 2^53 + 1) must never share a digest,
 * so amounts travel as strings.
 */
function requireSafeNumbers(value: unknown, depth = 0): void {
  if (depth > 32) invalid('details are nested too deeply');
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) {
      invalid('Numbers in details must be safe integers: send amounts as strings');
    }
  } else if (Array.isArray(value)) {
    for (const item of value) requireSafeNumbers(item, depth + 1);
  } else if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) requireSafeNumbers(item, depth + 1);
  }
}

/**
 * SHA-256 of the RFC 8785 canonical JSON of `{ action, details }`: the same bytes for the
 * same action and details whatever their key order, so the signature covers exactly them.
 */
export async function actionDigest(input: {
  action: unknown;
  details: unknown;
}): Promise<Uint8Array<ArrayBuffer>> {
  if (typeof input.action !== 'string' || !ACTION.test(input.action)) {
    invalid('action must be 1–64 letters, digits or . _ : -');
  }
  if (!isObject(input.details)) invalid('details must be a JSON object');
  requireSafeNumbers(input.details);
  let canonical: string;
  try {
    canonical = canonicalJson({ action: input.action, details: input.details });
  } catch (err) {
    invalid('details must be plain JSON', err);
  }
  if (canonical.length > MAX_DETAILS) invalid('details are too large');
  return sha256(canonical);
}
