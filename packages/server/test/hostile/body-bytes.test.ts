/**
 * Hostile bodies on every route that reads one: raw bytes under any Content-Type and charset,
 * and bodies at and past the size limit in arbitrary chunks with a true, false or missing
 * Content-Length. See check.ts for what must hold besides the codes asserted here.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toRequest } from '../http-helpers';
import { runs, sendChecked, useWorld } from './check';
import { BODY_ROUTES, type Route } from './routes';
import { headerText } from './values';
import { TOKENS, tokenOf, type World } from './world';

/** The handler's default `maxBodyBytes`. */
const LIMIT = 64 * 1024;
/** What the protocol calls JSON: `application/json`, any parameters. */
const JSON_TYPE = /^application\/json\s*(;|$)/i;

let w: World;
useWorld('body-bytes', (world) => {
  w = world;
});

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json;charset=UTF-16',
  'application/json; charset=latin1',
  'APPLICATION/JSON',
  'application/json;',
  'application/jsonx',
  'application/json-patch+json',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'text/plain',
  'text/json',
  '*/*',
  '',
];

const encode = (text: string, charset: string): Uint8Array<ArrayBuffer> =>
  charset === 'utf-8'
    ? new TextEncoder().encode(text)
    : charset === 'bom'
      ? new TextEncoder().encode(`\uFEFF${text}`)
      : new Uint8Array(Buffer.from(text, charset === 'utf-16le' ? 'utf16le' : 'latin1'));

/** Random bytes, or the route's valid body in another encoding, or with bytes after it. */
const bodyBytes = (route: Route): fc.Arbitrary<Uint8Array<ArrayBuffer>> =>
  fc.oneof(
    fc.uint8Array({ maxLength: 512 }).map((b) => new Uint8Array(b)),
    fc
      .constantFrom('utf-16le', 'latin1', 'bom', 'utf-8')
      .map((charset) => encode(JSON.stringify(route.valid(w)), charset)),
    fc
      .uint8Array({ minLength: 1, maxLength: 8 })
      .map((tail) => new Uint8Array([...encode(JSON.stringify(route.valid(w)), 'utf-8'), ...tail])),
  );

/** The bytes as a stream, cut at arbitrary places. */
function chunked(bytes: Uint8Array, cuts: number[]): ReadableStream<Uint8Array> {
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces = [...at, bytes.length].map((end, i) => bytes.slice(i === 0 ? 0 : at[i - 1], end));
  return new ReadableStream({
    pull(controller) {
      const next = pieces.shift();
      if (next === undefined) controller.close();
      else controller.enqueue(next);
    },
  });
}

/** The route's valid body padded with spaces to `size` bytes (or as it is, when longer). */
function padded(route: Route, size: number): Uint8Array {
  const text = JSON.stringify(route.valid(w));
  return new TextEncoder().encode(
    text.length >= size ? text : `${text.slice(0, -1)}${' '.repeat(size - text.length)}}`,
  );
}

const each = BODY_ROUTES.map((r) => [`${r.method} ${r.name}`, r] as const);

describe('hostile bodies on every route that reads one', () => {
  it.each(each)('%s: raw bytes under any Content-Type', async (_, route) => {
    await fc.assert(
      fc.asyncProperty(
        bodyBytes(route),
        fc.oneof(fc.constantFrom(...CONTENT_TYPES), headerText()),
        fc.constantFrom(...TOKENS),
        async (raw, type, t) => {
          const headers = { 'content-type': type };
          const token = tokenOf(w, t);
          const request = toRequest({ method: route.method, path: route.path(w), raw, headers, token });
          const answer = await sendChecked(w, route, request);
          // As the server reads it: Fetch trims the whitespace around a header value.
          const sentType = request.headers.get('content-type') ?? '';
          if (raw.length > 0 && !JSON_TYPE.test(sentType))
            expect(answer?.code).toBe('UNSUPPORTED_MEDIA_TYPE');
        },
      ),
      { numRuns: runs(100) },
    );
  });

  it.each(each)('%s: bodies at and past the limit, in any chunks, any Content-Length', async (_, route) => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.constantFrom(LIMIT - 1, LIMIT, LIMIT + 1, 2 * LIMIT),
          fc.integer({ min: 0, max: 3 * LIMIT }),
        ),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.constantFrom('true', 'none', 'too small', 'too large'),
        async (size, cuts, claim) => {
          const bytes = padded(route, size);
          const length = {
            true: `${bytes.length}`,
            none: null,
            'too small': '10',
            'too large': `${10 * LIMIT}`,
          }[claim];
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (length !== null) headers['content-length'] = length;
          const raw = chunked(bytes, cuts);
          const request = toRequest({
            method: route.method,
            path: route.path(w),
            raw,
            headers,
            token: w.fresh,
          });
          const answer = await sendChecked(w, route, request);
          const tooLarge = bytes.length > LIMIT || Number(length ?? 0) > LIMIT;
          expect(answer?.code === 'BODY_TOO_LARGE', answer?.text).toBe(tooLarge);
        },
      ),
      { numRuns: runs(60) },
    );
  });
});
