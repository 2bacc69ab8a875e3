/**
 * The edges of the policy checks, the naming rule and default names: the values at each bound, the
 * shapes a configuration can have that are not objects, and the names a tiny length rule leaves.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_POLICY,
  type DefaultPasskeyNameInput,
  defaultPasskeyName,
  isVerificationFresh,
  type PasskeyPolicy,
  resolvePolicy,
  validatePasskeyName,
} from '../src/index';

const resolve = (partial: unknown) => resolvePolicy(partial as Partial<PasskeyPolicy>);
/** Refused at start-up with a TypeError or RangeError that names the field, never a crash inside. */
const refused = (partial: unknown, field: string) =>
  expect(() => resolve(partial), JSON.stringify(partial) ?? String(partial)).toThrow(
    new RegExp(`^policy\\.${field.replace(/\./g, '\\.')}`),
  );

describe('resolvePolicy at the edges', () => {
  it('accepts each integer at both ends of its range, and refuses one past either end', () => {
    const ranges = {
      maxPasskeysPerUser: [1, 1000],
      stepUpMaxAgeSeconds: [1, 86_400],
      challengeTtlSeconds: [10, 3_600],
      nameMaxLength: [1, 256],
    } as const;
    for (const [field, [min, max]] of Object.entries(ranges)) {
      expect(resolve({ [field]: min })[field as keyof typeof ranges]).toBe(min);
      expect(resolve({ [field]: max })[field as keyof typeof ranges]).toBe(max);
      refused({ [field]: min - 1 }, field);
      refused({ [field]: max + 1 }, field);
    }
    const age = (minPasskeyAgeSeconds: number) =>
      resolve({ actions: { x: { minPasskeyAgeSeconds } } }).actions;
    expect(age(0)).toEqual({ x: { minPasskeyAgeSeconds: 0 } });
    expect(age(365 * 86_400)).toEqual({ x: { minPasskeyAgeSeconds: 365 * 86_400 } });
    refused({ actions: { x: { minPasskeyAgeSeconds: 365 * 86_400 + 1 } } }, 'actions.x.minPasskeyAgeSeconds');
  });

  it('refuses a policy, authenticators, actions or a rule that is not an object', () => {
    for (const value of [5, true, 'x']) {
      expect(() => resolve(value), String(value)).toThrow(TypeError);
    }
    expect(() => resolve(null)).toThrow(/^policy must be an object/);
    for (const value of [5, true, null]) {
      refused({ authenticators: value }, 'authenticators');
      refused({ actions: value }, 'actions');
      refused({ actions: { x: value } }, 'actions.x');
    }
  });

  it('refuses a list with one bad entry among good ones', () => {
    const good = 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd';
    refused({ authenticators: { allow: [good, 'not-a-uuid'] } }, 'authenticators.allow');
    refused({ authenticators: { deny: [good, 42] } }, 'authenticators.deny');
    refused({ strongVerification: ['passkey', 'sms'] }, 'strongVerification');
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
    refused({ trustAnchors: [pem, 'not a pem'] }, 'trustAnchors');
    expect(resolve({ trustAnchors: [pem] }).trustAnchors).toEqual([pem]);
  });

  it('takes metadata that came from loadMetadataBlob, and refuses anything else', () => {
    const metadata = { entries: new Map(), nextUpdate: null };
    expect(resolve({ metadata }).metadata).toBe(metadata);
    expect(resolve({ attestation: 'direct', metadata }).attestation).toBe('direct');
    for (const value of [null, 'blob', 5, { entries: {} }]) refused({ metadata: value }, 'metadata');
  });
});

describe('validatePasskeyName: details of each refusal', () => {
  const details = (value: unknown, nameMaxLength = 64) => {
    try {
      validatePasskeyName(value, { nameMaxLength });
    } catch (err) {
      expect(err).toMatchObject({ code: 'INVALID_NAME' });
      return (err as { details?: unknown }).details;
    }
    return null;
  };

  it('gives the length rule with every reason, so a page can say it', () => {
    expect(details('lone \ud800', 20)).toEqual({ reason: 'characters', maxLength: 20 });
    expect(details('a\u0000b', 20)).toEqual({ reason: 'characters', maxLength: 20 });
    expect(details(42, 20)).toEqual({ reason: 'not-text', maxLength: 20 });
    expect(details('   ', 20)).toEqual({ reason: 'empty', maxLength: 20 });
  });
});

describe('defaultPasskeyName at the edges', () => {
  const ZERO = '00000000-0000-0000-0000-000000000000';
  const name = (input: Partial<DefaultPasskeyNameInput>) =>
    defaultPasskeyName({ aaguid: ZERO, attachment: null, existingNames: [], ...input });

  it('without an attachment, hybrid and internal together are this device unless a phone was chosen', () => {
    for (const authenticator of ['this-device', 'security-key', 'any', undefined] as const) {
      expect(
        name({ transports: ['hybrid', 'internal'], authenticator, device: 'Chrome on Android' }),
        String(authenticator),
      ).toBe('Chrome on Android');
    }
  });

  it('tells an unknown passkey apart by this device before numbering it', () => {
    expect(name({ device: 'Chrome on Windows', existingNames: ['Passkey'] })).toBe(
      'Passkey (Chrome on Windows)',
    );
    expect(
      name({ device: 'Chrome on Windows', existingNames: ['Passkey', 'Passkey (Chrome on Windows)'] }),
    ).toBe('Passkey (2)');
  });

  it('ignores device words longer than 256 characters, as it ignores any it could not use', () => {
    expect(name({ attachment: 'platform', device: 'D'.repeat(256) })).toBe(`${'D'.repeat(63)}…`);
    expect(name({ attachment: 'platform', device: 'D'.repeat(257) })).toBe('This device');
  });

  it('keeps a name exactly as long as the rule whole', () => {
    expect(name({ attachment: 'platform', device: 'Chrome on Windows', maxLength: 17 })).toBe(
      'Chrome on Windows',
    );
    expect(name({ attachment: 'platform', device: 'Chrome on Windows', maxLength: 16 })).toBe(
      'Chrome on Windo…',
    );
  });

  it('gives a name within a tiny length rule, even when every short form is taken', () => {
    // Two code points: "P…" is taken, and "… (2)" cut to two is "… ", trimmed.
    expect(name({ maxLength: 2, existingNames: ['P…'] })).toBe('…');
    // One code point: every candidate is "…"; past as many numbers as names, it is given anyway.
    expect(name({ maxLength: 1, existingNames: ['…'] })).toBe('…');
    for (const maxLength of [1, 2, 3, 4]) {
      const taken = ['Passkey', 'P…', '…', '… ', '… (', '… (2', '… (3'];
      expect([...name({ maxLength, existingNames: taken })].length).toBeLessThanOrEqual(maxLength);
    }
  });
});

describe('isVerificationFresh at the clock-skew edge', () => {
  it('takes a verification up to one minute in the future, not one millisecond more', () => {
    const now = new Date('2026-06-01T12:00:00Z');
    const at = (ms: number) => new Date(now.getTime() + ms);
    expect(isVerificationFresh(at(60_000), now, DEFAULT_POLICY)).toBe(true);
    expect(isVerificationFresh(at(60_001), now, DEFAULT_POLICY)).toBe(false);
  });
});
