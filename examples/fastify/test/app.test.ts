import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browser as client, describeMountedPasskeys } from '../../mount-checks';
import { createApp } from '../src/app';

const ORIGIN = 'http://localhost:3002'; // what the browser's page would send; the server listens elsewhere
const app = createApp({ rpId: 'localhost', origin: ORIGIN });
let base = '';

beforeAll(async () => {
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await app.close();
});

describeMountedPasskeys('Fastify', { base: () => base, origin: ORIGIN });

describe('Fastify’s own routes around the mount', () => {
  const browser = () => client(base, ORIGIN);

  it("leaves a route that is not the handler's to Fastify's 404", async () => {
    const unknown = await browser().send('GET', '/api/passkeys/some/other/route');
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual({
      message: 'Route GET:/api/passkeys/some/other/route not found',
      error: 'Not Found',
      statusCode: 404,
    });
  });

  it("keeps Fastify's JSON parser on the app's other routes", async () => {
    const login = await browser().send('POST', '/api/login', 'not json');
    expect(login.status).toBe(400);
    expect(login.json.code).toBe('FST_ERR_CTP_INVALID_JSON_BODY');
  });
});
