/**
 * Whether a shared service that a package's tests need (a database server, Redis) can be
 * reached, and what to do when it cannot: with PASSKEY_REQUIRE_SERVICES=1 (CI) its tests fail;
 * otherwise they are skipped, with the reason printed. Each package's test/services.ts says
 * where its services are and how to reach them; this is the part they share. A helper of this
 * repository's own tests, not part of any published package.
 */

/** The outcome of one probe. */
export interface Service {
  name: string;
  url: string;
  /** null when reachable, else why not. */
  problem: string | null;
  /** Skip the tests: unreachable and not required. */
  skip: boolean;
  /** For `beforeAll`: throws when the service is required and unreachable. */
  assertReachable(): void;
}

/** What to probe, and what to tell the reader of a skipped run. */
export interface ProbeOptions {
  /** The package whose tests need it, as the skip message names it: `store-postgres`. */
  tag: string;
  /** The service: `PostgreSQL server`. */
  name: string;
  url: string;
  /** The variables that point the tests at another one: `PASSKEY_TEST_DATABASE_URL`. */
  variables: string;
  /** Connects once and lets go; throws when the service cannot be used. */
  connect(): Promise<void>;
}

/** Probes a service once with `connect` (which sets its own time limit). */
export async function probeService({ tag, name, url, variables, connect }: ProbeOptions): Promise<Service> {
  let problem: string | null = null;
  try {
    await connect();
  } catch (err) {
    problem = err instanceof Error ? err.message || (err as { code?: string }).code || err.name : String(err);
  }
  const skip = problem !== null && process.env.PASSKEY_REQUIRE_SERVICES !== '1';
  if (skip) {
    console.warn(
      `[${tag}] SKIPPED: ${name} tests, ${url} is unreachable (${problem}). ` +
        `Start it, point ${variables} at one, or set PASSKEY_REQUIRE_SERVICES=1 to fail instead.`,
    );
  }
  return {
    name,
    url,
    problem,
    skip,
    assertReachable() {
      if (problem !== null) {
        throw new Error(
          `${name} is required (PASSKEY_REQUIRE_SERVICES=1) but ${url} is unreachable: ${problem}`,
        );
      }
    },
  };
}
