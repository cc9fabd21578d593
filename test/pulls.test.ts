// Pulls from agencies' own systems through the whole factory, against real sources: a MariaDB table
// named by the standard's column codes, a PostgreSQL table with names of its own and a column map,
// and a source that is down. The first pull takes everything, the next only what changed (a row
// changed at the source becomes its record's next version), an empty pull makes no batch, a full
// re-read changes nothing, a source that is down is retried and shown failing without holding the
// others, and the schedules follow the catalogue.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ScheduleNotFoundError } from '@temporalio/client';
import knex from 'knex';
import type { Knex } from 'knex';
import Papa from 'papaparse';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { DEMO_CATALOG } from '../catalog/demo/load-demo.ts';
import { datasetDefinition } from '../catalog/dataset-definition.ts';
import { parseIdentity } from '../services/identity.ts';
import { recordLineage } from '../services/lineage/record.ts';
import { listPulls, runPull } from '../services/pulls/index.ts';
import { pullScheduleId, syncPullSchedules } from '../services/pulls/schedules.ts';
import { waitForBatch } from '../services/upload.ts';
import { runCdf } from './helpers/cli.ts';
import { createTestFactory } from './helpers/factory.ts';
import type { TestFactory } from './helpers/factory.ts';
import { HAND_WRITTEN_EXTRACT } from './helpers/fixtures.ts';

const operator = parseIdentity('admin@pulls');
const TABLE = `cdf_pull_${process.pid}_${Date.now().toString(36)}`;
const PASSWORD_ENV = 'CDF_PULL_TEST_MARIADB_PASSWORD';
const def = datasetDefinition('admin_penalty');
// The hand-written extract's rows, by field name: the sources hold these.
const [header, ...rows] = Papa.parse<string[]>(readFileSync(HAND_WRITTEN_EXTRACT, 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
const fieldOf = (h: string) => def.fields.find((f) => f.zh === h)!;
const records = rows.map((r) => Object.fromEntries(header!.map((h, i) => [fieldOf(h).name, r[i] ?? ''])));
const fields = header!.map((h) => fieldOf(h));

let f: TestFactory;
let maria: Knex;
let pg: Knex;

const mariaEntry = { agency: 'city_housing', dataset: 'admin_penalty', channel: 'scheduled_pull' };
const pgEntry = { agency: 'city_credit_center', dataset: 'admin_penalty', channel: 'scheduled_pull' };
const downEntry = { agency: 'city_high_court', dataset: 'admin_penalty', channel: 'scheduled_pull' };

/** The demo catalogue with the three pulled entries, `change` applied, imported with `cdf catalog import`. */
async function importCatalog(change: (entries: Array<Record<string, unknown>>) => void = () => undefined): Promise<string> {
  const catalog = parse(readFileSync(DEMO_CATALOG, 'utf8')) as { entries: Array<Record<string, unknown>> };
  const common = { region: '120000', frequency: 'daily', authoritative: true, share: 'unconditional', publish: true };
  catalog.entries.push(
    {
      ...mariaEntry, ...common,
      pull: {
        connector: 'sql-pull',
        config: {
          client: 'mysql', connection: { host: '127.0.0.1', port: 3306, database: 'test', user: 'root', passwordEnv: PASSWORD_ENV },
          table: TABLE, cursor: { column: 'updated_at', kind: 'timestamp', tiebreak: 'id' }, pageSize: 3,
        },
      },
    },
    {
      ...pgEntry, ...common,
      pull: {
        connector: 'sql-pull',
        config: {
          client: 'postgresql', connection: { host: '127.0.0.1', port: 5432, database: 'test', user: 'postgres' },
          table: TABLE, cursor: { column: 'id', kind: 'number', tiebreak: 'id' },
        },
        columns: Object.fromEntries(fields.map((x, i) => [x.name, `c${i}`])),
      },
    },
    {
      ...downEntry, ...common,
      pull: {
        connector: 'sql-pull',
        config: { client: 'postgresql', connection: { host: '127.0.0.1', port: 1, database: 'test', user: 'postgres' }, table: TABLE, retries: 0 },
      },
    },
  );
  change(catalog.entries);
  const file = path.join(f.config.dataDir, 'catalog-pulls.yaml');
  writeFileSync(file, stringify(catalog));
  const r = await runCdf(['catalog', 'import', file], f.env);
  expect(r.stderr).toBe('');
  return r.stdout;
}

const pull = (entry: typeof mariaEntry, full = false) => runPull(f.ctx, operator, { ...entry, full, wait: true }).then((r) => r.result!);
const versionsOf = async (batchId: string, rowNo: number): Promise<number> => {
  const row = (await f.database.db('clean_rows').where({ batch_id: batchId, row_no: rowNo }).first('golden_id')) as { golden_id: number };
  return (await f.database.db('golden_records').where({ id: row.golden_id }).first('version') as { version: number }).version;
};

beforeAll(async () => {
  process.env[PASSWORD_ENV] = '';
  f = await createTestFactory({ env: { CDF_PULL_ATTEMPTS: '2', CDF_PULL_RETRY_SECONDS: '1' } });
  maria = knex({ client: 'mysql2', connection: { host: '127.0.0.1', port: 3306, user: 'root', password: '', database: 'test' } });
  pg = knex({ client: 'pg', connection: { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' } });
  await maria.schema.createTable(TABLE, (t) => {
    t.increments('id');
    for (const x of fields) t.text(x.column.toLowerCase());
    t.specificType('updated_at', 'datetime(6) not null default current_timestamp(6)');
  });
  await maria(TABLE).insert(records.map((r) => Object.fromEntries(fields.map((x) => [x.column.toLowerCase(), r[x.name]]))));
  await pg.schema.createTable(TABLE, (t) => {
    t.increments('id');
    fields.forEach((_, i) => t.text(`c${i}`));
  });
  await pg(TABLE).insert(records.map((r) => Object.fromEntries(fields.map((x, i) => [`c${i}`, r[x.name]]))));
  // The demo's registry pull and these three.
  expect(await importCatalog()).toContain('新建 4');
}, 120_000);

afterAll(async () => {
  await maria?.schema.dropTableIfExists(TABLE);
  await pg?.schema.dropTableIfExists(TABLE);
  await maria?.destroy();
  await pg?.destroy();
  await f?.close();
  delete process.env[PASSWORD_ENV];
});

it('takes everything first, then only what changed; a changed row is its record\'s next version; an empty pull makes no batch', async () => {
  const first = await pull(mariaEntry);
  expect(first).toMatchObject({ rows: records.length, duplicate: false, stale: false });
  const batch = await waitForBatch(f.ctx, first.batchId!);
  // The extract's two invalid rows are refused as its upload refuses them.
  expect(batch.counts).toMatchObject({ received: records.length, rejected: 2 });
  expect(batch.origin).toMatchObject({ connector: 'sql-pull', source: 'mysql://127.0.0.1:3306/test', query: TABLE, cursorFrom: null, rows: records.length });

  const empty = await pull(mariaEntry);
  expect(empty).toEqual({ rows: 0, batchId: null, duplicate: false, stale: false });
  expect(Number((await f.database.db('batches').where(mariaEntry).count({ n: '*' }))[0]!.n)).toBe(1);

  // At the source: one penalty's fine corrected, one new penalty.
  // A penalty the extract holds once (it repeats 101 and 102 on purpose).
  const changedNo = records[4]!.decision_no!;
  expect(changedNo).toBe('津市场监管罚〔2025〕105号');
  await maria(TABLE).where({ cf_wsh: changedNo }).update({ cf_nr_fk: '0.3', updated_at: maria.raw('current_timestamp(6)') });
  await maria(TABLE).insert({ ...Object.fromEntries(fields.map((x) => [x.column.toLowerCase(), records[0]![x.name]])), cf_wsh: '津环罚〔2025〕999号' });
  const next = await pull(mariaEntry);
  expect(next.rows).toBe(2);
  const second = await waitForBatch(f.ctx, next.batchId!);
  expect(second.origin).toMatchObject({ cursorFrom: batch.origin!.cursorTo, rows: 2 });
  expect(second.counts).toMatchObject({ received: 2, rejected: 0 });
  const cleaned = (await f.database.db('clean_rows').where({ batch_id: next.batchId }).select('row_no', 'fields')) as
    Array<{ row_no: number; fields: Record<string, string> }>;
  const changedRow = cleaned.find((r) => r.fields.decision_no === changedNo)!;
  expect(await versionsOf(next.batchId!, changedRow.row_no)).toBe(2);
  // Its lineage names the system, query and cursor range the new version was read with.
  const { golden_id: goldenId } = (await f.database.db('clean_rows').where({ batch_id: next.batchId, row_no: changedRow.row_no })
    .first('golden_id')) as { golden_id: number };
  const lineage = await recordLineage(f.ctx.db, parseIdentity('auditor@pulls'), Number(goldenId));
  expect(lineage.sources.find((x) => x.batchId === next.batchId)?.origin).toMatchObject({
    connector: 'sql-pull', source: 'mysql://127.0.0.1:3306/test', query: TABLE, cursorFrom: batch.origin!.cursorTo,
  });
}, 120_000);

it('reads a table with names of its own through the column map, and a full re-read makes no new version', async () => {
  const first = await pull(pgEntry);
  expect(first.rows).toBe(records.length);
  const batch = await waitForBatch(f.ctx, first.batchId!);
  expect(batch.counts).toMatchObject({ received: records.length, rejected: 2 });
  const versions = async () => (await f.database.db('golden_versions').count({ n: '*' }))[0]!.n;
  const before = await versions();
  // Nothing changed: the same rows again are the same file, already received.
  expect(await pull(pgEntry, true)).toMatchObject({ rows: records.length, batchId: first.batchId, duplicate: true });
  expect(await versions()).toBe(before);
}, 120_000);

it('retries a source that is down, then shows it failing, while the other sources go on', async () => {
  const down = runPull(f.ctx, operator, { ...downEntry, wait: true });
  // Meanwhile another source's pull is not held up.
  expect((await pull(mariaEntry)).rows).toBe(0);
  await expect(down).rejects.toThrow();
  const state = await f.database.db('pull_sources').where(downEntry).first();
  expect(state).toMatchObject({ failures: 1, last_success_at: null });
  expect(state.last_error.code).toMatch(/^CDF_/);
  expect(JSON.stringify(state.last_error)).toContain('127.0.0.1:1');
  const listed = await listPulls(f.ctx, operator, { limit: 10, offset: 0 });
  expect(listed.rows[0]).toMatchObject({ ...downEntry, connector: 'sql-pull' });
  expect(listed.rows[0]!.state!.failures).toBe(1);
}, 120_000);

it('lists and runs pulls from the command line, in the user\'s language', async () => {
  const list = await runCdf(['pull', 'list'], f.env);
  expect(list.stdout.split('\n')[0]).toMatch(/^city_high_court\tadmin_penalty\tdaily\tsql-pull\t失败中（连续 1 次/);
  const run = await runCdf(['pull', 'run', '--agency', mariaEntry.agency, '--dataset', 'admin_penalty', '--lang', 'en'], f.env);
  expect(run.stdout.trim()).toBe('nothing new: no batch');
  const bad = await runCdf(['pull', 'run', '--agency', 'city_tax', '--dataset', 'admin_penalty'], f.env);
  expect(bad.code).not.toBe(0);
  expect(bad.stderr).toContain('CDF_PULL_NOT_CONFIGURED');
}, 60_000);

it('keeps one schedule per pulled entry in step with the catalogue, and a schedule starts a pull', async () => {
  const id = (e: typeof mariaEntry) => pullScheduleId(f.config.taskQueue, e);
  const maria1 = await f.ctx.temporal.schedule.getHandle(id(mariaEntry)).describe();
  expect(maria1.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 1, end: 1, step: 1 }] });
  expect(maria1.spec.timezone).toBe('Asia/Shanghai');
  // realtime for one, the PostgreSQL entry gone.
  const out = await importCatalog((entries) => {
    entries.find((e) => e.agency === mariaEntry.agency && e.channel === 'scheduled_pull')!.frequency = 'realtime';
    entries.splice(entries.findIndex((e) => e.agency === pgEntry.agency && e.channel === 'scheduled_pull'), 1);
  });
  expect(out).toContain('更新 1');
  expect(out).toContain('删除 1');
  const maria2 = await f.ctx.temporal.schedule.getHandle(id(mariaEntry)).describe();
  expect(maria2.spec.intervals?.[0]?.every).toBe(60_000);
  await expect(f.ctx.temporal.schedule.getHandle(id(pgEntry)).describe()).rejects.toBeInstanceOf(ScheduleNotFoundError);
  // The schedule's own run: a pull by the schedule, which the source's state records.
  const before = (await f.database.db('pull_sources').where(mariaEntry).first('last_attempt_at')).last_attempt_at as Date;
  await f.ctx.temporal.schedule.getHandle(id(mariaEntry)).trigger();
  await expect.poll(async () => ((await f.database.db('pull_sources').where(mariaEntry).first('last_success_at')).last_success_at as Date) > before,
    { timeout: 30_000, interval: 250 }).toBe(true);
}, 120_000);

it('brings the schedules in line from workers starting together: the second finds what the first made', async () => {
  const id = pullScheduleId(f.config.taskQueue, mariaEntry);
  await f.ctx.temporal.schedule.getHandle(id).delete();
  const [a, b] = await Promise.all([1, 2].map(() => syncPullSchedules(f.ctx.temporal, f.database.db, f.config)));
  expect([...a!.created, ...b!.created]).toEqual([id]);
  expect((await f.ctx.temporal.schedule.getHandle(id).describe()).scheduleId).toBe(id);
}, 60_000);
