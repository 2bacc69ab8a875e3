/**
 * A body the client cuts off (an upload aborted mid-way, a chunked body that never ends cleanly)
 * reaches the Fetch handler as a body stream that errors. It is the client's doing: a 400
 * INVALID_REQUEST, as the Node adapter already answers, not a 500 and an error in the log.
 */
import { describe, expect, it } from 'vitest';
import { BASE, expectError, httpSetup } from '../http-helpers';
import { ROUTES } from './routes';

const cutOff = () =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"a":'));
      controller.error(new TypeError('terminated'));
    },
  });

describe('a body cut off by the client', () => {
  it.each(ROUTES.filter((r) => r.method !== 'GET').map((r) => [`${r.method} ${r.name}`, r] as const))(
    '%s: 400 INVALID_REQUEST, nothing logged',
    async (_, route) => {
      const h = httpSetup();
      const path =
        route.name === 'rename' || route.name === 'remove' ? `${BASE}/some-id` : `${BASE}/${route.name}`;
      const response = await h.send({
        method: route.method,
        path,
        raw: cutOff(),
        headers: { 'content-type': 'application/json' },
      });
      await expectError(response, 'INVALID_REQUEST');
      expect(h.logged).toEqual([]);
    },
  );
});
