/**
 * Runs the virtual users: each starts whole flows one after another until the time is up, then
 * finishes the flow under way. Every flow is a new account in a new browser (its own cookie
 * jar and loopback address) on the user's two authenticators.
 */
import { createSoftwareAuthenticator } from '@acme/passkey-testing';
import { createBrowser } from './browser';
import { runFlow } from './flow';
import type { Devices } from './flow-context';
import type { Ledger } from './ledger';
import type { LoadOptions } from './options';
import type { RouteStats } from './route-stats';
import { loopbackAddress } from './wire';

export interface DriveResult {
  flows: number;
  failedFlows: number;
  /** From the first request to the end of the last flow, in seconds. */
  elapsed: number;
  /** The first failures, for the report. */
  failures: string[];
}

export async function drive(
  server: { base: string; origin: string },
  options: LoadOptions,
  stats: RouteStats,
  ledger: Ledger,
): Promise<DriveResult> {
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  let next = 0;
  let flows = 0;
  const failures: string[] = [];

  async function virtualUser(): Promise<void> {
    const devices: Devices = {
      platform: createSoftwareAuthenticator({ attachment: 'platform' }),
      securityKey: createSoftwareAuthenticator({ attachment: 'cross-platform' }),
    };
    while (performance.now() < deadline) {
      const n = next++;
      const browser = createBrowser({ ...server, localAddress: loopbackAddress(n) });
      const ctx = {
        n,
        browser,
        devices,
        origin: server.origin,
        stats,
        ledger,
        replay: n % options.replayEvery === 0,
        limitRace: n % options.raceEvery === options.raceEvery - 1,
      };
      try {
        await runFlow(ctx);
        flows += 1;
      } catch (err) {
        failures.push(`flow ${n}: ${(err as Error).message}`);
      } finally {
        browser.close();
      }
    }
  }

  await Promise.all(Array.from({ length: options.users }, () => virtualUser()));
  return { flows, failedFlows: failures.length, elapsed: (performance.now() - started) / 1000, failures };
}
