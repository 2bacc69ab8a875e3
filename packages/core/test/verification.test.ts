import { describe, expect, it } from 'vitest';
import {
  acceptedVerificationMethods,
  isPasskeyError,
  requireAccountVerification,
  resolvePolicy,
  type VerificationMethod,
} from '../src/index';

const policy = resolvePolicy();
const now = new Date('2026-06-01T12:00:00Z');
const ago = (s: number) => new Date(now.getTime() - s * 1000);

function refusal(run: () => void) {
  try {
    run();
  } catch (err) {
    if (isPasskeyError(err, 'STEP_UP_REQUIRED')) return err;
    throw err;
  }
  return null;
}

describe('requireAccountVerification', () => {
  it('lets any fresh method enable the first passkey, and asks for a fresh one when stale or absent', () => {
    for (const method of ['password', 'second-factor', 'passkey', undefined] as const) {
      expect(
        refusal(() =>
          requireAccountVerification(
            { lastVerifiedAt: ago(10), lastVerifiedWith: method },
            false,
            now,
            policy,
          ),
        ),
      ).toBeNull();
    }
    for (const at of [null, undefined, ago(301), new Date(Number.NaN), new Date(now.getTime() + 120_000)]) {
      const err = refusal(() => requireAccountVerification({ lastVerifiedAt: at }, false, now, policy));
      expect(err?.details).toEqual({ methods: ['passkey', 'second-factor', 'password'], maxAgeSeconds: 300 });
    }
  });

  it('once the user has a passkey, refuses a password alone (absent means password) and says what would do', () => {
    for (const method of ['password', undefined] as const) {
      const err = refusal(() =>
        requireAccountVerification({ lastVerifiedAt: ago(1), lastVerifiedWith: method }, true, now, policy),
      );
      expect(err?.status).toBe(403);
      expect(err?.details).toEqual({ methods: ['passkey', 'second-factor'], maxAgeSeconds: 300 });
    }
    for (const method of ['passkey', 'second-factor'] as const) {
      expect(
        refusal(() =>
          requireAccountVerification({ lastVerifiedAt: ago(1), lastVerifiedWith: method }, true, now, policy),
        ),
      ).toBeNull();
      // Strong but stale is still refused.
      expect(
        refusal(() =>
          requireAccountVerification(
            { lastVerifiedAt: ago(301), lastVerifiedWith: method },
            true,
            now,
            policy,
          ),
        ),
      ).not.toBeNull();
    }
  });

  it('follows policy.strongVerification, and refuses a method name it does not know', () => {
    const passkeyOnly = resolvePolicy({ strongVerification: ['passkey'] });
    expect(acceptedVerificationMethods(true, passkeyOnly)).toEqual(['passkey']);
    expect(
      refusal(() =>
        requireAccountVerification(
          { lastVerifiedAt: ago(1), lastVerifiedWith: 'second-factor' },
          true,
          now,
          passkeyOnly,
        ),
      ),
    ).not.toBeNull();
    const bogus = 'totp' as VerificationMethod;
    expect(
      refusal(() =>
        requireAccountVerification({ lastVerifiedAt: ago(1), lastVerifiedWith: bogus }, false, now, policy),
      ),
    ).not.toBeNull();
  });
});
