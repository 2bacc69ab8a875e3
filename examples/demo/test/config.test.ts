import { describe, expect, it } from 'vitest';
import { listenErrorMessage, readConfig } from '../src/server/config';

describe('configuration from the environment', () => {
  it('defaults to port 3000 on localhost', () => {
    expect(readConfig({})).toEqual({
      port: 3000,
      rpId: 'localhost',
      origin: 'http://localhost:3000',
      stepUpMaxAgeSeconds: 300,
      releaseHoldSeconds: 60,
      testRoutes: false,
    });
  });

  it('derives the origin from PORT, and takes RP_ID, ORIGIN and the freshness window', () => {
    expect(readConfig({ PORT: '8080' }).origin).toBe('http://localhost:8080');
    expect(
      readConfig({
        PORT: '8080',
        RP_ID: 'example.com',
        ORIGIN: 'https://example.com/',
        PASSKEY_STEP_UP_MAX_AGE_SECONDS: '60',
      }),
    ).toMatchObject({ rpId: 'example.com', origin: 'https://example.com', stepUpMaxAgeSeconds: 60 });
  });

  it('refuses values that are not integers in range', () => {
    for (const PORT of ['x', '-1', '70000', '1.5']) expect(() => readConfig({ PORT })).toThrow(/PORT/);
    expect(() => readConfig({ PASSKEY_STEP_UP_MAX_AGE_SECONDS: '0' })).toThrow(/PASSKEY_STEP_UP/);
    for (const DEMO_RELEASE_HOLD_SECONDS of ['-1', '1.5', 'soon', String(31 * 86_400)]) {
      expect(() => readConfig({ DEMO_RELEASE_HOLD_SECONDS })).toThrow(/DEMO_RELEASE_HOLD_SECONDS/);
    }
  });

  it('takes the release hold, 0 turning it off', () => {
    expect(readConfig({ DEMO_RELEASE_HOLD_SECONDS: '0' }).releaseHoldSeconds).toBe(0);
    expect(readConfig({ DEMO_RELEASE_HOLD_SECONDS: '86400' }).releaseHoldSeconds).toBe(86_400);
  });

  it('says how to choose another port when the port is taken', () => {
    const inUse = Object.assign(new Error('listen EADDRINUSE: address already in use :::3000'), {
      code: 'EADDRINUSE',
    });
    expect(listenErrorMessage(3000, inUse)).toBe(
      'demo: cannot listen on port 3000: listen EADDRINUSE: address already in use :::3000\n' +
        'set PORT to use another port, e.g. PORT=3001 pnpm demo',
    );
    expect(listenErrorMessage(8080, inUse)).toMatch(/e\.g\. PORT=8081 pnpm demo$/);
    const denied = Object.assign(new Error('listen EACCES: permission denied 0.0.0.0:80'), {
      code: 'EACCES',
    });
    expect(listenErrorMessage(80, denied)).toMatch(
      /\nset PORT to use another port, e\.g\. PORT=3001 pnpm demo$/,
    );
    expect(listenErrorMessage(3000, new Error('something else'))).toBe(
      'demo: cannot listen on port 3000: something else',
    );
  });
});
