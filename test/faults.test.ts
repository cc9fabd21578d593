// Faults survived, kept under test. The same generated extract (100,000 penalty rows over eight
// files and three channels, with copies, conflicts and invalid rows, plus the registry) goes
// through the factory twice on fresh databases: once undisturbed, once while the worker process is
// SIGKILLed ten times at seeded random moments and restarted, PostgreSQL is stopped and started
// again on its port and data folder, and the Temporal dev server likewise on its SQLite file. Both
// runs end with the same uploads of the same file twice at one instant (one batch) and of two
// agencies' files at once. The disturbed run must account for every received row exactly once,
// end with the very golden records of the undisturbed one, deliver each change set once and leave
// no temporary file behind. Its own servers (runtime/postgres-server.ts, runtime/temporal-server.ts)
// on free ports: it restarts them, so it never touches the shared ones of test/global-setup.ts.
// FAULTS_SEED=<n> replays a run's fault timing; FAULTS_ROWS=<n> changes the size (default 100000).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel } from '../catalog/catalog-file.ts';
import { connectDb } from '../db/connect.ts';
import { migrate } from '../db/migrate.ts';
import { isCdfError } from '../domain/errors.ts';
import { loadConfig } from '../runtime/config.ts';
import { openContext } from '../services/context.ts';
import type { ServiceContext } from '../services/context.ts';
import { importDemoCatalog } from '../services/demo.ts';
import { parseIdentity } from '../services/identity.ts';
import { uploadFile, workflowIdFor } from '../services/upload.ts';
import { generateDataset } from '../bench/generate/dataset.ts';
import type { Summary } from '../bench/generate/truth.ts';
import { faultPlan, Gate, sleep, startChaos } from './helpers/faults-chaos.ts';
import type { Chaos, Fault } from './helpers/faults-chaos.ts';
import { mapDiff, multisetDiff, readOutcome } from './helpers/faults-outcome.ts';
import type { Outcome } from './helpers/faults-outcome.ts';
import { ownPostgres, ownTemporal } from './helpers/faults-servers.ts';
import type { OwnPostgres, OwnTemporal } from './helpers/faults-servers.ts';
import { superviseWorker } from './helpers/faults-worker.ts';

const ROWS = Number(process.env.FAULTS_ROWS ?? 100_000);
const SEED = Number(process.env.FAULTS_SEED ?? Math.floor(Math.random() * 2 ** 31));
const who = parseIdentity('admin@faults');
const log = (line: string) => console.log(`[faults] ${line}`);

interface Upload { label: string; file: string; agency: string; channel: string; dataset: string }
/** One step of the schedule: files uploaded at one instant ('twice': the same file by two calls). */
interface Group { uploads: Upload[]; twice?: boolean }

let root: string;
let pg: OwnPostgres | undefined;
let temporal: OwnTemporal | undefined;
let summary: Summary;
let genDir: string;

function schedule(): Group[] {
  const byAgency = new Map(summary.files.map((f) => [f.agency, f]));
  const penalty = (agency: string): Upload => {
    const f = byAgency.get(agency)!;
    return { label: agency, file: path.join(genDir, f.file), agency, channel: f.channel, dataset: 'admin_penalty' };
  };
  const registry = {
    label: 'registry', file: path.join(genDir, 'registry.csv'), agency: 'city_market_regulation', channel: 'scheduled_pull', dataset: 'legal_person_registry',
  };
  return [
    { uploads: [registry] },
    ...['city_market_regulation', 'national_vertical', 'binhai_market_regulation', 'binhai_platform', 'city_ecology']
      .map((a) => ({ uploads: [penalty(a)] })),
    { uploads: [penalty('city_tax'), penalty('city_tax')], twice: true },
    { uploads: [penalty('heping_market_regulation'), penalty('nankai_market_regulation')] },
  ];
}

const expectedRows = (): Map<string, number> =>
  new Map([['registry', summary.subjects], ...summary.files.map((f): [string, number] => [f.agency, f.rows])]);

/** An upload refused for a reason of the file is a failure; one that met a server restarting is
 * tried again, as its sender would (the same file again is the same batch). */
async function uploadOnce(ctx: ServiceContext, gate: Gate, u: Upload) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await gate.upload(() => uploadFile(ctx, who, u.file, { agency: u.agency, dataset: u.dataset, channel: u.channel as Channel }));
    } catch (e) {
      if ((isCdfError(e) && e.kind !== 'transient') || attempt >= 5) throw e;
      log(`upload of ${u.label} met ${(e as Error).message}; trying again`);
      await sleep(2000);
    }
  }
}

/** Waits for the batches by reading the database, riding out its restart. */
async function waitBatches(ctx: ServiceContext, batchIds: string[], timeoutMs = 15 * 60_000): Promise<void> {
  const ids = [...new Set(batchIds)];
  const deadline = Date.now() + timeoutMs;
  let seen = '';
  for (;;) {
    try {
      const rows = (await ctx.db('batches').whereIn('id', ids).select('id', 'status', 'step', 'error')) as Array<{
        id: string; status: string; step: string | null; error: unknown;
      }>;
      seen = rows.map((r) => `${r.id} ${r.status}/${r.step ?? '-'}`).join(', ');
      const failed = rows.find((r) => r.status === 'failed');
      if (failed) throw new Error(`batch ${failed.id} failed: ${JSON.stringify(failed.error)}`);
      if (rows.length === ids.length && rows.every((r) => r.status === 'done')) return;
    } catch (e) {
      if ((e as Error).message.startsWith('batch ')) throw e;
    }
    if (Date.now() > deadline) throw new Error(`batches ${ids.join(', ')} not done after ${timeoutMs / 1000} s (last seen: ${seen || 'nothing'})`);
    await sleep(500);
  }
}

/** Activity attempts after the first, per step, from the workflows' histories: what the faults made Temporal retry. */
async function retriedSteps(ctx: ServiceContext, batchIds: string[]): Promise<Record<string, number>> {
  const retried: Record<string, number> = {};
  for (const id of new Set(batchIds)) {
    const history = await ctx.temporal.workflow.getHandle(workflowIdFor(id)).fetchHistory();
    const scheduled = new Map<string, string>();
    for (const e of history.events ?? []) {
      const s = e.activityTaskScheduledEventAttributes;
      if (s) scheduled.set(String(e.eventId), s.activityType?.name ?? '?');
      const st = e.activityTaskStartedEventAttributes;
      if (st && (st.attempt ?? 1) > 1) {
        const step = scheduled.get(String(st.scheduledEventId)) ?? '?';
        retried[step] = (retried[step] ?? 0) + (st.attempt ?? 1) - 1;
      }
    }
  }
  return retried;
}

interface RunResult {
  outcome: Outcome;
  seconds: number;
  faults: Fault[];
  selfExits: string[];
  retried: Record<string, number>;
  twice: Array<{ batchId: string; duplicate: boolean }>;
  batchesOfTwice: number;
}

async function runSchedule(name: string, disturb: boolean): Promise<RunResult> {
  const databaseUrl = await pg!.urlOf(`cdf_${name}`);
  const db = connectDb(databaseUrl, 1);
  await migrate(db).finally(() => db.destroy());
  const dataDir = path.join(root, name, 'data');
  mkdirSync(dataDir, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env, DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: temporal!.address, TEMPORAL_NAMESPACE: 'default', CDF_DATA_DIR: dataDir,
    CDF_TASK_QUEUE: `faults-${name}-${process.pid}`, CDF_LANG: 'zh-CN',
  };
  const ctx = await openContext(loadConfig(env), databaseUrl, temporal!.address);
  const worker = superviseWorker(env, path.join(root, name, 'worker.log'));
  const gate = new Gate();
  let chaos: Chaos | undefined;
  const batchOfFile = new Map<string, string>();
  const twice: RunResult['twice'] = [];
  const started = Date.now();
  try {
    await importDemoCatalog(ctx.db, 'admin@faults', ctx.config);
    await worker.ready();
    if (disturb) {
      const plan = faultPlan(SEED);
      log(`seed ${SEED}: plan ${plan.join(', ')}`);
      chaos = startChaos(SEED, plan, {
        progress: async () => {
          const { rows } = (await ctx.db.raw(`
            select (select coalesce(json_agg(coalesce(step, status)), '[]') from batches where status not in ('done', 'failed')) steps,
                   (select tup_inserted + tup_updated + tup_deleted from pg_stat_database where datname = current_database()) written`)) as {
            rows: Array<{ steps: string[]; written: number }>;
          };
          return rows[0]!;
        },
        workerReady: () => worker.ready(),
        kill: () => worker.kill(),
        restartPostgres: (ms) => pg!.restart(ms),
        restartTemporal: (ms) => temporal!.restart(ms),
      }, gate, log);
    }
    for (const group of schedule()) {
      const results = await Promise.all(group.uploads.map((u) => uploadOnce(ctx, gate, u)));
      group.uploads.forEach((u, i) => batchOfFile.set(u.label, results[i]!.batchId));
      if (group.twice) twice.push(...results.map((r) => ({ batchId: r.batchId, duplicate: r.duplicate })));
      await waitBatches(ctx, results.map((r) => r.batchId));
      log(`${name}: ${group.uploads.map((u) => u.label).join(' + ')} done at ${Math.round((Date.now() - started) / 1000)} s`);
    }
    await chaos?.stop();
    const seconds = (Date.now() - started) / 1000;
    const retried = await retriedSteps(ctx, [...batchOfFile.values()]);
    await worker.stop();
    const twiceSha = (await ctx.db('batches').where({ id: twice[0]!.batchId }).first('file_sha256', 'agency')) as { file_sha256: string; agency: string };
    const batchesOfTwice = Number(((await ctx.db('batches').where(twiceSha).count({ n: '*' })) as Array<{ n: number }>)[0]!.n);
    const outcome = await readOutcome(ctx.db, dataDir, batchOfFile, expectedRows());
    return { outcome, seconds, faults: chaos?.done ?? [], selfExits: worker.selfExits, retried, twice, batchesOfTwice };
  } finally {
    await chaos?.stop();
    await worker.stop();
    await ctx.close();
  }
}

describe('faults: kills and server restarts mid-batch', { timeout: 25 * 60_000 }, () => {
  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'cdf-faults-'));
    genDir = path.join(root, 'extract');
    [pg, temporal, summary] = await Promise.all([ownPostgres(root), ownTemporal(root), generateDataset({ rows: ROWS, seed: 1, outDir: genDir })]);
  }, 10 * 60_000);
  afterAll(async () => {
    await temporal?.stop();
    await pg?.stop();
    if (root && !process.env.FAULTS_KEEP) rmSync(root, { recursive: true, force: true });
  });

  it('accounts for every row once, ends with the undisturbed golden records and delivers each change set once', async () => {
    const wall = Date.now();
    const calm = await runSchedule('calm', false);
    log(`undisturbed: ${calm.seconds.toFixed(0)} s, ${calm.outcome.goldenRows} golden records`);
    const hit = await runSchedule('faults', true);
    const a = calm.outcome;
    const b = hit.outcome;

    const outbox = multisetDiff(a.outbox, b.outbox);
    const rowsLost = Object.values(b.files).reduce((s, f) => s + Math.max(0, f.expected - f.raw) + Math.max(0, f.raw - f.accepted - f.rejected), 0)
      + outbox.lost.length;
    const rowsDoubled = Object.values(b.files).reduce((s, f) => s + Math.max(0, f.raw - f.expected) + f.both, 0)
      + outbox.extra.length + b.outboxDoubled.length;
    const kills = hit.faults.filter((f) => f.kind.startsWith('kill'));
    const restart = (k: string) => hit.faults.filter((f) => f.kind === k)
      .map((f) => `${k} ${((f.downMs ?? 0) / 1000).toFixed(1)} s down during ${f.steps.join('+')}`);
    log(`SUMMARY seed ${SEED} · ${ROWS} penalty rows + ${summary.subjects} registry rows · kills survived ${kills.length} `
      + `(during ${kills.map((k) => k.steps.join('+')).join(', ')}) · restarts: ${[...restart('postgres'), ...restart('temporal')].join('; ')} `
      + `· worker self-exits ${hit.selfExits.length} · retried attempts ${JSON.stringify(hit.retried)} · rows lost ${rowsLost}, doubled ${rowsDoubled} `
      + `· golden records ${b.goldenRows} identical · wall: undisturbed ${calm.seconds.toFixed(0)} s, disturbed ${hit.seconds.toFixed(0)} s, `
      + `test ${((Date.now() - wall) / 1000).toFixed(0)} s`);

    // Every received row exactly once, in both runs.
    for (const [label, f] of Object.entries(b.files)) {
      expect(f.raw, `${label}: rows received`).toBe(f.expected);
      expect(f.accepted + f.rejected, `${label}: accepted + rejected = received`).toBe(f.raw);
      expect(f.both, `${label}: rows both accepted and rejected`).toBe(0);
      expect(f.counts, `${label}: the batch's counts`).toEqual({ received: f.raw, accepted: f.accepted, rejected: f.rejected });
      expect(f.classes['(none)'], `${label}: accepted rows without a class`).toBeUndefined();
      expect({ label, ...f }).toEqual({ label, ...a.files[label] });
    }
    // One golden record per natural key, the same ones with the same content as undisturbed.
    expect(b.goldenRows).toBe(b.golden.size);
    expect(mapDiff(a.golden, b.golden), 'golden records differing from the undisturbed run').toEqual([]);
    // Each delivery once: the same delivery rows, outbox lines and nothing twice in a file.
    expect(b.deliveries).toEqual(a.deliveries);
    expect(outbox.lost.slice(0, 10), 'outbox lines missing').toEqual([]);
    expect(outbox.extra.slice(0, 10), 'outbox lines delivered twice').toEqual([]);
    expect(b.outboxDoubled.slice(0, 10)).toEqual([]);
    expect(b.outboxMiscounted.slice(0, 10)).toEqual([]);
    // Nothing temporary left behind (a kill during distribute must not leave a half-written file).
    expect(a.leftovers).toEqual([]);
    expect(b.leftovers).toEqual([]);
    expect(a.orphans, 'rows of a missing batch, record or clean row').toEqual([]);
    expect(b.orphans, 'rows of a missing batch, record or clean row').toEqual([]);
    // The same file twice at one instant is one batch; the faults really struck and were retried.
    expect(new Set(hit.twice.map((t) => t.batchId)).size).toBe(1);
    expect(hit.batchesOfTwice).toBe(1);
    expect(hit.faults.map((f) => f.kind).sort()).toEqual(faultPlan(SEED).sort());
    expect(Object.values(hit.retried).reduce((s, n) => s + n, 0), 'activity attempts retried after the faults').toBeGreaterThan(0);

  });
});
