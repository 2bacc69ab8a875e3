import { createServer } from 'node:http';
import { toNodeHandler } from '../../src/node/index';
import { listen, readText } from './listen';
import { describeNodeMount, type Mount } from './mount-checks';
import { BASE_PATH } from './passkey-app';

/** node:http alone: the app's own routes in `next`, its JSON parser a plain read of the stream. */
const mount: Mount = async (handle, { origin, parserFirst }) => {
  const passkeys = toNodeHandler(handle, { origin });
  const server = createServer(async (req, res) => {
    try {
      if (parserFirst) (req as { body?: unknown }).body = JSON.parse((await readText(req)) || '{}');
      let passed = false;
      await passkeys(req, res, () => {
        passed = true;
      });
      if (!passed) return;
      if (req.method === 'POST' && req.url === `${BASE_PATH}/export/csv`) {
        const received = JSON.parse(await readText(req));
        res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ received }));
      } else res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
    } catch {
      if (!res.headersSent) res.writeHead(400).end();
      else res.destroy();
    }
  });
  return listen(server);
};

describeNodeMount('node:http', mount);
