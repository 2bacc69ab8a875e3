import { describe, expect, it } from 'vitest';
import catalogue from './catalogue.json';
import { catalogueSize, providerName, ZERO_AAGUID } from './index';

const APPLE = 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd';
const ICLOUD_MANAGED = 'dd4ec289-e01d-41c9-bb89-70fa845d4bf2';
const GOOGLE = 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('providerName', () => {
  it('names Apple, Google and other well-known providers as the source list does', () => {
    expect(providerName(APPLE)).toBe('Apple Passwords');
    expect(providerName(ICLOUD_MANAGED)).toContain('iCloud Keychain');
    expect(providerName(GOOGLE)).toBe('Google Password Manager');
    expect(providerName('08987058-cadc-4b81-b6e1-30de50dcbe96')).toBe('Windows Hello');
    expect(providerName('bada5566-a7aa-401f-bd96-45619a55120d')).toBe('1Password');
    expect(providerName('d548826e-79b4-db40-a3d8-11116f7e8349')).toBe('Bitwarden');
    expect(providerName('531126d6-e717-415c-9320-3d9aa6981239')).toBe('Dashlane');
    expect(providerName('53414d53-554e-4700-0000-000000000000')).toBe('Samsung Pass');
    expect(providerName('ee882879-721c-4913-9775-3dfcce97072a')).toBe('YubiKey 5 Series');
  });

  it('accepts any letter case', () => {
    expect(providerName(GOOGLE.toUpperCase())).toBe('Google Password Manager');
    expect(providerName('FbFc3007-154E-4eCc-8C0b-6E020557D7bD')).toBe('Apple Passwords');
  });

  it('returns null for the zero AAGUID, unknown AAGUIDs and missing input', () => {
    expect(providerName(ZERO_AAGUID)).toBeNull();
    expect(providerName('01234567-89ab-cdef-0123-456789abcdef')).toBeNull();
    expect(providerName('')).toBeNull();
    expect(providerName('not-an-aaguid')).toBeNull();
    expect(providerName('__proto__')).toBeNull();
    expect(providerName('constructor')).toBeNull();
    expect(providerName(null)).toBeNull();
    expect(providerName(undefined)).toBeNull();
  });
});

describe('catalogue.json', () => {
  const entries = Object.entries(catalogue as Record<string, unknown>);

  it('has one entry per key and reports its size', () => {
    expect(catalogueSize).toBe(entries.length);
    expect(catalogueSize).toBeGreaterThan(300);
  });

  it('keys every entry by a lowercase canonical UUID, never the zero AAGUID', () => {
    for (const [aaguid] of entries) {
      expect(aaguid).toMatch(UUID);
      expect(aaguid).not.toBe(ZERO_AAGUID);
    }
  });

  it('has a non-empty, trimmed name for every entry', () => {
    for (const [, name] of entries) {
      expect(typeof name).toBe('string');
      expect(name).not.toBe('');
      expect(name).toBe((name as string).trim());
    }
  });

  it('is sorted by name (case-insensitive), then AAGUID', () => {
    const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const sorted = [...entries].sort(
      ([ka, a], [kb, b]) =>
        cmp((a as string).toLowerCase(), (b as string).toLowerCase()) ||
        cmp(a as string, b as string) ||
        cmp(ka, kb),
    );
    expect(entries.map(([k]) => k)).toEqual(sorted.map(([k]) => k));
  });
});
