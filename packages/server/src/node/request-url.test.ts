import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseOrigin, requestUrl } from './request-url';

/** A real IncomingMessage with the given header lines and target, as Node's parser would fill it. */
function incoming(target: string, rawHeaders: string[], originalUrl?: string): IncomingMessage {
  const req = new IncomingMessage(new Socket());
  req.url = target;
  req.rawHeaders = rawHeaders;
  if (originalUrl !== undefined) Object.assign(req, { originalUrl });
  return req;
}

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as { code?: string }).code;
  }
  return 'none';
};

describe('requestUrl', () => {
  const origin = 'https://example.com';

  it('builds every path on the configured origin, whatever the Host says', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.constantFrom('localhost', 'evil.example:8443', '[::1]', ''),
        (rest, host) => {
          const target = `/${rest}`;
          const req = incoming(target, ['Host', host]);
          let url: URL | undefined;
          try {
            url = requestUrl(req, origin);
          } catch (err) {
            expect((err as { code?: string }).code).toBe('INVALID_REQUEST');
            return;
          }
          expect(url.origin).toBe(origin);
        },
      ),
    );
  });

  it('keeps the path an Express mount strips from url', () => {
    const req = incoming('/login/options?x=1', ['Host', 'localhost'], '/api/passkeys/login/options?x=1');
    expect(requestUrl(req, origin).href).toBe('https://example.com/api/passkeys/login/options?x=1');
  });

  it('refuses targets that are not a path and Host headers that are malformed or repeated', () => {
    for (const target of ['http://evil.example/x', '*', 'x', '']) {
      expect(
        codeOf(() => requestUrl(incoming(target, ['Host', 'localhost']), origin)),
        target,
      ).toBe('INVALID_REQUEST');
    }
    const hosts = [
      ['Host', 'a b'],
      ['Host', 'x/y'],
      ['host', 'a@b'],
      ['Host', 'localhost', 'HOST', 'localhost'],
    ];
    for (const rawHeaders of hosts) {
      expect(
        codeOf(() => requestUrl(incoming('/', rawHeaders), origin)),
        rawHeaders.join(),
      ).toBe('INVALID_REQUEST');
    }
    // HTTP/1.0 without Host, and HTTP/2 (`:authority`), are fine.
    expect(requestUrl(incoming('/a', []), origin).href).toBe('https://example.com/a');
  });
});

describe('parseOrigin', () => {
  it('takes an origin and refuses anything a URL built on it would drop or misread', () => {
    expect(parseOrigin('https://example.com/', 't')).toBe('https://example.com');
    expect(parseOrigin('http://localhost:3000', 't')).toBe('http://localhost:3000');
    for (const bad of [
      undefined,
      42,
      '',
      'example.com',
      'https://example.com/app',
      'https://example.com/?a=1',
      'https://user:pw@example.com',
      'ftp://example.com',
      'file:///tmp',
    ]) {
      expect(() => parseOrigin(bad, 't'), String(bad)).toThrow(TypeError);
    }
  });
});
