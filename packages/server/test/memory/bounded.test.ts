/**
 * Abandoned ceremonies do not pile up in the memory challenge store: started through the real
 * server and never finished, they are gone once the clock passes their TTL and a write lets the
 * store's lazy sweep run (no timers). `pnpm memory` runs the same at 100,000 and prints figures.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { abandonedCeremonies, CEREMONIES, TTL_SECONDS } from './abandoned';

const COUNT = CEREMONIES;

describe('memory challenge store: abandoned ceremonies through the server', () => {
  it(`${COUNT} started at one instant, all held until the TTL passes and a write sweeps them`, async () => {
    const { clock, startMany, expireAll, held } = await abandonedCeremonies();
    const ids = await startMany(COUNT);
    clock.t += (TTL_SECONDS + 2) * 1000;
    // Lazy: past the TTL, nothing was written since, so the store still holds them.
    expect(await held(ids.splice(0, 10))).toBe(10);
    await expireAll();
    expect(await held(ids)).toBe(0);
  });

  it(`${COUNT} started 100 ms apart: only the last TTL (and one sweep interval) of them are held`, async () => {
    const { clock, start, held } = await abandonedCeremonies();
    const ids: string[] = [];
    for (let i = 0; i < COUNT; i++) {
      clock.t += 100;
      ids.push(await start(i));
    }
    // Each write sweeps at most once a second: from 300 s to 301 s of starts, 10 per second.
    const kept = await held(ids);
    expect(kept).toBeGreaterThanOrEqual(Math.min(COUNT, TTL_SECONDS * 10));
    expect(kept).toBeLessThanOrEqual((TTL_SECONDS + 1) * 10);
  });

  it('the heap returns to its baseline once 20,000 abandoned ceremonies expired (child process, --expose-gc)', async () => {
    const child = fileURLToPath(new URL('./heap-child.ts', import.meta.url));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', child, '20000', '0'],
      { cwd: fileURLToPath(new URL('../..', import.meta.url)) },
    );
    const m = JSON.parse(stdout.trim().split('\n').at(-1) as string);
    expect(m.sampledLeft).toBe(0);
    // The measurement sees the records while they live (about 500 bytes each)…
    expect(m.alive - m.baseline).toBeGreaterThan(20_000 * 200);
    // …and keeps almost nothing of them once expired and swept.
    expect(m.expired - m.baseline).toBeLessThan((m.alive - m.baseline) / 10);
  }, 60_000);
});
