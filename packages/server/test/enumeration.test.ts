import { createMemoryPasskeyStore, type PasskeyStore } from '@acme/passkey-core';
import { describe, expect, it } from 'vitest';
import { createPasskeyHandler, type PasskeyServerConfig } from '../src/index';
import { alice, authenticator, bob, ORIGIN, register, setup } from './helpers';

type Options = {
  ceremonyId: string;
  options: { allowCredentials: Array<{ id: string; transports?: string[] }> };
};

/**
 * A server that answers typed usernames with credential IDs (`usernameSignIn:
 * 'allow-credentials'`), where alice has a passkey, bob has none, and "mallory" is no one (store
 * reads counted), and an attacker with a passkey of their own to sign forged assertions.
 */
async function world(config: Partial<PasskeyServerConfig> = {}) {
  const reads: string[] = [];
  const inner = createMemoryPasskeyStore();
  const store: PasskeyStore = {
    ...inner,
    listByUser: (userId) => {
      reads.push(userId);
      return inner.listByUser(userId);
    },
  };
  const users: Record<string, { id: string }> = { alice: { id: alice.id }, bob: { id: bob.id } };
  const s = setup({
    store,
    findUser: (name) => users[name] ?? null,
    policy: { usernameSignIn: 'allow-credentials' },
    ...config,
  });
  await register(s, authenticator());
  const handle = createPasskeyHandler(s.server, { getSession: () => null });
  const post = async (path: string, body: unknown) => {
    const init = {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    };
    const res = (await handle(new Request(`${ORIGIN}/passkeys/${path}`, init)))!;
    return { status: res.status, body: (await res.json()) as Record<string, unknown> & Partial<Options> };
  };
  const loginOptions = async (body: object) => (await post('login/options', body)).body as Options;

  const attacker = authenticator();
  const rp = { id: 'example.com', name: 'x' };
  const user = { id: 'AAAA', name: 'm', displayName: 'm' };
  await attacker.create(
    { rp, user, challenge: 'AAAA', pubKeyCredParams: [{ type: 'public-key', alg: -7 }] },
    { origin: ORIGIN },
  );
  /** Signs `ceremony`'s challenge with the attacker's key and claims the credential ID `named`. */
  const forge = async (ceremony: Options, named: string, userHandle: string | null) => {
    const allowCredentials = [{ id: attacker.credentials[0]!.id, type: 'public-key' }];
    const options = { ...ceremony.options, allowCredentials };
    const response = await attacker.get(options as never, { origin: ORIGIN, faults: { userHandle } });
    const answer = await post('login/verify', {
      ceremonyId: ceremony.ceremonyId,
      response: { ...response, id: named, rawId: named },
    });
    return JSON.stringify([answer.status, answer.body]);
  };
  return { post, loginOptions, forge, reads, attacker, s };
}

const NAMES = ['alice', 'bob', 'mallory'];

describe('usernames cannot be enumerated', () => {
  it('answers a forged assertion for a named credential alike for every kind of name', async () => {
    const { loginOptions, forge } = await world();
    for (const userHandle of [null, 'AAAA']) {
      const answers = new Set<string>();
      for (const username of NAMES) {
        const ceremony = await loginOptions({ username });
        answers.add(await forge(ceremony, ceremony.options.allowCredentials[0]!.id, userHandle));
      }
      expect([...answers], `userHandle ${userHandle}`).toHaveLength(1);
      expect(JSON.parse([...answers][0]!)).toMatchObject([422, { error: { code: 'VERIFICATION_FAILED' } }]);
    }
  });

  it('tells nothing through a usernameless ceremony either: real and made-up IDs read the same', async () => {
    const { loginOptions, forge } = await world();
    for (const userHandle of [null, 'AAAA']) {
      const answers = new Set<string>();
      for (const username of NAMES) {
        const named = (await loginOptions({ username })).options.allowCredentials[0]!.id;
        answers.add(await forge(await loginOptions({}), named, userHandle));
      }
      expect([...answers], `userHandle ${userHandle}`).toHaveLength(1);
    }
  });

  it('does the same store work for known and unknown names', async () => {
    const { loginOptions, reads } = await world();
    for (const username of NAMES) {
      reads.length = 0;
      await loginOptions({ username });
      expect(reads, username).toHaveLength(1);
    }
  });

  it('gives fake credentials the look of real ones: sorted transports, varied counts', async () => {
    const { loginOptions } = await world();
    const counts = new Set<number>();
    for (let i = 0; i < 40; i++) {
      const allow = (await loginOptions({ username: `nobody-${i}` })).options.allowCredentials;
      counts.add(allow.length);
      for (const c of allow) expect(c.transports).toEqual([...(c.transports ?? [])].sort());
    }
    expect(counts.size).toBeGreaterThan(1);
  });

  it('gives fake credential IDs the lengths real ones have, long ones random to their last byte', async () => {
    const { loginOptions } = await world();
    const ids: Buffer[] = [];
    for (let i = 0; i < 40; i++) {
      const allow = (await loginOptions({ username: `nobody-${i}` })).options.allowCredentials;
      ids.push(...allow.map((c) => Buffer.from(c.id, 'base64url')));
    }
    const lengths = new Set(ids.map((id) => id.length));
    expect([...lengths].sort((a, b) => a - b)).toEqual([16, 20, 32, 48, 64]);
    // Past the first 32 bytes (one HMAC), the rest of a long ID is its own: never zeros, never
    // shared with another ID, never a copy of its own first bytes.
    const tails = ids.filter((id) => id.length > 32).map((id) => id.subarray(32));
    expect(tails.length).toBeGreaterThan(10);
    for (const tail of tails) expect(tail.some((b) => b !== 0)).toBe(true);
    expect(new Set(tails.map((t) => t.toString('hex'))).size).toBe(tails.length);
    for (const id of ids.filter((x) => x.length > 32)) {
      expect(id.subarray(32).equals(id.subarray(0, id.length - 32))).toBe(false);
    }
  });

  it('compares usernames as the app says: spellings of one name answer alike, known or not', async () => {
    const { loginOptions } = await world({ normalizeUsername: (u) => u.trim().toLowerCase() });
    const ids = async (username: string) =>
      (await loginOptions({ username })).options.allowCredentials.map((c) => c.id).join();
    expect(await ids('ALICE ')).toBe(await ids('alice'));
    expect(await ids(' MALLORY')).toBe(await ids('mallory'));
  });
});
