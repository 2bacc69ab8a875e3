import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chromePath, hasChromium } from './support/browser';
import { newDataDir, startDemo } from './support/demo-server';
import { skipReason } from './support/suite';

describe('the built demo server', () => {
  it('runs in Chromium, or says why the browser tests are skipped', () => {
    if (hasChromium()) expect(skipReason).toBe('');
    else expect(skipReason).toContain(chromePath());
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`prints its URL and storage, serves the page, and stops cleanly on ${signal}`, async () => {
      const demo = await startDemo();
      try {
        expect(demo.output()).toContain(`Passkey demo on ${demo.url}`);
        expect(demo.output()).toMatch(/storage: /);
        const page = await fetch(demo.url);
        expect(page.status).toBe(200);
        expect(await page.text()).toContain('autocomplete="username webauthn"');
        const script = await fetch(`${demo.url}/app.js`);
        expect(script.headers.get('content-type')).toMatch(/javascript/);
      } finally {
        expect(await demo.stop(signal)).toBe(0);
      }
      expect(demo.output()).toContain(`${signal}: stopping`);
    });
  }

  it('keeps accounts in its PGlite database across a restart', async () => {
    const dir = newDataDir();
    const account = { username: 'restart.check', password: 'correct horse battery staple' };
    const post = (url: string, path: string) =>
      fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(account),
      });
    try {
      const first = await startDemo({ DEMO_DATA_DIR: dir });
      expect(first.output()).toContain('PGlite');
      expect((await post(first.url, '/api/account/signup')).status).toBe(201);
      expect(await first.stop('SIGINT')).toBe(0);

      const second = await startDemo({ DEMO_DATA_DIR: dir });
      try {
        expect((await post(second.url, '/api/account/login')).status).toBe(200);
        expect((await post(second.url, '/api/account/signup')).status).toBe(409);
      } finally {
        expect(await second.stop('SIGTERM')).toBe(0);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
