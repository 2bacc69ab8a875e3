import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../src/server/lock';
import { SECRET_FILE } from '../src/server/secret';
import { chromePath, hasChromium } from './support/browser';
import { freePort, newDataDir, runDemoToExit, startDemo } from './support/demo-server';
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
        // Printed right after the URL, possibly in a later chunk of output.
        await expect.poll(() => demo.output()).toMatch(/storage: /);
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
      // The passkey server's secret was made once, kept for its owner only, and given to the SDK.
      const secretFile = path.join(dir, SECRET_FILE);
      const secret = readFileSync(secretFile, 'utf8');
      expect(statSync(secretFile).mode & 0o777).toBe(0o600);
      expect(first.output()).not.toContain('no secret configured');

      const second = await startDemo({ DEMO_DATA_DIR: dir });
      expect(readFileSync(secretFile, 'utf8')).toBe(secret);
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

  it('refuses to start on a data folder another demo has open, and says why', async () => {
    const dir = newDataDir();
    try {
      const first = await startDemo({ DEMO_DATA_DIR: dir });
      try {
        const pid = String(first.process.pid);
        const second = await runDemoToExit({ DEMO_DATA_DIR: dir, PORT: String(await freePort()) });
        expect(second.code).toBe(1);
        expect(second.output).toContain(
          `demo: cannot open the storage: ${dir} is in use by another demo (pid ${pid}). Stop that one first, or give this one its own folder with DEMO_DATA_DIR=<folder>.`,
        );
        // The first one is untouched.
        expect((await fetch(`${first.url}/api/config`)).status).toBe(200);
      } finally {
        expect(await first.stop('SIGINT')).toBe(0);
      }
      // Stopped cleanly, it freed the folder.
      const again = await startDemo({ DEMO_DATA_DIR: dir });
      expect(await again.stop('SIGTERM')).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says how to choose another port when its port is taken, and frees its data folder', async () => {
    const port = await freePort();
    const taken = createServer().listen(port);
    await new Promise((resolve) => taken.once('listening', resolve));
    const dir = newDataDir();
    try {
      const demo = await runDemoToExit({ DEMO_DATA_DIR: dir, PORT: String(port) });
      expect(demo.code).toBe(1);
      expect(demo.output).toContain(`demo: cannot listen on port ${port}: listen EADDRINUSE`);
      expect(demo.output).toContain(`set PORT to use another port, e.g. PORT=${port + 1} pnpm demo`);
      expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    } finally {
      taken.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
