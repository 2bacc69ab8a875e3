import { describe, expect, it } from 'vitest';
import {
  DEFAULT_POLICY,
  isAuthenticatorAllowed,
  isVerificationFresh,
  type PasskeyPolicy,
  removalImpact,
  resolvePolicy,
} from '../src/index';

describe('resolvePolicy', () => {
  it('fills the documented defaults', () => {
    expect(resolvePolicy()).toEqual({
      maxPasskeysPerUser: 10,
      userVerification: 'required',
      stepUpMaxAgeSeconds: 300,
      challengeTtlSeconds: 300,
      counterRegression: 'reject',
      nameMaxLength: 64,
      authenticators: {},
      attestation: 'none',
      strongVerification: ['passkey', 'second-factor'],
      actions: {},
      usernameSignIn: 'discoverable',
    });
  });

  it('checks strong verification methods, per-action rules and the username sign-in mode', () => {
    const p = resolvePolicy({
      strongVerification: ['passkey'],
      actions: { 'p2p.release': { minPasskeyAgeSeconds: 86_400, deviceBound: true } },
      usernameSignIn: 'allow-credentials',
    });
    expect(p.strongVerification).toEqual(['passkey']);
    expect(p.actions['p2p.release']).toEqual({ minPasskeyAgeSeconds: 86_400, deviceBound: true });
    expect(p.usernameSignIn).toBe('allow-credentials');
    for (const bad of [
      { strongVerification: [] },
      { strongVerification: ['sms'] },
      { strongVerification: 'passkey' },
      { actions: [] },
      { actions: { 'bad name!': {} } },
      { actions: { x: { minPasskeyAgeSeconds: -1 } } },
      { actions: { x: { minPasskeyAgeSeconds: 1.5 } } },
      { actions: { x: { deviceBound: 'yes' } } },
      { actions: { x: { holdSeconds: 5 } } },
      { actions: { x: null } },
      { usernameSignIn: 'typed' },
    ]) {
      expect(() => resolvePolicy(bad as Partial<PasskeyPolicy>), JSON.stringify(bad)).toThrow(/^policy\./);
    }
  });

  it('keeps valid values, lowercases AAGUIDs and never mutates its input', () => {
    const input = {
      maxPasskeysPerUser: 3,
      authenticators: { deny: ['FBFC3007-154E-4ECC-8C0B-6E020557D7BD'] },
    };
    const frozen = structuredClone(input);
    const p = resolvePolicy(input);
    expect(p.maxPasskeysPerUser).toBe(3);
    expect(p.authenticators.deny).toEqual(['fbfc3007-154e-4ecc-8c0b-6e020557d7bd']);
    expect(input).toEqual(frozen);
  });

  const bad: Array<Partial<Record<keyof PasskeyPolicy | 'nope', unknown>>> = [
    { maxPasskeysPerUser: 0 },
    { maxPasskeysPerUser: 2.5 },
    { maxPasskeysPerUser: '10' },
    { maxPasskeysPerUser: Number.NaN },
    { userVerification: 'discouraged' },
    { stepUpMaxAgeSeconds: -1 },
    { challengeTtlSeconds: 0 },
    { counterRegression: 'ignore' },
    { nameMaxLength: 0 },
    { authenticators: null },
    { authenticators: { allow: ['not-a-uuid'] } },
    { authenticators: { deny: 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd' } },
    { attestation: 'indirect' },
    { attestation: 'direct' },
    { attestation: 'direct', trustAnchors: [] },
    { metadata: { entries: {} } },
    { trustAnchors: ['not a pem'] },
    { nope: 1 },
  ];
  it.each(bad)('refuses %o', (partial) => {
    expect(() => resolvePolicy(partial as Partial<PasskeyPolicy>)).toThrow();
  });
});

describe('isVerificationFresh', () => {
  const now = new Date('2026-06-01T12:00:00Z');
  const at = (secondsAgo: number) => new Date(now.getTime() - secondsAgo * 1000);
  it('accepts a verification within the window, including its edge', () => {
    expect(isVerificationFresh(at(0), now, DEFAULT_POLICY)).toBe(true);
    expect(isVerificationFresh(at(300), now, DEFAULT_POLICY)).toBe(true);
  });
  it('refuses stale, missing, invalid and far-future verifications', () => {
    expect(isVerificationFresh(at(301), now, DEFAULT_POLICY)).toBe(false);
    expect(isVerificationFresh(null, now, DEFAULT_POLICY)).toBe(false);
    expect(isVerificationFresh(undefined, now, DEFAULT_POLICY)).toBe(false);
    expect(isVerificationFresh(new Date(Number.NaN), now, DEFAULT_POLICY)).toBe(false);
    expect(isVerificationFresh(at(-3600), now, DEFAULT_POLICY)).toBe(false);
    expect(isVerificationFresh('2026-06-01T12:00:00Z' as unknown as Date, now, DEFAULT_POLICY)).toBe(false);
  });
});

describe('removalImpact', () => {
  it('counts what remains and flags the last passkey', () => {
    expect(removalImpact([{ id: 'a' }, { id: 'b' }], 'a')).toEqual({
      remaining: 1,
      lastPasskey: false,
      lowersSecurity: true,
    });
    expect(removalImpact([{ id: 'a' }], 'a')).toEqual({
      remaining: 0,
      lastPasskey: true,
      lowersSecurity: true,
    });
  });
  it('does not know a passkey that is not in the list', () => {
    expect(() => removalImpact([{ id: 'a' }], 'b')).toThrow(
      expect.objectContaining({ code: 'CREDENTIAL_NOT_FOUND' }),
    );
  });
});

describe('isAuthenticatorAllowed', () => {
  const yubi = 'cb69481e-8ff7-4039-93ec-0a2729a154a8';
  const icloud = 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd';
  it('allows everything by default', () => {
    expect(isAuthenticatorAllowed(icloud, DEFAULT_POLICY)).toBe(true);
  });
  it('applies deny, then allow', () => {
    expect(
      isAuthenticatorAllowed(icloud.toUpperCase(), resolvePolicy({ authenticators: { deny: [icloud] } })),
    ).toBe(false);
    const allowOnly = resolvePolicy({ authenticators: { allow: [yubi] } });
    expect(isAuthenticatorAllowed(yubi, allowOnly)).toBe(true);
    expect(isAuthenticatorAllowed(icloud, allowOnly)).toBe(false);
    expect(isAuthenticatorAllowed('00000000-0000-0000-0000-000000000000', allowOnly)).toBe(false);
    const both = resolvePolicy({ authenticators: { allow: [yubi], deny: [yubi] } });
    expect(isAuthenticatorAllowed(yubi, both)).toBe(false);
  });
});
