// Load generator on its own thread (and core): POSTs each body once, `concurrency` in flight.
import { parentPort, workerData } from 'node:worker_threads';

const { url, origin, bodies, concurrency } = workerData;
let next = 0;
let failed = 0;
const start = performance.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < bodies.length) {
      const body = bodies[next++];
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body,
      });
      await res.arrayBuffer();
      if (!res.ok) failed++;
    }
  }),
);
parentPort.postMessage({ seconds: (performance.now() - start) / 1000, failed });
