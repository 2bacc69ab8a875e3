import { describe, expect, it } from 'vitest';
import { toPasskeyView } from '../src/index';
import { samplePasskey } from '../src/testing/index';

describe('toPasskeyView', () => {
  it('shows what an app may show and never the key material or owner handle', () => {
    const p = samplePasskey({ aaguid: 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd', backedUp: true });
    const view = toPasskeyView(p);
    expect(view).toEqual({
      id: p.id,
      name: p.name,
      provider: { name: 'Apple Passwords' },
      createdAt: p.createdAt,
      lastUsedAt: null,
      synced: true,
      deviceType: 'multiDevice',
      transports: p.transports,
      attachment: 'platform',
      prf: p.prf === true,
    });
    const json = JSON.stringify(view);
    for (const secret of ['publicKey', 'userHandle', 'counter', 'userId', 'aaguid', 'algorithm'])
      expect(json).not.toContain(secret);
  });
  it('has no provider for an unknown AAGUID', () => {
    expect(
      toPasskeyView(samplePasskey({ aaguid: '00000000-0000-0000-0000-000000000000' })).provider,
    ).toBeNull();
  });
});
