import { describe, expect, it } from 'vitest';
import { RP_ID_HASH, sha256, throwsCode } from '../../test/webauthn/helpers';
import type { AuthenticatorData, AuthenticatorFlags } from './authenticator-data';
import {
  checkBackupEligibility,
  checkBackupFlags,
  checkRpIdHash,
  checkUserPresent,
  checkUserVerified,
  counterAdvanced,
} from './authenticator-data-checks';

const FLAGS: AuthenticatorFlags = { up: true, uv: true, be: false, bs: false, at: false, ed: false };
const data = (flags: Partial<AuthenticatorFlags> = {}, counter = 0): AuthenticatorData => ({
  bytes: new Uint8Array(37),
  rpIdHash: RP_ID_HASH,
  flags: { ...FLAGS, ...flags },
  counter,
});

describe('authenticator data checks', () => {
  it('refuse another RP ID hash with RP_ID_MISMATCH', async () => {
    checkRpIdHash(data(), RP_ID_HASH);
    for (const rpId of ['evil.example', 'example.co', 'sub.example.com', 'EXAMPLE.COM']) {
      await throwsCode(() => checkRpIdHash(data(), sha256(rpId)), 'RP_ID_MISMATCH');
    }
  });

  it('refuse a missing UP, and a missing UV when it is required, with USER_VERIFICATION_REQUIRED', async () => {
    checkUserPresent(data());
    checkUserVerified(data({ uv: false }), false);
    await throwsCode(() => checkUserPresent(data({ up: false })), 'USER_VERIFICATION_REQUIRED');
    await throwsCode(() => checkUserVerified(data({ uv: false }), true), 'USER_VERIFICATION_REQUIRED');
  });

  it('refuse a backup state without backup eligibility, and a changed eligibility, with VERIFICATION_FAILED', async () => {
    checkBackupFlags(data({ be: true, bs: true }));
    checkBackupFlags(data({ be: true, bs: false }));
    await throwsCode(() => checkBackupFlags(data({ be: false, bs: true })), 'VERIFICATION_FAILED');
    checkBackupEligibility(data({ be: true }), true);
    checkBackupEligibility(data({ be: false }), false);
    await throwsCode(() => checkBackupEligibility(data({ be: true }), false), 'VERIFICATION_FAILED');
    await throwsCode(() => checkBackupEligibility(data({ be: false }), true), 'VERIFICATION_FAILED');
  });

  it('tell a counter that moved forward from one that did not (0 and 0: no counter)', () => {
    expect(counterAdvanced(data({}, 0), 0)).toBe(true);
    expect(counterAdvanced(data({}, 5), 4)).toBe(true);
    expect(counterAdvanced(data({}, 4), 4)).toBe(false);
    expect(counterAdvanced(data({}, 3), 4)).toBe(false);
    expect(counterAdvanced(data({}, 0), 4)).toBe(false);
    expect(counterAdvanced(data({}, 0xffffffff), 0)).toBe(true);
  });
});
