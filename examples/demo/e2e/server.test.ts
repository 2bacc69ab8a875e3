import { describe, expect, it } from 'vitest';
import { chromePath, hasChromium } from './support/browser';
import { startDemo } from './support/demo-server';
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
});
