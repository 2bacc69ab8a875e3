import type { IncomingMessage } from 'node:http';
import { internalError, malformed } from '../errors/refusals';

/** Why a body read before the handler cannot be read again, and what to change. */
const ALREADY_READ =
  'The request body was already read before the passkey handler, by a body parser mounted ' +
  'before it: mount the passkey handler before express.json() (or bodyParser.json()), and in ' +
  'Fastify give its routes a catch-all content-type parser that leaves the body unread (see the ' +
  '@acme/passkey-server README, "Mounting").';

/** Whether the request announces a body (RFC 9112 §6.3): a Content-Length above 0 or a Transfer-Encoding. */
export function announcesBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * The Node request's body as a Fetch body stream, read only as far as the handler reads it: a
 * request the handler does not take (`null`) leaves its stream untouched for the app's next
 * middleware. A body something else already read is an error that names the fix (a TypeError, so
 * the handler logs it and answers a bare 500 `INTERNAL_ERROR`); a body cut off by the client is
 * a 400 `INVALID_REQUEST`, nothing to log.
 */
export function requestBody(req: IncomingMessage): ReadableStream<Uint8Array> {
  let chunks: AsyncIterator<Buffer | string> | undefined;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (chunks === undefined) {
          if (req.readableDidRead || req.readableEnded) {
            // The app's setup is wrong, not the request: a logged internal error that names the fix.
            controller.error(internalError(new TypeError(ALREADY_READ)));
            return;
          }
          // Not Symbol.asyncIterator: that destroys the socket when the handler stops reading.
          chunks = req.iterator({ destroyOnReturn: false });
        }
        try {
          const { done, value } = await chunks.next();
          if (done) controller.close();
          else controller.enqueue(typeof value === 'string' ? Buffer.from(value) : value);
        } catch (err) {
          controller.error(malformed('The request body was cut off', err));
        }
      },
      // The handler stops reading a body that is too large: discard the rest, so its 413 goes out.
      async cancel() {
        await chunks?.return?.();
        req.resume();
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * The whole body, read at once, for a request the handler will read anyway (its own path): one
 * buffer instead of a stream pulled chunk by chunk, which costs more than the handler's work on a
 * small JSON body. Stops past `cap` bytes (the handler then answers 413 from what it got) and lets
 * the rest drain. Null when the body must go the lazy way: already read (an error naming the fix),
 * or announced larger than `cap` (refused from its Content-Length).
 */
export async function readBodyAtOnce(req: IncomingMessage, cap: number): Promise<Uint8Array | null> {
  if (req.readableDidRead || req.readableEnded) return null;
  if (Number(req.headers['content-length'] ?? 0) > cap) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req.iterator({ destroyOnReturn: false })) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      chunks.push(bytes);
      size += bytes.byteLength;
      if (size > cap) {
        req.resume();
        break;
      }
    }
  } catch (err) {
    throw malformed('The request body was cut off', err);
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size);
}
