// The pull benchmark at a tiny size, with the suite (no timing assertions: speed is read from the
// results, not asserted). It checks that every source kind runs end to end on one factory against
// the real MariaDB, PostgreSQL and HTTP sources, that the figures are there under their names, that
// every pull and the upload carried all the rows into a batch that reached every step, and that
// the incremental pulls took only the 1 % changed at each source.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knex from 'knex';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { runPullBenchmark } from '../bench/pull/run.ts';
import type { PullBenchResult } from '../bench/pull/run.ts';
import { resultTable } from '../bench/pull/table.ts';
import { MARIADB, POSTGRES } from '../bench/pull/sources.ts';
import { createTestDatabase } from './helpers/factory.ts';
import type { TestDatabase } from './helpers/factory.ts';

let database: TestDatabase;
let out: string;
let result: PullBenchResult;
const STEPS = ['receive', 'clean', 'link', 'compare', 'sync', 'distribute'];

beforeAll(async () => {
  database = await createTestDatabase();
  out = mkdtempSync(path.join(os.tmpdir(), 'cdf-bench-pull-'));
  result = await runPullBenchmark({
    rows: 200, seed: 7, outDir: out, log: () => undefined,
    env: { DATABASE_URL: database.url, TEMPORAL_ADDRESS: inject('temporalAddress'), CDF_TASK_QUEUE: `cdf-bench-pull-${process.pid}` },
  });
}, 300_000);
afterAll(async () => {
  await database?.drop();
  if (out) rmSync(out, { recursive: true, force: true });
});

it('pulls every row from each source kind and uploads them for the baseline, each batch through every step', () => {
  expect(result.rows).toBeGreaterThanOrEqual(180);
  for (const [kind, f] of Object.entries({ firstLoad: result.firstLoad, ...result.full })) {
    expect(f.rows, kind).toBe(result.rows);
    expect(f.batchId, kind).toMatch(/\S/);
    expect(f.counts?.received, kind).toBe(result.rows);
    expect(f.pullSeconds, kind).toBeGreaterThan(0);
    expect(f.pullRowsPerSecond, kind).toBeGreaterThan(0);
    expect(f.wallSeconds, kind).toBeGreaterThanOrEqual(f.pullSeconds);
    for (const s of STEPS) expect(f.steps[s]!.rowsPerSecond, `${kind} ${s}`).toBeGreaterThan(0);
  }
  // The first load made the golden records; the measured runs after it met them again.
  expect(result.firstLoad.counts!.new).toBeGreaterThan(0);
  for (const [kind, f] of Object.entries(result.full)) expect(f.counts!.new, kind).toBe(0);
  for (const kind of ['mysql', 'postgresql', 'http'] as const) {
    expect(Number.isFinite(result.ratioToUpload[kind].pullSeconds), kind).toBe(true);
    expect(Object.keys(result.ratioToUpload[kind].steps)).toEqual(expect.arrayContaining(STEPS));
  }
});

it('takes only the rows changed at the source on the second pull', () => {
  for (const kind of ['mysql', 'postgresql', 'http'] as const) {
    const inc = result.incremental[kind];
    expect(inc.changed, kind).toBe(Math.floor(result.rows / 100));
    expect(inc.rows, kind).toBe(inc.changed);
    expect(inc.counts?.received, kind).toBe(inc.changed);
  }
});

it('prints one line per run and drops the source tables it made', async () => {
  const table = resultTable(result);
  for (const name of ['mysql pull', 'postgresql pull', 'http pull', 'upload csv', 'mysql +1%', 'http ÷ upload']) expect(table).toContain(name);
  const maria = knex({ client: 'mysql2', connection: MARIADB });
  const pg = knex({ client: 'pg', connection: POSTGRES });
  try {
    const [mariaTables] = (await maria.raw(`show tables like 'cdf_bench_pull_${process.pid}_%'`)) as [unknown[]];
    expect(mariaTables).toEqual([]);
    const pgTables = await pg('pg_tables').where('tablename', 'like', `cdf_bench_pull_${process.pid}_%`).select('tablename');
    expect(pgTables).toEqual([]);
  } finally {
    await maria.destroy();
    await pg.destroy();
  }
});
