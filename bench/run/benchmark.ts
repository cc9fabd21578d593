// The benchmark: generate a data set with ground truth, bring up the real factory (PostgreSQL,
// Temporal, worker and API processes), time a bare COPY of the files, push every file through
// the API and the whole pipeline, and report speed, memory, size and accuracy under the field
// names other tools read (see bench/README.md).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Shutdown } from '../../runtime/shutdown.ts';
import { waitForBatch, workflowIdFor } from '../../services/upload.ts';
import { StewardAccumulator } from '../accuracy/stewards.ts';
import type { StewardFigures } from '../accuracy/stewards.ts';
import type { GenerateMode } from '../generate/truth.ts';
import { stewardInput } from './steward-figures.ts';
import { uploadAll } from './uploads.ts';
import type { Refusal } from './outcomes.ts';
import type { Accuracy } from '../accuracy/score.ts';
import { readSummary } from '../accuracy/truth-files.ts';
import { GENERATOR_VERSION, generateDataset } from '../generate/dataset.ts';
import { FIELDS } from '../generate/channels.ts';
import { startBenchFactory, uploadThroughApi } from './bench-factory.ts';
import { copySeconds } from './copy-baseline.ts';
import { writeFloor } from './write-floor.ts';
import type { WriteFloor } from './write-floor.ts';
import { connectDb } from '../../db/connect.ts';
import { bytesPer1000Records, peakRssMb, secondsOf, stepSpans } from './measure.ts';
import { cpuFigures } from './cpu-figures.ts';
import type { CpuFigures } from './cpu-figures.ts';
import { startCpuSampler } from './cpu.ts';
import { distributionFigures } from './distribution-figures.ts';
import type { DistributionFigures } from './distribution-figures.ts';
import { measureAccuracy } from './outcomes.ts';
import { linkFigures } from './link-figures.ts';
import type { LinkFigures } from './link-figures.ts';
import { PIPELINE_STEPS } from '../../workflows/ingest-batch.ts';

export const benchRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STEPS = PIPELINE_STEPS;

export interface BenchOptions {
  rows: number;
  seed: number;
  /** Registry size (subjects); by default a third of the rows (bench/generate/registry.ts). */
  subjects?: number;
  /** The generator's mode: 'default' (clean templates) or 'agencies' (as agencies send them). */
  mode?: GenerateMode;
  /** Where generated data and the run's data folder go. */
  outDir: string;
  /** Environment for the factory: DATABASE_URL / TEMPORAL_ADDRESS to use existing services. */
  env?: NodeJS.ProcessEnv;
  keep?: boolean;
  /** Batches in flight at once (--concurrency, default 1). Above 1 the steps' spans overlap, so
   * their seconds are batch-seconds and no CPU is given per step. */
  concurrency?: number;
  /** After the run, time the store's floor (write-floor.ts): --floor. */
  floor?: boolean;
  log?: (line: string) => void;
  /** Stops the services the run started; the CLI entry wires SIGINT/SIGTERM to it. */
  shutdown?: Shutdown;
}

export interface BenchResult {
  rows: number;
  seed: number;
  /** The generator's mode the run used. */
  mode: GenerateMode;
  /** Worker processes that ran the pipeline (--workers). */
  workers: number;
  /** Batches in flight at once (--concurrency). */
  concurrency: number;
  date: string;
  machine: { cpus: number; node: string };
  generate: { seconds: number; files: number };
  /** Loading the legal-person registry through the API before the penalties (not in pipeline.*). */
  registry: { subjects: number; wallSeconds: number; rowsPerSecond: number };
  link: LinkFigures;
  /** What distribute delivered and withheld, and lineage query times and bytes at this size. */
  distribution: DistributionFigures;
  pipeline: { wallSeconds: number; rowsPerSecond: number; batches: number; steps: Record<string, { seconds: number; rowsPerSecond: number }> };
  copy: { wallSeconds: number; rowsPerSecond: number };
  ratioToCopy: number;
  /** Processor time a data row, whole and per step, by process (bench/run/cpu.ts). */
  cpu: CpuFigures;
  peakRssMb: { worker: number; api: number };
  postgres: { bytesPer1000Records: { records: number; lineage: number }; goldenRecords: number };
  accuracy: Accuracy;
  /** Work queued for stewards, judged against the truth (bench/README.md, "Steward workload"). */
  stewards: StewardFigures;
  /** Files refused whole at upload, or whose batch failed: file, code, message, rows. */
  uploads: { files: number; accepted: number; refused: Refusal[] };
  /** With --floor: the run's rows written once more into twins of their tables, and that time as a
   * multiple of the COPY (one core; both cores at best would halve it). */
  floor?: WriteFloor & { ratioToCopy: number; ratioToCopyWithoutSearch: number };
}

/** The generator version a kept set was made by (none before versions were written). */
async function generatorOf(dir: string): Promise<number | undefined> {
  return (JSON.parse(await readFile(path.join(dir, 'truth-summary.json'), 'utf8')) as { generator?: number }).generator;
}

export async function runBenchmark(opts: BenchOptions): Promise<BenchResult> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const mode = opts.mode ?? 'default';
  const suffix = `${opts.subjects ? `-r${opts.subjects}` : ''}${mode === 'default' ? '' : `-${mode}`}`;
  const genDir = path.join(opts.outDir, `gen-${opts.rows}-${opts.seed}${suffix}`);
  let genSeconds = 0;
  if (!existsSync(path.join(genDir, 'truth-summary.json')) || (await generatorOf(genDir)) !== GENERATOR_VERSION) {
    log(`generating ${opts.rows} rows (seed ${opts.seed}, mode ${mode}) into ${genDir}…`);
    const t = Date.now();
    await generateDataset({ rows: opts.rows, seed: opts.seed, outDir: genDir, mode, ...(opts.subjects ? { subjects: opts.subjects } : {}) });
    genSeconds = (Date.now() - t) / 1000;
  }
  const summary = await readSummary(genDir);
  const { factory, ctx, close } = await startBenchFactory({ outDir: opts.outDir, env: opts.env, log, shutdown: opts.shutdown, keep: opts.keep });
  try {
    log('COPY baseline…');
    const columns = Object.keys(FIELDS).length;
    // The baseline creates its own tables: as the owner, since the factory's role may not.
    const owner = connectDb(factory.postgres.ownerUrl, 1);
    const copy = await copySeconds(owner, summary.files.map((f) => ({
      path: path.join(genDir, f.file), columns: columns + (f.habits?.serial ? 1 : 0), encoding: f.encoding.toLowerCase().includes('18030') ? 'GB18030' : 'UTF8',
      ...(f.layout ? { layout: f.layout } : {}),
    }))).finally(() => owner.destroy());

    // The registry first, through the same upload path: the link step resolves subjects against it.
    log(`registry: ${summary.subjects} subjects…`);
    const regStarted = process.hrtime.bigint();
    const registryBatch = await waitForBatch(
      ctx,
      await uploadThroughApi(factory.apiUrl, path.join(genDir, 'registry.csv'), 'city_market_regulation', 'scheduled_pull', 'legal_person_registry'),
    );
    const regSeconds = Number(process.hrtime.bigint() - regStarted) / 1e9;
    log(`  registry.csv: ${registryBatch.status} ${JSON.stringify(registryBatch.counts)}`);

    log(`pipeline: ${summary.files.length} files, ${summary.rows} rows…`);
    const started = process.hrtime.bigint();
    const startedAt = Date.now() / 1000;
    const sampler = startCpuSampler();
    const concurrency = opts.concurrency ?? 1;
    const { batchOfFile, refused } = await uploadAll(ctx, factory.apiUrl, genDir, summary, log, concurrency);
    const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpuSamples = sampler.stop();
    const spans = await stepSpans(ctx.temporal, [...batchOfFile.values()].map(workflowIdFor));
    const perStep = secondsOf(spans);
    const steps = Object.fromEntries(
      STEPS.map((s) => [s, { seconds: round(perStep[s] ?? 0), rowsPerSecond: Math.round(summary.rows / (perStep[s] || Infinity)) }]),
    );
    // The largest worker: each process must stay under the limit on its own.
    const rss = { worker: Math.max(...factory.processes.workers.map((w) => peakRssMb(w.pid!))), api: peakRssMb(factory.processes.api.pid!) };
    const sizes = await bytesPer1000Records(ctx.db);
    log('link figures and fuzzy lookup probe…');
    const link = await linkFigures(ctx.db, [...batchOfFile.values()]);
    log('delivery figures and lineage query probe…');
    const distribution = await distributionFigures(ctx, [...batchOfFile.values()], perStep['distribute'] ?? 0);
    log('scoring against the ground truth…');
    const stewardAcc = new StewardAccumulator(await stewardInput(ctx.db, [...batchOfFile.values()]));
    const accuracy = await measureAccuracy(ctx.db, genDir, batchOfFile, { refused, stewards: stewardAcc });
    const stewards = stewardAcc.result(summary.disclosures);
    const floor = opts.floor ? await measureFloor(factory.postgres.ownerUrl, copy, log) : undefined;
    return {
      rows: summary.rows, seed: opts.seed, mode, workers: factory.processes.workers.length, concurrency, date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, node: process.version },
      generate: { seconds: round(genSeconds), files: summary.files.length },
      registry: { subjects: summary.subjects, wallSeconds: round(regSeconds), rowsPerSecond: Math.round(summary.subjects / regSeconds) },
      link,
      distribution,
      pipeline: { wallSeconds: round(wallSeconds), rowsPerSecond: Math.round(summary.rows / wallSeconds), batches: batchOfFile.size, steps },
      copy: { wallSeconds: round(copy), rowsPerSecond: Math.round(summary.rows / copy) },
      ratioToCopy: round(wallSeconds / copy),
      // Overlapping spans would count one second of CPU for every step then running.
      cpu: cpuFigures(cpuSamples, spans, { from: startedAt, to: startedAt + wallSeconds }, summary.rows, concurrency > 1 ? [] : STEPS),
      peakRssMb: rss,
      postgres: { bytesPer1000Records: { records: sizes.records, lineage: sizes.lineage }, goldenRecords: sizes.goldenRecords },
      accuracy,
      stewards,
      uploads: { files: summary.files.length, accepted: summary.files.length - refused.size, refused: [...refused.values()] },
      ...(floor ? { floor } : {}),
    };
  } finally {
    await close();
  }
}

const round = (n: number): number => Math.round(n * 100) / 100;

async function measureFloor(ownerUrl: string, copy: number, log: (line: string) => void): Promise<NonNullable<BenchResult['floor']>> {
  log('the store\'s floor: each per-row table written once more…');
  const owner = connectDb(ownerUrl, 1);
  try {
    const f = await writeFloor(owner);
    const withoutSearch = f.totalSeconds - f.seconds.golden_records + f.goldenWithoutSearchSeconds;
    return {
      seconds: Object.fromEntries(Object.entries(f.seconds).map(([t, s]) => [t, round(s)])) as WriteFloor['seconds'],
      goldenWithoutSearchSeconds: round(f.goldenWithoutSearchSeconds), totalSeconds: round(f.totalSeconds),
      ratioToCopy: round(f.totalSeconds / copy), ratioToCopyWithoutSearch: round(withoutSearch / copy),
    };
  } finally {
    await owner.destroy();
  }
}
