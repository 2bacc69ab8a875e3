import type { Readable } from 'node:stream';
import type { Request as ExpressRequest, Response as ExpressResponse, NextFunction } from 'express';

/** A Fetch-API handler such as `createPasskeyHandler`'s: null means "not my route". */
export type FetchHandler = (request: Request) => Promise<Response | null>;

/** A Node stream as a Fetch body, read only as the handler reads it, so `next()` finds it untouched. */
function bodyOf(stream: Readable): ReadableStream<Uint8Array> {
  const chunks = stream.iterator({ destroyOnReturn: false });
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      // The handler stops reading a body that is too large: discard the rest, so its 413 still goes out.
      async cancel() {
        await chunks.return?.();
        stream.resume();
      },
    },
    { highWaterMark: 0 },
  );
}

/** Express middleware around a Fetch handler. Mount it before any body parser (`express.json()`). */
export function fetchHandler(handle: FetchHandler) {
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    const headers = new Headers();
    for (let i = 0; i < req.rawHeaders.length; i += 2)
      headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
    const hasBody =
      req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined;
    const url = `${req.protocol}://${req.get('host') ?? 'localhost'}${req.originalUrl}`;
    const init = { method: req.method, headers, body: hasBody ? bodyOf(req) : null, duplex: 'half' };
    const response = await handle(new Request(url, init));
    if (response === null) return next();
    res.status(response.status);
    response.headers.forEach((value, name) => {
      if (name !== 'set-cookie') res.setHeader(name, value);
    });
    const cookies = response.headers.getSetCookie(); // one entry per cookie: never joined with commas
    if (cookies.length > 0) res.setHeader('set-cookie', cookies);
    res.end(Buffer.from(await response.arrayBuffer())); // the handler answers small JSON documents
  };
}
