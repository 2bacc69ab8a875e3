import { describe, expect, it } from 'vitest';
import {
  alice,
  authenticator,
  BASE,
  carol,
  type HttpSetup,
  httpSetup,
  jsonOf,
  registerOverHttp,
  SECRET,
} from './http-helpers';

/**
 * With `usernameSignIn: 'allow-credentials'`, login/options for an unknown name answers with the
 * same shape as for a known user: allowCredentials of deterministic fake IDs (HMAC of the name
 * under the server's `secret`), never an empty list that gives the name away; a known user
 * without passkeys gets fakes too.
 */
const ALLOW = { policy: { usernameSignIn: 'allow-credentials' as const } };

interface Descriptor {
  id: string;
  type: string;
  transports: string[];
}
interface RequestOptions {
  challenge: string;
  allowCredentials: Descriptor[];
  [key: string]: unknown;
}

const TRANSPORTS = ['ble', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb'];

async function optionsFor(h: HttpSetup, username: string): Promise<RequestOptions> {
  const res = await h.send({ path: `${BASE}/login/options`, body: { username } });
  expect(res.status).toBe(200);
  const body = await jsonOf(res);
  expect(Object.keys(body).sort()).toEqual(['ceremonyId', 'options']);
  return body.options as RequestOptions;
}

const ids = (o: RequestOptions) => o.allowCredentials.map((c) => c.id);

describe('login/options for unknown usernames', () => {
  const unknown = ['nobody@example.com', 'mallory', 'x', 'Ünïcödé@例え.jp', 'a'.repeat(256)];

  it.each([...unknown, carol.name])('%s: the same shape as a known user’s answer', async (username) => {
    const h = httpSetup({ config: ALLOW });
    await registerOverHttp(h, authenticator(), h.signIn(alice));
    const known = await optionsFor(h, alice.name);
    const fake = await optionsFor(h, username);
    expect(Object.keys(fake).sort()).toEqual(Object.keys(known).sort());
    expect(fake).toMatchObject({
      rpId: known.rpId,
      timeout: known.timeout,
      userVerification: known.userVerification,
    });
    expect(fake.challenge).toHaveLength(known.challenge.length);
    expect(fake.allowCredentials.length).toBeGreaterThanOrEqual(1);
    expect(fake.allowCredentials.length).toBeLessThanOrEqual(10);
    for (const c of fake.allowCredentials) {
      expect(Object.keys(c).sort()).toEqual(['id', 'transports', 'type']);
      expect(c.type).toBe('public-key');
      // Realistic credential IDs: 16 to 64 bytes of base64url (22 to 86 characters).
      expect(c.id).toMatch(/^[A-Za-z0-9_-]{22,86}$/);
      expect(c.transports.length).toBeGreaterThan(0);
      for (const t of c.transports) expect(TRANSPORTS).toContain(t);
    }
  });

  it.each([...unknown, carol.name])(
    '%s: the same IDs every time (deterministic), a new challenge',
    async (username) => {
      const h = httpSetup({ config: ALLOW });
      const first = await optionsFor(h, username);
      const second = await optionsFor(h, username);
      expect(second.allowCredentials).toEqual(first.allowCredentials);
      expect(second.challenge).not.toBe(first.challenge);
    },
  );

  it('different names get different IDs', async () => {
    const h = httpSetup({ config: ALLOW });
    const seen = new Set<string>();
    const names = [...unknown, carol.name, 'nobody@example.org', 'nobody@example.co'];
    for (const name of names) {
      const key = ids(await optionsFor(h, name)).join(',');
      expect(seen.has(key), name).toBe(false);
      seen.add(key);
    }
  });

  it('fake IDs are never a real passkey’s', async () => {
    const h = httpSetup({ config: ALLOW });
    const { passkey } = await registerOverHttp(h, authenticator(), h.signIn(alice));
    for (const name of unknown) expect(ids(await optionsFor(h, name))).not.toContain(passkey.id);
  });

  it('two servers with the same secret answer an unknown name identically (several instances)', async () => {
    const a = httpSetup({ config: { ...ALLOW, secret: SECRET } });
    const b = httpSetup({ config: { ...ALLOW, secret: SECRET } });
    for (const name of [...unknown, carol.name]) {
      expect((await optionsFor(b, name)).allowCredentials).toEqual(
        (await optionsFor(a, name)).allowCredentials,
      );
    }
  });

  it('servers with different secrets answer differently', async () => {
    const a = httpSetup({ config: { ...ALLOW, secret: SECRET } });
    const b = httpSetup({ config: { ...ALLOW, secret: 'another-secret-of-32-characters!' } });
    const c = httpSetup({
      config: { ...ALLOW, secret: new TextEncoder().encode('yet-another-secret-bytes') },
    });
    for (const name of [...unknown, carol.name]) {
      const [x, y, z] = [
        ids(await optionsFor(a, name)),
        ids(await optionsFor(b, name)),
        ids(await optionsFor(c, name)),
      ];
      expect(y).not.toEqual(x);
      expect(z).not.toEqual(x);
      expect(z).not.toEqual(y);
      for (const id of y) expect(x).not.toContain(id);
    }
  });

  it('a server without a configured secret still answers deterministically within the process', async () => {
    const h = httpSetup({ config: { ...ALLOW, secret: undefined } });
    expect(ids(await optionsFor(h, 'nobody'))).toEqual(ids(await optionsFor(h, 'nobody')));
  });

  it('a known user’s answer changes when they add a passkey; an unknown name’s does not', async () => {
    const h = httpSetup({ config: ALLOW });
    const before = ids(await optionsFor(h, alice.name));
    const other = ids(await optionsFor(h, 'nobody'));
    const { passkey } = await registerOverHttp(h, authenticator(), h.signIn(alice));
    expect(ids(await optionsFor(h, alice.name))).toEqual([passkey.id]);
    expect(before).not.toContain(passkey.id);
    expect(ids(await optionsFor(h, 'nobody'))).toEqual(other);
  });
});
