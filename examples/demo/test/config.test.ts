import { describe, expect, it } from 'vitest';
import { readConfig } from '../src/server/config';

describe('configuration from the environment', () => {
  it('defaults to port 3000 on localhost', () => {
    expect(readConfig({})).toEqual({
      port: 3000,
      rpId: 'localhost',
      origin: 'http://localhost:3000',
      stepUpMaxAgeSeconds: 300,
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
  });
});
