/**
 * The package's `node` export condition: the same API as the default entry, with the sign-in hot
 * path on node:crypto; the default entry stays on WebCrypto for every other runtime.
 */
import { createMemoryChallengeStore, createMemoryPasskeyStore } from '@acme/passkey-core';
import { describe, expect, it } from 'vitest';
import * as webEntry from '../src/index';
import * as nodeEntry from '../src/index.node';
import { internalsOf } from '../src/server/create-passkey-server';
import { alice, authenticator, ORIGIN, RP_ID } from './helpers';

const config = () => ({
  rp: { id: RP_ID, name: 'Example' },
  origins: [ORIGIN],
  store: createMemoryPasskeyStore(),
  challenges: createMemoryChallengeStore(),
  logger: { warn() {}, error() {} },
});

describe('the node entry', () => {
  it('exports what the default entry exports', () => {
    expect(Object.keys(nodeEntry).sort()).toEqual(Object.keys(webEntry).sort());
  });

  it.each([
    ['default', webEntry.createPasskeyServer, 'webcrypto'],
    ['node', nodeEntry.createPasskeyServer, 'node:crypto'],
  ] as const)('%s entry: registers and signs in on %s', async (_, create, backend) => {
    const server = create(config());
    expect(internalsOf(server).ctx.verifier.backend.name).toBe(backend);
    const auth = authenticator({ algorithm: 'EdDSA' });
    const reg = await server.startRegistration({ user: alice, lastVerifiedAt: new Date() });
    await server.finishRegistration({
      ceremonyId: reg.ceremonyId,
      userId: alice.id,
      response: await auth.create(reg.options, { origin: ORIGIN }),
    });
    const login = await server.startAuthentication();
    const response = await auth.get(login.options, { origin: ORIGIN });
    await expect(
      server.finishAuthentication({ ceremonyId: login.ceremonyId, response }),
    ).resolves.toMatchObject({
      userId: alice.id,
    });
  });
});
