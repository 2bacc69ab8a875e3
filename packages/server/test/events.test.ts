import type { PasskeyEvent } from '@acme/passkey-core';
import { describe, expect, it } from 'vitest';
import { alice, authenticator, register, setup } from './helpers';
import { BASE, httpSetup, registerOverHttp } from './http-helpers';

const UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36';

function recording(config: Parameters<typeof httpSetup>[0] = {}) {
  const events: PasskeyEvent[] = [];
  const h = httpSetup({ ...config, config: { ...config.config, onEvent: (e) => void events.push(e) } });
  return { h, events };
}

describe('events an app can notify its users from', () => {
  it('passkey.registered and passkey.removed carry the passkey as the user knows it, never key material', async () => {
    const s = setup();
    const kept = await register(s, authenticator());
    s.advance(1);
    // The second of two: the event carries the passkey removed, not the first one listed.
    const view = await register(s, authenticator());
    await s.server.remove(alice.id, view.id, {
      lastVerifiedAt: s.clock.now,
      lastVerifiedWith: 'passkey',
      confirm: true,
    });
    const registered = s.events.filter((e) => e.type === 'passkey.registered');
    const removed = s.events.find((e) => e.type === 'passkey.removed');
    expect(registered.map((e) => e.passkey)).toEqual([kept, view]);
    expect(removed?.passkey).toEqual(view);
    expect(removed).not.toHaveProperty('recovery');
    const printed = JSON.stringify(s.events);
    for (const secret of ['publicKey', 'userHandle', 'challenge', 'signature', 'counter'])
      expect(printed).not.toContain(secret);
  });

  it('step_up.verified names the action the passkey approved', async () => {
    const { h, events } = recording();
    const auth = authenticator();
    const token = h.signIn(alice);
    await registerOverHttp(h, auth, token);
    const opts = await (
      await h.send({
        path: `${BASE}/step-up/options`,
        body: { action: 'p2p.release', details: { orderId: '1' } },
        token,
      })
    ).json();
    const response = await auth.get(opts.options, { origin: 'https://example.com' });
    await h.send({ path: `${BASE}/step-up/verify`, body: { ceremonyId: opts.ceremonyId, response }, token });
    expect(events.find((e) => e.type === 'step_up.verified')).toMatchObject({
      action: 'p2p.release',
      userId: alice.id,
    });
  });

  it('through the handler, events carry the request’s User-Agent by default', async () => {
    const { h, events } = recording();
    const token = h.signIn(alice);
    const start = await h.send({
      path: `${BASE}/register/options`,
      body: {},
      token,
      headers: { 'user-agent': UA },
    });
    const { ceremonyId, options } = await start.json();
    const response = await authenticator().create(options, { origin: 'https://example.com' });
    await h.send({
      path: `${BASE}/register/verify`,
      body: { ceremonyId, response },
      token,
      headers: { 'user-agent': UA },
    });
    expect(events.find((e) => e.type === 'passkey.registered')?.context).toEqual({ userAgent: UA });
  });

  it('takes what the app’s clientInfo says (e.g. the IP its proxy sets), keeping only ip and userAgent', async () => {
    const { h, events } = recording({
      handler: {
        clientInfo: (request) =>
          ({
            ip: request.headers.get('x-real-ip') ?? undefined,
            userAgent: 'App/1.0',
            cookie: 'secret',
          }) as never,
      },
    });
    const token = h.signIn(alice);
    await registerOverHttp(h, authenticator(), token);
    const renamed = await h.send({
      method: 'PATCH',
      path: `${BASE}/${(await h.server.list(alice.id)).passkeys[0]?.id}`,
      body: { name: 'Laptop' },
      token,
      headers: { 'x-real-ip': '203.0.113.9' },
    });
    expect(renamed.status).toBe(200);
    expect(events.find((e) => e.type === 'passkey.renamed')?.context).toEqual({
      ip: '203.0.113.9',
      userAgent: 'App/1.0',
    });
  });

  it('events raised outside the handler carry no context', async () => {
    const s = setup();
    await register(s, authenticator());
    expect(s.events.every((e) => e.context === undefined)).toBe(true);
  });
});
