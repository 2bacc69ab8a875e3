import { createPublicKey, verify } from 'node:crypto';
import { createSoftwareAuthenticator } from '@acme/passkey-testing';
import { describe, expect, inject, it } from 'vitest';
import { browser as client, describeMountedPasskeys } from '../../mount-checks';
import { ORIGIN } from './global-setup';

const base = inject('nextBase');
const skipped = inject('skipReason');

describe.skipIf(skipped !== '')('Next.js App Router (next build, next start)', () => {
  describeMountedPasskeys('Next.js', { base: () => base, origin: ORIGIN });

  const browser = () => client(base, ORIGIN);

  it('routes GET /api/passkeys, the list, to the handler: the optional catch-all', async () => {
    const visitor = await browser().send('GET', '/api/passkeys');
    expect(visitor.status).toBe(401);
    expect(visitor.json.error.code).toBe('NOT_SIGNED_IN');

    const dora = browser();
    expect((await dora.send('POST', '/api/login', { username: 'dora' })).status).toBe(200);
    const list = await dora.send('GET', '/api/passkeys');
    expect(list.status).toBe(200);
    expect(list.json).toMatchObject({ passkeys: [], limit: 10, rpId: 'localhost' });
  });

  it("answers a path under /api/passkeys that the handler does not own with Next's 404", async () => {
    for (const [method, path] of [
      ['GET', '/api/passkeys/some/other/route'],
      ['POST', '/api/passkeys/export/csv'],
      ['GET', '/api/passkeys/register/options/extra'],
    ] as const) {
      const res = await browser().send(method, path, method === 'POST' ? {} : undefined);
      expect(res.status, path).toBe(404);
      expect(res.json, path).toBeNull(); // not the handler's JSON error: Next's notFound()
    }
    // Next's own trailing-slash rule comes first: a redirect to the list, not a 404.
    const slash = await fetch(`${base}/api/passkeys/`, { redirect: 'manual' });
    expect(slash.status).toBe(308);
    expect(slash.headers.get('location')).toBe('/api/passkeys');
  });

  it('refuses an oversized body with 413 while the client is still sending it (no proxy buffers it)', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(16 * 1024));
    const total = 64; // 1 MiB, at a chunk every 20 ms
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent >= total) return controller.close();
        await new Promise((resolve) => setTimeout(resolve, 20));
        sent += 1;
        controller.enqueue(chunk);
      },
    });
    const res = await fetch(`${base}/api/passkeys/login/options`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('BODY_TOO_LARGE');
    expect(sent).toBeLessThan(total);
  });

  it('closes the connection after a 413, so the next request on it is not reset', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(16 * 1024));
    for (let i = 0; i < 10; i++) {
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull: (controller) => (sent++ < 8 ? controller.enqueue(chunk) : controller.close()),
      });
      const refused = await fetch(`${base}/api/passkeys/login/options`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        duplex: 'half',
      } as RequestInit);
      expect(refused.status).toBe(413);
      expect(refused.headers.get('connection')).toBe('close');
      await refused.text();
      // The pool would hand this one the same socket, had the 413 not said "close".
      const next = await browser().send('POST', '/api/passkeys/login/options', {});
      expect(next.status).toBe(200);
    }
  });

  it('a passkey step-up marks the session (onVerified), so a second passkey may be added', async () => {
    const phone = createSoftwareAuthenticator({ attachment: 'platform' });
    const key = createSoftwareAuthenticator({ attachment: 'cross-platform' });
    const erin = browser();
    await erin.send('POST', '/api/login', { username: 'erin' });
    const register = async (authenticator: typeof phone) => {
      const started = await erin.send('POST', '/api/passkeys/register/options', {});
      if (started.status !== 200) return started;
      const response = await authenticator.create(started.json.options, { origin: ORIGIN });
      return erin.send('POST', '/api/passkeys/register/verify', {
        ceremonyId: started.json.ceremonyId,
        response,
      });
    };
    expect((await register(phone)).status).toBe(201); // the first passkey: a password is enough

    const refused = await register(key);
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('STEP_UP_REQUIRED');
    expect(refused.json.error.details.methods).toContain('passkey');

    const started = await erin.send('POST', '/api/passkeys/step-up/options', {
      action: 'account.verify',
      details: {},
    });
    expect(started.status).toBe(200);
    const response = await phone.get(started.json.options, { origin: ORIGIN });
    const verified = await erin.send('POST', '/api/passkeys/step-up/verify', {
      ceremonyId: started.json.ceremonyId,
      response,
    });
    expect(verified.status).toBe(200);

    // Signed with RECEIPT_JWK from the environment: the public half checks it.
    const [header, payload, signature] = (verified.json.receipt as string).split('.') as [
      string,
      string,
      string,
    ];
    const publicKey = createPublicKey({ key: inject('receiptPublicJwk'), format: 'jwk' });
    const signed = Buffer.from(`${header}.${payload}`);
    const sig = Buffer.from(signature, 'base64url');
    expect(verify('sha256', signed, { key: publicKey, dsaEncoding: 'ieee-p1363' }, sig)).toBe(true);
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString()).act).toBe('account.verify');

    expect((await register(key)).status).toBe(201);
    expect((await erin.send('GET', '/api/passkeys')).json.passkeys).toHaveLength(2);
  });

  it('answers its own sign-in route with a JSON 400 for a body that is not JSON', async () => {
    for (const body of ['{"username":', '[]', '{"username":""}', 'null']) {
      const res = await browser().send('POST', '/api/login', body);
      expect(res.status, body).toBe(400);
      expect(res.json.error.code, body).toBe('INVALID_REQUEST');
    }
  });
});
