import { describeUserAgent as deviceOf } from '@acme/passkey-server';
import { fromPGlite } from '@acme/passkey-store-postgres';
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { sqlActivity } from '../src/server/activity';
import { newPasskey } from '../src/web/activity';
import { activityLabel } from '../src/web/messages';
import {
  browserOf,
  makeAuthenticator,
  makeDemo,
  RELEASE_HOLD_SECONDS,
  registerPasskey,
  signUp,
  stepUp,
} from './helpers';

const WINDOWS_CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

describe('recent security activity', () => {
  it('names the browser and system of a User-Agent as the SDK does, or nothing', () => {
    expect(deviceOf(WINDOWS_CHROME)).toBe('Chrome on Windows');
    expect(deviceOf(IPHONE)).toBe('Safari on iPhone');
    expect(
      deviceOf('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7; rv:128.0) Gecko/20100101 Firefox/128.0'),
    ).toBe('Firefox on Mac');
    for (const unknown of [undefined, '', 'curl/8.0', '\u0000'])
      expect(deviceOf(unknown), String(unknown)).toBeNull();
  });

  it('lists passkeys added, renamed and removed and releases approved, newest first, with time and device', async () => {
    const demo = makeDemo();
    const laptop = browserOf(demo, { userAgent: WINDOWS_CHROME });
    await signUp(laptop);
    const authenticator = makeAuthenticator();
    const first = (await registerPasskey(laptop, authenticator)).json.passkey;
    const addedAt = demo.clock.now().toISOString();
    demo.clock.advance(RELEASE_HOLD_SECONDS);
    expect((await laptop.request('PATCH', `/api/passkeys/${first.id}`, { name: 'Work laptop' })).status).toBe(
      200,
    );
    const order = (await laptop.post('/api/p2p/orders', { amount: '1', asset: 'BTC' })).json.order;
    const release = { orderId: order.id, amount: order.amount, asset: order.asset };
    const phone = browserOf(demo, { userAgent: IPHONE });
    // The same account on a phone (its cookie), verified with the passkey: not an activity line.
    await phone.post('/api/account/login', {
      username: (await laptop.get('/api/account/me')).json.user.username,
      password: 'correct horse battery staple',
    });
    expect((await stepUp(phone, authenticator, 'p2p.release', release)).status).toBe(200);
    expect((await stepUp(phone, authenticator, 'account.verify', {})).status).toBe(200);
    const second = (await registerPasskey(phone, makeAuthenticator())).json.passkey;
    expect((await phone.request('DELETE', `/api/passkeys/${first.id}`, { confirm: true })).status).toBe(200);

    const { activity } = (await laptop.get('/api/account/activity')).json;
    expect(activity).toEqual([
      {
        type: 'passkey.removed',
        at: expect.any(String),
        passkey: { id: first.id, name: 'Work laptop' },
        device: 'Safari on iPhone',
      },
      {
        type: 'passkey.added',
        at: expect.any(String),
        passkey: { id: second.id, name: second.name },
        device: 'Safari on iPhone',
      },
      {
        type: 'release.approved',
        at: expect.any(String),
        passkey: { id: first.id, name: 'Work laptop' },
        device: 'Safari on iPhone',
      },
      {
        type: 'passkey.renamed',
        at: expect.any(String),
        passkey: { id: first.id, name: 'Work laptop' },
        device: 'Chrome on Windows',
      },
      {
        type: 'passkey.added',
        at: addedAt,
        passkey: { id: first.id, name: 'Chrome on Windows' },
        device: 'Chrome on Windows',
      },
    ]);
    // Someone else's activity is their own; signed out, none.
    const other = browserOf(demo);
    await signUp(other);
    expect((await other.get('/api/account/activity')).json).toEqual({ activity: [] });
    expect((await browserOf(demo).get('/api/account/activity')).status).toBe(401);
  });

  it('keeps the activity in PostgreSQL (PGlite), newest first, as many as asked', async () => {
    const db = await PGlite.create();
    try {
      const log = await sqlActivity(fromPGlite(db));
      const at = new Date('2026-03-01T10:00:00Z');
      for (let i = 0; i < 3; i++) {
        await log.add('u_1', {
          type: 'passkey.added',
          at: new Date(at.getTime() + i * 1000),
          passkey: { id: `p${i}`, name: `Key ${i}` },
          device: i === 0 ? null : 'Chrome on Linux',
        });
      }
      await log.add('u_2', {
        type: 'passkey.removed',
        at,
        passkey: { id: 'q', name: 'Other' },
        device: null,
      });
      const recent = await log.recent('u_1', 2);
      expect(recent).toEqual([
        {
          type: 'passkey.added',
          at: new Date(at.getTime() + 2000),
          passkey: { id: 'p2', name: 'Key 2' },
          device: 'Chrome on Linux',
        },
        {
          type: 'passkey.added',
          at: new Date(at.getTime() + 1000),
          passkey: { id: 'p1', name: 'Key 1' },
          device: 'Chrome on Linux',
        },
      ]);
      expect(await log.recent('u_3', 10)).toEqual([]);
    } finally {
      await db.close();
    }
  }, 60_000);

  it('words each line, and points out a new passkey for a day unless waved off or gone', () => {
    const passkey = { id: 'p1', name: 'Laptop' };
    expect(activityLabel({ type: 'passkey.added', passkey })).toBe('Passkey added: “Laptop”');
    expect(activityLabel({ type: 'passkey.removed', passkey })).toBe('Passkey removed: “Laptop”');
    expect(activityLabel({ type: 'passkey.renamed', passkey })).toBe('Passkey renamed to “Laptop”');
    expect(activityLabel({ type: 'release.approved', passkey })).toBe('P2P release approved with “Laptop”');

    const now = new Date('2026-03-02T10:00:00Z');
    const added = { type: 'passkey.added', at: '2026-03-01T10:00:01Z', passkey, device: null } as const;
    const list = [{ id: 'p1' }] as never[];
    expect(newPasskey([added], list, [], now)).toEqual(added);
    // Only the newest addition counts; older lines do not matter.
    const renamed = { ...added, type: 'passkey.renamed' } as const;
    expect(newPasskey([renamed, added], list, [], now)).toEqual(added);
    expect(newPasskey([added], list, ['p1'], now)).toBeNull();
    expect(newPasskey([added], [], [], now)).toBeNull();
    expect(newPasskey([{ ...added, at: '2026-03-01T09:59:59Z' }], list, [], now)).toBeNull();
    expect(newPasskey([], list, [], now)).toBeNull();
  });
});
