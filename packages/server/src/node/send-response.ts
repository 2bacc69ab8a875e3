import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';

/** Bodies up to this size with a Content-Length are buffered instead of streamed. */
const SMALL = 64 * 1024;

/** Statuses whose response never has a body (RFC 9110 §6.4.1). */
const NO_BODY = new Set([204, 205, 304]);

/**
 * Writes a Fetch `Response` to a Node response: the status, every header (each `Set-Cookie` on a
 * line of its own, added to any an earlier middleware set), and the body streamed with
 * backpressure. No body for HEAD or a bodiless status. A client that went away ends the write
 * quietly and cancels the body stream: never an unhandled error.
 */
export async function sendResponse(req: IncomingMessage, res: ServerResponse, response: Response) {
  const body = response.body;
  if (res.destroyed) {
    await body?.cancel().catch(() => {});
    return;
  }
  res.statusCode = response.status;
  if (response.statusText !== '') res.statusMessage = response.statusText;
  for (const [name, value] of response.headers) {
    if (name !== 'set-cookie') res.setHeader(name, value);
  }
  // Never joined with commas: a cookie's Expires holds one (RFC 6265 §3).
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.appendHeader('set-cookie', cookies);
  if (body === null || req.method === 'HEAD' || NO_BODY.has(response.status)) {
    await body?.cancel().catch(() => {});
    res.end();
    return;
  }
  // A body of known, small size (the handler's JSON answers) is written in one go: streaming it
  // through Readable.fromWeb costs more than the handler's own work.
  const length = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isInteger(length) && length <= SMALL) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    res.end(bytes);
    return;
  }
  try {
    await pipeline(Readable.fromWeb(body as NodeReadableStream<Uint8Array>), res);
  } catch {
    // The client went away, or the body stream failed mid-way: the status is sent, nothing more
    // can be said. pipeline has destroyed both ends; the body stream is cancelled.
  }
}
