import { createMemoryPasskeyStore, type PasskeyStore } from '@acme/passkey-core';
import { describe, expect, it } from 'vitest';
import { createPasskeyHandler } from '../src/index';
import { alice, authenticator, bob, ORIGIN, register, setup } from './helpers';

/** A server where alice has a passkey, bob has none, and "mallory" is no one; store reads counted. */
async function world() {
  const reads: string[] = [];
  const inner = createMemoryPasskeyStore();
  const store: PasskeyStore = {
    ...inner,
    listByUser: (userId) => {
      reads.push(userId);
      return inner.listByUser(userId);
    },
  };
  const s = setup({ store });
  await register(s, authenticator());
  const users: Record<string, { id: string }> = { alice: { id: alice.id }, bob: { id: bob.id } };
  const handle = createPasskeyHandler(s.server, {
    getSession: () => null,
    findUser: (name) => users[name] ?? null,
  });
  const post = async (path: string, body: unknown) => {
    const res = (await handle(
      new Request(`${ORIGIN}/passkeys/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    ))!;
    return {
      status: res.status,
      body: (await res.json()) as Record<string, unknown> & { error?: { code: string } },
    };
  };
  return { s, post, reads };
}

describe('usernames cannot be enumerated', () => {
  it('answers a forged assertion for a named credential alike for every kind of name', async () => {
    const { post } = await world();
    const attacker = authenticator();
    const creation = {
      rp: { id: 'example.com', name: 'x' },
      user: { id: 'AAAA', name: 'm', displayName: 'm' },
    };
    await attacker.create(
      { ...creation, challenge: 'AAAA', pubKeyCredParams: [{ type: 'public-key', alg: -7 }] },
      { origin: ORIGIN },
    );
    const codes: Record<string, unknown> = {};
    for (const username of ['alice', 'bob', 'mallory']) {
      const { body } = await post('login/options', { username });
      const named = (body.options as { allowCredentials: Array<{ id: string }> }).allowCredentials[0]!.id;
      // The attacker's own passkey signs; the response claims the named credential's ID.
      const own = attacker.credentials[0]!.id;
      const options = { ...(body.options as object), allowCredentials: [{ id: own, type: 'public-key' }] };
      const response = await attacker.get(options as never, { origin: ORIGIN, faults: { userHandle: null } });
      const forged = { ...response, id: named, rawId: named };
      const answer = await post('login/verify', { ceremonyId: body.ceremonyId, response: forged });
      codes[username] = [answer.status, answer.body.error?.code];
    }
    expect(codes.bob).toEqual(codes.alice);
    expect(codes.mallory).toEqual(codes.alice);
    expect(codes.alice).toEqual([422, 'VERIFICATION_FAILED']);
  });

  it('answers alike, message included, when the forged assertion carries a user handle', async () => {
    const { post } = await world();
    const attacker = authenticator();
    const creation = {
      rp: { id: 'example.com', name: 'x' },
      user: { id: 'AAAA', name: 'm', displayName: 'm' },
    };
    await attacker.create(
      { ...creation, challenge: 'AAAA', pubKeyCredParams: [{ type: 'public-key', alg: -7 }] },
      { origin: ORIGIN },
    );
    const answers = new Set<string>();
    for (const username of ['alice', 'bob', 'mallory']) {
      const { body } = await post('login/options', { username });
      const named = (body.options as { allowCredentials: Array<{ id: string }> }).allowCredentials[0]!.id;
      const options = {
        ...(body.options as object),
        allowCredentials: [{ id: attacker.credentials[0]!.id, type: 'public-key' }],
      };
      const response = await attacker.get(options as never, {
        origin: ORIGIN,
        faults: { userHandle: 'AAAA' },
      });
      const answer = await post('login/verify', {
        ceremonyId: body.ceremonyId,
        response: { ...response, id: named, rawId: named },
      });
      answers.add(JSON.stringify([answer.status, answer.body]));
    }
    expect(answers.size).toBe(1);
  });

  it('tells nothing through a usernameless ceremony either: real and made-up IDs read the same', async () => {
    const { post } = await world();
    const attacker = authenticator();
    const creation = {
      rp: { id: 'example.com', name: 'x' },
      user: { id: 'AAAA', name: 'm', displayName: 'm' },
    };
    await attacker.create(
      { ...creation, challenge: 'AAAA', pubKeyCredParams: [{ type: 'public-key', alg: -7 }] },
      { origin: ORIGIN },
    );
    const answers = new Set<string>();
    for (const username of ['alice', 'bob', 'mallory']) {
      const named = (
        (await post('login/options', { username })).body.options as {
          allowCredentials: Array<{ id: string }>;
        }
      ).allowCredentials[0]!.id;
      for (const userHandle of [null, 'AAAA']) {
        const { body } = await post('login/options', {});
        const options = {
          ...(body.options as object),
          allowCredentials: [{ id: attacker.credentials[0]!.id, type: 'public-key' }],
        };
        const response = await attacker.get(options as never, { origin: ORIGIN, faults: { userHandle } });
        const answer = await post('login/verify', {
          ceremonyId: body.ceremonyId,
          response: { ...response, id: named, rawId: named },
        });
        answers.add(
          JSON.stringify([username === 'alice', userHandle, answer.status, answer.body]).replace(
            /^\[(true|false),/,
            '[',
          ),
        );
      }
    }
    expect(answers.size).toBe(2);
  });

  it('does the same store work for known and unknown names', async () => {
    const { post, reads } = await world();
    for (const username of ['alice', 'bob', 'mallory']) {
      reads.length = 0;
      await post('login/options', { username });
      expect(reads, username).toHaveLength(1);
    }
  });

  it('gives fake credentials the look of real ones: sorted transports, varied counts', async () => {
    const { post } = await world();
    const counts = new Set<number>();
    for (let i = 0; i < 40; i++) {
      const { body } = await post('login/options', { username: `nobody-${i}` });
      const allow = (body.options as { allowCredentials: Array<{ transports: string[] }> }).allowCredentials;
      counts.add(allow.length);
      for (const c of allow) expect(c.transports).toEqual([...c.transports].sort());
    }
    expect(counts.size).toBeGreaterThan(1);
  });

  it('compares usernames as the app says: spellings of one name answer alike, known or not', async () => {
    const s = setup();
    await register(s, authenticator());
    const users: Record<string, { id: string }> = { alice: { id: alice.id } };
    const handle = createPasskeyHandler(s.server, {
      getSession: () => null,
      normalizeUsername: (u) => u.trim().toLowerCase(),
      findUser: (name) => users[name] ?? null,
    });
    const ids = async (username: string) => {
      const res = (await handle(
        new Request(`${ORIGIN}/passkeys/login/options`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username }),
        }),
      ))!;
      const body = (await res.json()) as { options: { allowCredentials: Array<{ id: string }> } };
      return body.options.allowCredentials.map((c) => c.id).join();
    };
    expect(await ids('ALICE ')).toBe(await ids('alice'));
    expect(await ids(' MALLORY')).toBe(await ids('mallory'));
  });
});
