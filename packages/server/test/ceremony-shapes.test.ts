/**
 * The shape check of ceremony records read back from a ChallengeStore (a trust boundary), field by
 * field: a step-up record missing any of its fields, empty strings, and lists of up to 64 IDs.
 */
import { describe, expect, it } from 'vitest';
import { validateCeremony } from '../src/ceremonies/ceremony-records';
import { isCeremonyId } from '../src/ceremonies/ceremony-store';

const base = { challenge: 'Y2hhbGxlbmdl', expiresAt: 1_900_000_000_000 };
const stepUp = { ...base, kind: 'step-up', userId: 'u1', allow: ['id1'], action: 'p2p.release', dh: 'ZGg' };
const signIn = { ...base, kind: 'authentication', userId: null, allow: null };

describe('validateCeremony, field by field', () => {
  it('takes a whole step-up record, and refuses it without each field or with it empty', () => {
    expect(validateCeremony(stepUp, 'step-up')).toBe('ok');
    expect(validateCeremony(stepUp, 'authentication')).toBe('other-kind');
    for (const field of ['userId', 'allow', 'action', 'dh'] as const) {
      expect(validateCeremony({ ...stepUp, [field]: undefined }, 'step-up'), field).toBe('malformed');
      expect(validateCeremony({ ...stepUp, [field]: field === 'allow' ? [''] : '' }, 'step-up'), field).toBe(
        'malformed',
      );
    }
    expect(validateCeremony({ ...stepUp, challenge: '' }, 'step-up')).toBe('malformed');
  });

  it('takes lists of up to 64 credential IDs', () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `id${i}`);
    expect(validateCeremony({ ...stepUp, allow: ids(64) }, 'step-up')).toBe('ok');
    expect(validateCeremony({ ...stepUp, allow: ids(65) }, 'step-up')).toBe('malformed');
    expect(validateCeremony({ ...signIn, allow: ids(64) }, 'authentication')).toBe('ok');
    expect(validateCeremony({ ...signIn, allow: ids(65) }, 'authentication')).toBe('malformed');
  });
});

describe('isCeremonyId', () => {
  it('is true only for a ceremony ID string', () => {
    expect(isCeremonyId(42)).toBe(false);
    expect(isCeremonyId(null)).toBe(false);
    expect(isCeremonyId('not an id')).toBe(false);
    // Values whose text would pass: only a string is an ID.
    expect(isCeremonyId('AAAAAAAAAAAAAAAAAAAA')).toBe(true);
    expect(isCeremonyId(['AAAAAAAAAAAAAAAAAAAA'])).toBe(false);
    expect(isCeremonyId(1_234_567_890_123_456)).toBe(false);
  });
});
