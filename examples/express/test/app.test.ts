import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browser as client, describeMountedPasskeys } from '../../mount-checks';
import { createApp } from '../src/app';

const ORIGIN = 'http://localhost:3001'; // what the browser's page would send; the server listens elsewhere
const app = createApp({ rpId: 'localhost', origin: ORIGIN });
// A route of the app's own below the passkey mount: it must get what the handler passes on, body intact.
app.post('/api/passkeys/export/csv', express.json(), (req, res) => {
  res.status(202).json({ received: req.body });
});
let server: ReturnType<typeof app.listen>;
let base = '';

beforeAll(async () => {
  server = await new Promise((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', (error) => (error ? reject(error) : resolve(s)));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describeMountedPasskeys('Express', { base: () => base, origin: ORIGIN });

describe('Express’s own routes around the mount', () => {
  const browser = () => client(base, ORIGIN);

  it("passes a route that is not the handler's on to Express, body unread", async () => {
    const unknown = await browser().send('GET', '/api/passkeys/some/other/route');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^text\/html/);
    expect(unknown.text).toContain('Cannot GET /api/passkeys/some/other/route');

    const own = await browser().send('POST', '/api/passkeys/export/csv', { format: 'csv' });
    expect(own.status).toBe(202);
    expect(own.json).toEqual({ received: { format: 'csv' } });
  });

  it('answers its own errors as JSON without a stack trace: 400 for a body that is not JSON', async () => {
    const res = await browser().send('POST', '/api/login', '{"username":');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.json.error.code).toBe('INVALID_REQUEST');
    expect(res.text).not.toMatch(/\bat \S+ \(|SyntaxError/);
  });
});
