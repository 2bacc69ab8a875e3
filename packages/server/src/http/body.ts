import { isPasskeyError } from '@acme/passkey-core';
import { bodyTooLarge, invalid, malformed, unsupportedMediaType } from '../errors/refusals';

const JSON_TYPE = /^application\/json\s*(;|$)/i;

function hasBody(request: Request): boolean {
  const length = request.headers.get('content-length');
  if (length !== null) return Number(length) > 0;
  return request.body !== null;
}

/** The body's bytes, refusing past `maxBytes` (also when the stream is longer than announced). */
async function readBytes(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        throw bodyTooLarge(maxBytes);
      }
      chunks.push(value);
    }
  } catch (err) {
    // A client that hangs up mid-upload sent a malformed request, not a server failure.
    if (isPasskeyError(err)) throw err;
    throw malformed('The request body was cut off', err);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return bytes;
}

/**
 * Whether a body stream ends without a byte. Reads up to its first non-empty chunk, and cancels
 * it there (the request is refused then, so nothing else will read it).
 */
async function isEmptyStream(body: ReadableStream<Uint8Array>): Promise<boolean> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return true;
      if (value.byteLength > 0) {
        await reader.cancel().catch(() => {});
        return false;
      }
    }
  } catch (err) {
    throw malformed('The request body was cut off', err);
  }
}

/**
 * Reads a JSON object body in the protocol's order of checks: Content-Type (415), size (413, also
 * when the stream is longer than its Content-Length claims), JSON (400). No body reads as `{}`;
 * so does a body stream without Content-Length or Content-Type that holds no byte, which Fetch
 * runtimes such as Next.js give every POST and DELETE: the same request answers alike everywhere.
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<Record<string, unknown>> {
  if (!hasBody(request)) return {};
  const type = request.headers.get('content-type');
  if (!JSON_TYPE.test(type ?? '')) {
    const unannounced = type === null && request.headers.get('content-length') === null;
    if (unannounced && request.body !== null && (await isEmptyStream(request.body))) return {};
    throw unsupportedMediaType();
  }
  if (Number(request.headers.get('content-length') ?? 0) > maxBytes) throw bodyTooLarge(maxBytes);
  const bytes = request.body === null ? new Uint8Array() : await readBytes(request.body, maxBytes);
  let parsed: unknown;
  try {
    parsed = bytes.length === 0 ? {} : JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (err) {
    invalid('The body is not valid JSON', err);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    invalid('The body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}
