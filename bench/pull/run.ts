// The pull benchmark: one real factory (as bench/run/bench-factory.ts starts one), the same generated
// penalties in a MariaDB table, a PostgreSQL table and a paged JSON API, each pulled whole by hand,
// the same rows uploaded as one CSV for the baseline, then 1 % changed at every source and pulled
// again. Per run: the pull's own time (pull workflow start to batch recorded, from Temporal), its
// rows/s, each pipeline step's rows/s exactly as the upload benchmark computes them (the batch
// workflow's history: bench/run/measure.ts stepSeconds), and the wall time to the batch done.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { checkCatalog } from '../../catalog/catalog-file.ts';
import { DEMO_CATALOG } from '../../catalog/demo/load-demo.ts';
import { importCatalog } from '../../db/catalog.ts';
import type { BatchCounts } from '../../domain/pipeline.ts';
import type { Shutdown } from '../../runtime/shutdown.ts';
import type { ServiceContext } from '../../services/context.ts';
import { parseIdentity } from '../../services/identity.ts';
import { runPull, syncPullSchedules } from '../../services/pulls/index.ts';
import { uploadFile, waitForBatch, workflowIdFor } from '../../services/upload.ts';
import { PIPELINE_STEPS } from '../../workflows/ingest-batch.ts';
import { startBenchFactory } from '../run/bench-factory.ts';
import { stepSeconds } from '../run/measure.ts';
import { generatedRows, writeUploadCsv } from './rows.ts';
import { MARIADB, POSTGRES, startSources } from './sources.ts';

export type SourceKind = 'mysql' | 'postgresql' | 'http' | 'upload';

/** Agencies with no authoritative admin_penalty entry in the demo: one authoritative source per agency and dataset. */
export const PULLED: Record<Exclude<SourceKind, 'upload'>, string> = { mysql: 'city_housing', postgresql: 'city_credit_center', http: 'city_high_court' };
/** The uploads go in as the MariaDB source's agency, through its entry: the catalogue's rules (authority,
 * responsibility) treat them exactly as they treat that pull. */
export const UPLOADER = PULLED.mysql;

export interface RunFigures {
  rows: number;
  batchId: string | null;
  /** Pull: pull workflow start to close (landed and recorded). Upload: the upload call (landed and recorded). */
  pullSeconds: number;
  pullRowsPerSecond: number;
  /** Start of the pull or upload to the batch done. */
  wallSeconds: number;
  steps: Record<string, { seconds: number; rowsPerSecond: number }>;
  counts: BatchCounts | null;
}

export interface PullBenchResult {
  /** Rows asked for (--rows) and rows the generated files hold (the generator's count may differ a little). */
  rowsRequested: number;
  rows: number;
  seed: number;
  date: string;
  machine: { cpus: number; node: string };
  generate: { seconds: number; dir: string };
  registry: { subjects: number; wallSeconds: number };
  /** The same rows uploaded first, before anything is measured against them: it creates the golden
   * records, so every measured run after it (pulls and upload alike) compares against the same store. */
  firstLoad: RunFigures;
  /** The whole pull of each source, then the upload baseline (the same rows again, as another file), in that order. */
  full: Record<SourceKind, RunFigures>;
  /** The second pull after 1 % of the rows changed at the source. */
  incremental: Record<Exclude<SourceKind, 'upload'>, RunFigures & { changed: number }>;
  /** Each source's figures divided by the upload's: seconds (pull, wall) and rows/s per step. Noisy machine: read these. */
  ratioToUpload: Record<Exclude<SourceKind, 'upload'>, { pullSeconds: number; wallSeconds: number; steps: Record<string, number> }>;
}

export interface PullBenchOptions {
  rows: number;
  seed: number;
  outDir: string;
  env?: NodeJS.ProcessEnv;
  keep?: boolean;
  log?: (line: string) => void;
  shutdown?: Shutdown;
}

const round = (n: number): number => Math.round(n * 100) / 100;
const operator = parseIdentity('admin@bench');

/** The demo catalogue with one pulled admin_penalty entry per source kind. */
function pullCatalog(table: string, httpUrl: string): unknown {
  const catalog = parse(readFileSync(DEMO_CATALOG, 'utf8')) as { entries: Array<Record<string, unknown>> };
  const common = {
    dataset: 'admin_penalty', region: '120000', channel: 'scheduled_pull', frequency: 'daily', authoritative: true, share: 'unconditional', publish: true,
  };
  const { password: _none, ...mariaConnection } = MARIADB;
  const cursor = { column: 'updated_at', kind: 'timestamp', tiebreak: 'id' };
  catalog.entries.push(
    // Root has no password here: the config names none (a real source names a passwordEnv).
    { ...common, agency: PULLED.mysql, pull: { connector: 'sql-pull', config: { client: 'mysql', connection: mariaConnection, table, cursor } } },
    { ...common, agency: PULLED.postgresql, pull: { connector: 'sql-pull', config: { client: 'postgresql', connection: POSTGRES, table, cursor } } },
    {
      ...common, agency: PULLED.http,
      pull: {
        connector: 'http-pull',
        config: {
          url: httpUrl, records: 'data', since: { param: 'since', field: 'seq' },
          pagination: { kind: 'page', pageParam: 'page', sizeParam: 'size', size: 5000 },
        },
      },
    },
  );
  return catalog;
}

async function batchFigures(ctx: ServiceContext, batchId: string, rows: number): Promise<Pick<RunFigures, 'steps' | 'counts'>> {
  const batch = await waitForBatch(ctx, batchId);
  const perStep = await stepSeconds(ctx.temporal, [workflowIdFor(batchId)]);
  const steps = Object.fromEntries(
    PIPELINE_STEPS.map((s) => [s, { seconds: round(perStep[s] ?? 0), rowsPerSecond: Math.round(rows / (perStep[s] || Infinity)) }]),
  );
  return { steps, counts: batch.counts };
}

async function pullOnce(ctx: ServiceContext, kind: Exclude<SourceKind, 'upload'>, log: (l: string) => void): Promise<RunFigures> {
  const started = process.hrtime.bigint();
  const run = await runPull(ctx, operator, { agency: PULLED[kind], dataset: 'admin_penalty', wait: true });
  const measured = Number(process.hrtime.bigint() - started) / 1e9;
  const d = await ctx.temporal.workflow.getHandle(run.workflowId).describe();
  // Temporal's own span of the pull workflow; the call's time when it is not there.
  const pullSeconds = d.closeTime ? (d.closeTime.getTime() - d.startTime.getTime()) / 1000 : measured;
  const rows = run.result!.rows;
  const batchId = run.result!.batchId;
  if (run.result!.duplicate) throw new Error(`the ${kind} pull landed a file already received (batch ${batchId}): nothing to measure`);
  const batch = batchId ? await batchFigures(ctx, batchId, rows) : { steps: {}, counts: null };
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  log(`  ${kind}: ${rows} rows pulled in ${round(pullSeconds)} s, batch ${batchId} done at ${round(wallSeconds)} s ${JSON.stringify(batch.counts)}`);
  return { rows, batchId, pullSeconds: round(pullSeconds), pullRowsPerSecond: Math.round(rows / pullSeconds), wallSeconds: round(wallSeconds), ...batch };
}

async function uploadOnce(ctx: ServiceContext, file: string, rows: number, log: (l: string) => void): Promise<RunFigures> {
  const started = process.hrtime.bigint();
  const who = parseIdentity(`agency:${UPLOADER}@bench`);
  const up = await uploadFile(ctx, who, file, { agency: UPLOADER, dataset: 'admin_penalty', channel: 'scheduled_pull' });
  const pullSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  // A file already received is no batch to measure: each upload here must be new bytes.
  if (up.duplicate) throw new Error(`upload of ${path.basename(file)} was a file already received (batch ${up.batchId}): nothing to measure`);
  const batch = await batchFigures(ctx, up.batchId, rows);
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  log(`  upload: ${rows} rows landed in ${round(pullSeconds)} s, batch ${up.batchId} done at ${round(wallSeconds)} s ${JSON.stringify(batch.counts)}`);
  return {
    rows, batchId: up.batchId, pullSeconds: round(pullSeconds), pullRowsPerSecond: Math.round(rows / pullSeconds), wallSeconds: round(wallSeconds), ...batch,
  };
}

function ratio(a: RunFigures, base: RunFigures): PullBenchResult['ratioToUpload']['mysql'] {
  const r = (x: number, y: number) => (y ? round(x / y) : 0);
  return {
    pullSeconds: r(a.pullSeconds, base.pullSeconds), wallSeconds: r(a.wallSeconds, base.wallSeconds),
    steps: Object.fromEntries(PIPELINE_STEPS.map((s) => [s, r(a.steps[s]?.rowsPerSecond ?? 0, base.steps[s]?.rowsPerSecond ?? 0)])),
  };
}

export async function runPullBenchmark(opts: PullBenchOptions): Promise<PullBenchResult> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const gen = await generatedRows(opts.outDir, opts.rows, opts.seed, log);
  const n = gen.rows.length;
  const sources = await startSources(gen.rows, opts.outDir, log);
  // Interrupted, the run drops its tables and stops its API too.
  opts.shutdown?.add('pull benchmark sources', sources.close);
  try {
    const bench = await startBenchFactory({ outDir: opts.outDir, env: opts.env, log, shutdown: opts.shutdown, keep: opts.keep });
    const { ctx } = bench;
    try {
      const catalog = checkCatalog(pullCatalog(sources.table, sources.httpUrl), 'catalog-pull-bench.json');
      await importCatalog(ctx.db, catalog, operator.user, 'catalog-pull-bench.json', ctx.config);
      await syncPullSchedules(ctx.temporal, ctx.db, ctx.config);

      // The registry first, as the upload benchmark loads it: the link step resolves subjects against it.
      log('registry…');
      const regStarted = process.hrtime.bigint();
      const registry = await waitForBatch(ctx, (await uploadFile(ctx, parseIdentity('agency:city_market_regulation@bench'),
        path.join(gen.genDir, 'registry.csv'), { agency: 'city_market_regulation', dataset: 'legal_person_registry', channel: 'scheduled_pull' })).batchId);
      const regSeconds = Number(process.hrtime.bigint() - regStarted) / 1e9;

      const csv = path.join(opts.outDir, `pull-bench-${process.pid}.csv`);
      log(`first load: ${n} rows uploaded, making the golden records every measured run compares against…`);
      writeUploadCsv(csv, gen.rows, '\n');
      const firstLoad = await uploadOnce(ctx, csv, n, log);
      log(`full pulls of ${n} rows, then the upload baseline…`);
      const mysql = await pullOnce(ctx, 'mysql', log);
      const postgresql = await pullOnce(ctx, 'postgresql', log);
      const http = await pullOnce(ctx, 'http', log);
      writeUploadCsv(csv, gen.rows, '\r\n');
      const upload = await uploadOnce(ctx, csv, n, log).finally(() => rmSync(csv, { force: true }));

      log('1 % changed at every source; incremental pulls…');
      const changed = await sources.change();
      const incremental = {
        mysql: { ...(await pullOnce(ctx, 'mysql', log)), changed: changed.mysql },
        postgresql: { ...(await pullOnce(ctx, 'postgresql', log)), changed: changed.postgresql },
        http: { ...(await pullOnce(ctx, 'http', log)), changed: changed.http },
      };
      return {
        rowsRequested: opts.rows, rows: n, seed: opts.seed, date: new Date().toISOString(), machine: { cpus: os.cpus().length, node: process.version },
        generate: { seconds: round(gen.generateSeconds), dir: gen.genDir },
        registry: { subjects: registry.counts.received ?? 0, wallSeconds: round(regSeconds) },
        firstLoad,
        full: { mysql, postgresql, http, upload },
        incremental,
        ratioToUpload: { mysql: ratio(mysql, upload), postgresql: ratio(postgresql, upload), http: ratio(http, upload) },
      };
    } finally {
      await bench.close();
    }
  } finally {
    await sources.close();
  }
}

/** Writes the result JSON; returns its path. */
export function writeResult(resultsDir: string, r: PullBenchResult): string {
  const file = path.join(resultsDir, `${r.date.slice(0, 10)}-pull-${r.rowsRequested}.json`);
  writeFileSync(file, `${JSON.stringify(r, null, 2)}\n`);
  return file;
}
