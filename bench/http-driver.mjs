// The load generator of the handler bench, in a process of its own: autocannon POSTs each body
// once, `connections` in flight, and prints what it measured as JSON.
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

const [url, file, connections, origin] = process.argv.slice(2);
const bodies = JSON.parse(readFileSync(file, 'utf8'));
let next = 0;
const result = await autocannon({
  url,
  connections: Number(connections),
  amount: bodies.length,
  requests: [
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }),
    },
  ],
});
process.stdout.write(
  JSON.stringify({
    requests: result.requests.total,
    seconds: result.duration,
    non2xx: result.non2xx,
    errors: result.errors,
  }),
);
