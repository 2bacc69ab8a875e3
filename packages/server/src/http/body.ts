import { PasskeyError } from '@acme/passkey-core';

const JSON_TYPE = /^application\/json\s*(;|$)/i;

function hasBody(request: Request): boolean {
  const length = request.headers.get('content-length');
  if (length !== null) return Number(length) > 0;
  return request.body !== null;
}

/**
 * Reads a JSON object body in DESIGN's order of checks: Content-Type (415), size (413, also
 * when the stream is longer than its Content-Length claims), JSON (400). No body reads as `{}`.
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<Record<string, unknown>> {
  if (!hasBody(request)) return {};
  if (!JSON_TYPE.test(request.headers.get('content-type') ?? '')) {
    throw new PasskeyError('UNSUPPORTED_MEDIA_TYPE', 'Send JSON (Content-Type: application/json)');
  }
  const tooLarge = () => new PasskeyError('BODY_TOO_LARGE', `The body exceeds ${maxBytes} bytes`);
  if (Number(request.headers.get('content-length') ?? 0) > maxBytes) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body !== null) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  let parsed: unknown;
  try {
    parsed = size === 0 ? {} : JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (err) {
    throw new PasskeyError('INVALID_REQUEST', 'The body is not valid JSON', { cause: err });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new PasskeyError('INVALID_REQUEST', 'The body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}
