/**
 * Sign-in latency on a PostgreSQL server with 1,000 vs 1,000,000 stored credentials (issue:
 * "within 1.2×"), and the plans of the queries a ceremony runs. Each size gets its own schema,
 * dropped afterwards. PASSKEY_BENCH_DATABASE_URL overrides the server.
 */
import { createPasskeyServer } from '@acme/passkey-server';
import { createPostgresStores, fromPg } from '@acme/passkey-store-postgres';
import { createSoftwareAuthenticator } from '@acme/passkey-testing';
import pg from 'pg';
import { fmt, table } from './measure';
import { machine, writeSection } from './report';

const URL = process.env.PASSKEY_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SIZES = (process.env.BENCH_SCALE_SIZES ?? '1000,1000000').split(',').map(Number);
const SIGN_INS = Number(process.env.BENCH_SCALE_SIGN_INS ?? 400);
const ORIGIN = 'https://example.com';
const SCALE_START = '<!-- scale: written by pnpm bench scale (bench/scale.ts) -->';
const SCALE_END = '<!-- end of scale -->';

async function fill(pool: pg.Pool, schema: string, rows: number): Promise<void> {
  // Filler credentials spread over rows/3 users, inserted by the server in batches.
  for (let from = 1; from <= rows; from += 250_000) {
    const to = Math.min(rows, from + 249_999);
    await pool.query(
      `INSERT INTO "${schema}".passkey_credentials
         (id, user_id, user_handle, public_key, algorithm, counter, transports, device_type, backed_up, aaguid, name, attachment, created_at)
       SELECT encode(sha256(('c' || g)::bytea), 'base64'), 'filler-' || (g / 3), encode(sha256(('h' || (g / 3))::bytea), 'hex'),
              sha256(('k' || g)::bytea), -7, 0, '{internal}', 'multiDevice', true,
              '00000000-0000-0000-0000-000000000000', 'Passkey', 'platform', now() - (g || ' seconds')::interval
       FROM generate_series($1::int, $2::int) AS g`,
      [from, to],
    );
  }
  await pool.query(`ANALYZE "${schema}".passkey_credentials`);
}

interface Prepared {
  rows: number;
  schema: string;
  server: ReturnType<typeof createPasskeyServer>;
  auth: ReturnType<typeof createSoftwareAuthenticator>;
  times: number[];
}

async function prepare(pool: pg.Pool, rows: number): Promise<Prepared> {
  const schema = `bench_${rows}_${Math.random().toString(36).slice(2, 8)}`;
  await pool.query(`CREATE SCHEMA "${schema}"`);
  const stores = createPostgresStores({ client: fromPg(pool), schema });
  await stores.migrate();
  await fill(pool, schema, rows - 1);
  const server = createPasskeyServer({
    rp: { id: 'example.com', name: 'Bench' },
    origins: [ORIGIN],
    ...stores,
    logger: { warn() {}, error() {} },
  });
  const auth = createSoftwareAuthenticator({ attachment: 'platform' });
  const reg = await server.startRegistration({
    user: { id: 'bench-user', name: 'b', displayName: 'B' },
    lastVerifiedAt: new Date(),
  });
  await server.finishRegistration({
    ceremonyId: reg.ceremonyId,
    userId: 'bench-user',
    response: await auth.create(reg.options, { origin: ORIGIN }),
  });
  const count = (await pool.query(`SELECT count(*)::int AS n FROM "${schema}".passkey_credentials`)).rows[0]
    .n as number;
  return { rows: count, schema, server, auth, times: [] };
}

/** One batch of sign-ins; only finishAuthentication (the part that reads the credential) is timed. */
async function batch(p: Prepared, n: number): Promise<void> {
  const starts: Array<Awaited<ReturnType<Prepared['server']['startAuthentication']>>> = [];
  for (let i = 0; i < n; i++) starts.push(await p.server.startAuthentication());
  const responses: Array<Awaited<ReturnType<Prepared['auth']['get']>>> = [];
  for (const s of starts) responses.push(await p.auth.get(s.options, { origin: ORIGIN }));
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await p.server.finishAuthentication({ ceremonyId: starts[i]!.ceremonyId, response: responses[i] });
    p.times.push(performance.now() - t);
  }
}

async function plans(pool: pg.Pool, p: Prepared): Promise<Record<string, string>> {
  const id = p.auth.credentials[0]!.id;
  const out: Record<string, string> = {};
  for (const [name, sql, params] of [
    ['get', `SELECT * FROM "${p.schema}".passkey_credentials WHERE id = $1`, [id]],
    [
      'listByUser',
      `SELECT * FROM "${p.schema}".passkey_credentials WHERE user_id = $1 ORDER BY created_at`,
      ['bench-user'],
    ],
    [
      'recordUse',
      `UPDATE "${p.schema}".passkey_credentials SET counter = 1 WHERE id = $1 AND counter = $2`,
      [id, 0],
    ],
    ['take', `DELETE FROM "${p.schema}".passkey_challenges WHERE id = $1 RETURNING record`, ['x']],
  ] as const) {
    const plan = await pool.query(`EXPLAIN ${sql}`, [...params]);
    out[name] =
      plan.rows
        .map((r) => r['QUERY PLAN'])
        .find((l: string) => /Scan/.test(l))
        ?.trim() ?? '?';
  }
  return out;
}

const pct = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] as number;

export async function benchScale(): Promise<void> {
  const pool = new pg.Pool({ connectionString: URL, max: 4 });
  const prepared: Prepared[] = [];
  try {
    for (const size of SIZES) prepared.push(await prepare(pool, size));
    // Let the bulk load settle, then interleave the sizes so that machine noise hits both alike.
    await pool.query('CHECKPOINT');
    for (const p of prepared) await batch(p, 50);
    for (const p of prepared) p.times.length = 0;
    const rounds = 8;
    for (let r = 0; r < rounds; r++) for (const p of prepared) await batch(p, Math.ceil(SIGN_INS / rounds));
    const base = prepared[0]!.times;
    const rows = prepared.map((p) => ({
      'stored credentials': p.rows.toLocaleString('en'),
      'finishAuthentication p50 ms': fmt(pct(p.times, 0.5)),
      'p99 ms': fmt(pct(p.times, 0.99)),
      'p50 vs smallest': `${fmt(pct(p.times, 0.5) / pct(base, 0.5), 2)}×`,
      'p99 vs smallest': `${fmt(pct(p.times, 0.99) / pct(base, 0.99), 2)}×`,
    }));
    table(rows);
    const planLines: string[] = [];
    for (const p of prepared) {
      const byQuery = await plans(pool, p);
      console.log(`plans at ${p.rows.toLocaleString('en')}:`, byQuery);
      for (const [query, plan] of Object.entries(byQuery))
        planLines.push(`| ${p.rows.toLocaleString('en')} | \`${query}\` | \`${plan}\` |`);
    }
    const note = `${SIGN_INS} usernameless sign-ins per size in ${rounds} interleaved rounds; PostgreSQL stores for passkeys and challenges`;
    console.log(`(${note})`);
    const columns = Object.keys(rows[0] ?? {});
    writeSection(
      [
        SCALE_START,
        '## PostgreSQL sign-in at 1,000 and 1,000,000 credentials',
        '',
        'Written by `pnpm bench scale` (bench/scale.ts) from one run: `finishAuthentication` (the part',
        'of a sign-in that reads and updates the credential) on a PostgreSQL server, each size in its own',
        `schema, filled by generate_series and analysed. ${note}.`,
        '',
        `Machine: ${machine()}.`,
        '',
        `| ${columns.join(' | ')} |`,
        `| ${columns.map(() => '---:').join(' | ')} |`,
        ...rows.map((r) => `| ${Object.values(r).join(' | ')} |`),
        '',
        'The plan of each query a sign-in runs (`EXPLAIN`, its scan line):',
        '',
        '| credentials | query | plan |',
        '| ---: | --- | --- |',
        ...planLines,
        SCALE_END,
      ].join('\n'),
      SCALE_START,
      SCALE_END,
    );
  } finally {
    for (const p of prepared) await pool.query(`DROP SCHEMA "${p.schema}" CASCADE`);
    await pool.end();
  }
}
