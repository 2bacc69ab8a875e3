import { describe, expect, it } from 'vitest';
import { skipLines } from './run-summary';

describe('the run summary', () => {
  it("picks up the skip lines the packages' probes print, and nothing else", () => {
    const printed = [
      '[store-postgres] SKIPPED: PostgreSQL server tests, postgres://postgres@127.0.0.1:5432/postgres is unreachable (connect ECONNREFUSED 127.0.0.1:5432).',
      '[store-redis] SKIPPED: Redis server tests, redis://127.0.0.1:6379 is unreachable (connect ECONNREFUSED).',
      '[demo] skipped the PostgreSQL/Redis storage test: Error: connect ECONNREFUSED 127.0.0.1:5432',
      '[transfer] MySQL unreachable: the CLI MySQL case did not run',
    ];
    const noise = ['demo built: dist/web (page)', 'skipped without a tag', '[demo] listening on 3000'];
    expect(skipLines([noise[0], ...printed, noise[1], noise[2]].join('\n'))).toEqual(printed);
    for (const line of noise) expect(skipLines(line)).toEqual([]);
    expect(skipLines(`\n  ${printed[0]}  \n`)).toEqual([printed[0]]);
  });
});
