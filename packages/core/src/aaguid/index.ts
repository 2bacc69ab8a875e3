/**
 * AAGUID → provider name, from the community list (see ./SOURCE.md): passkey providers
 * (password managers, platform authenticators) and security keys. Only names are kept; the
 * data lives in ./catalogue.json, keyed by lowercase AAGUID.
 */
import catalogue from './catalogue.json';

const names: Readonly<Record<string, string>> = catalogue;

/** The all-zero AAGUID: authenticators that do not disclose their model (e.g. with attestation `none`). */
export const ZERO_AAGUID = '00000000-0000-0000-0000-000000000000';

/** Provider name for an AAGUID (any letter case), or null when unknown or zero. */
export function providerName(aaguid: string | null | undefined): string | null {
  if (typeof aaguid !== 'string') return null;
  const key = aaguid.trim().toLowerCase();
  if (key === ZERO_AAGUID || !Object.hasOwn(names, key)) return null;
  return names[key] ?? null;
}

/** Number of entries in the catalogue. */
export const catalogueSize: number = Object.keys(names).length;
