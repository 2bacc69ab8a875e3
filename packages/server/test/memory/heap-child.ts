/**
 * One heap measurement in a process of its own (`node --expose-gc --import tsx heap-child.ts
 * <count> <stepMs>`): `count` ceremonies started through the real server and never finished, the
 * injected clock moving `stepMs` before each start (0: all at one instant). Prints one JSON line
 * of `heapUsed` after full collections: after warm-up (baseline), the highest of ten checkpoints
 * during the run (peak), at its end (alive), and once the clock passed the TTL and a further
 * write let the store's lazy sweep run (expired).
 */
import { abandonedCeremonies } from './abandoned';

/** Ceremonies whose IDs the child keeps to check they are gone: the same number whatever `count`. */
const SAMPLE = 100;

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc');
const heap = () => {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
};

const [count = 0, stepMs = -1] = process.argv.slice(2).map(Number);
if (!Number.isInteger(count) || count < 1 || !Number.isFinite(stepMs) || stepMs < 0) {
  throw new Error('usage: heap-child.ts <count> <ms between two starts on the injected clock>');
}

const { clock, start, expireAll, held } = await abandonedCeremonies();
// Warm every code path up (JIT, caches), then let it all expire: the baseline.
for (let i = 0; i < 300; i++) await start(i);
await expireAll();
const baseline = heap();

const every = Math.max(1, Math.floor(count / SAMPLE));
const tenth = Math.max(1, Math.floor(count / 10));
const sample: string[] = [];
let peak = 0;
for (let i = 0; i < count; i++) {
  clock.t += stepMs;
  const id = await start(i);
  if (i % every === 0 && sample.length < SAMPLE) sample.push(id);
  if ((i + 1) % tenth === 0) peak = Math.max(peak, heap());
}
const alive = heap();
await expireAll();
const expired = heap();
const sampledLeft = await held(sample);
console.log(
  JSON.stringify({ count, stepMs, baseline, peak, alive, expired, sampled: sample.length, sampledLeft }),
);
