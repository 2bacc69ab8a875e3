import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createDemoApp } from '../src/server/app';
import { readConfig } from '../src/server/config';
import { makeDemo } from './helpers';

const webDir = fileURLToPath(new URL('../src/web', import.meta.url));

describe('/.well-known/passkey-endpoints', () => {
  it('sends password managers to the page where a passkey is added and where passkeys are managed', async () => {
    const { app } = createDemoApp({ config: readConfig({ PORT: '3000' }), webDir });
    const res = await app.request('/.well-known/passkey-endpoints');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({
      enroll: 'http://localhost:3000/security/passkeys/new',
      manage: 'http://localhost:3000/security',
    });
    // Both are the page itself, which opens "Add a passkey" or the Security center there.
    const page = await (await app.request('/')).text();
    for (const path of ['/security', '/security/passkeys/new']) {
      const answer = await app.request(path);
      expect(answer.status, path).toBe(200);
      expect(await answer.text()).toBe(page);
    }
  });

  it('follows the configured origin', async () => {
    const https = makeDemo({}, { RP_ID: 'demo.example', ORIGIN: 'https://demo.example' });
    expect(await (await https.app.request('/.well-known/passkey-endpoints')).json()).toEqual({
      enroll: 'https://demo.example/security/passkeys/new',
      manage: 'https://demo.example/security',
    });
  });

  it('has no related origins document: the demo has one origin', async () => {
    const { app } = makeDemo();
    expect((await app.request('/.well-known/webauthn')).status).toBe(404);
    expect((await app.request('/.well-known/passkey-endpoints', { method: 'POST' })).status).toBe(404);
  });
});
