// Seeds N golden records into a migrated factory database, as a year of batches would have left
// them: batches per catalogue entry, clean rows, golden records with versions and sources, the
// registry's subjects, copies through the national vertical feed, about 1% steward items and the
// deliveries of every penalty batch. Records are made in TypeScript (generate.ts) and COPYed into
// an unlogged staging table 100,000 at a time; everything else is set-based SQL from there, so
// memory stays bounded and 1,000,000 records take minutes.
import type { Knex } from 'knex';
import type { Db } from '../../db/connect.ts';
import { copyRows, withPgClient } from '../../db/copy.ts';
import type { CopyValue } from '../../db/copy.ts';
import { nameKey } from '../../domain/link/name-key.ts';
import { hashInts } from '../generate/random.ts';
import { batchColumns, batchesOf, demoSources, licenceRecord, makeRegistry, penaltyRecord, planOf, registryRecord } from './generate.ts';
import type { SeedBatch, SeedDataset, SeedRecord } from './generate.ts';

export const CHUNK = 100_000;

const COLUMNS = JSON.stringify((['legal_person_registry', 'admin_penalty', 'admin_licence'] as const)
  .map((dataset) => ({ dataset, headers: batchColumns(dataset).headers, column_map: batchColumns(dataset).columnMap })));

export interface SeedSummary {
  records: number;
  byDataset: Record<string, number>;
  batches: number;
  cleanRows: number;
  versions: number;
  sources: number;
  registrySubjects: number;
  stewardTasks: { total: number; open: number; byKind: Record<string, number> };
  deliveries: number;
  seconds: number;
}

const batchId = (seed: number, b: SeedBatch | number): string => {
  const i = typeof b === 'number' ? b : b.index;
  return `b${hashInts(seed, 7, i).toString(16).padStart(8, '0')}${i.toString(16).padStart(16, '0')}`;
};

interface Slice { batch: SeedBatch; dataset: SeedDataset; first: number }

const STAGE_COLUMNS = [
  'gid', 'dataset', 'batch_id', 'row_no', 'natural_key', 'subject_uscc', 'fields', 'content_hash', 'created_at', 'name_key', 'rep_key',
] as const;

export async function seedPages(owner: Db, opts: { records: number; seed: number; log: (line: string) => void }): Promise<SeedSummary> {
  const started = performance.now();
  const { seed, log } = opts;
  const plan = planOf(opts.records);
  const sources = demoSources();
  const registry = makeRegistry(seed, plan.legal_person_registry);
  // Batches in the order their datasets are made: the registry first (links resolve against it).
  const slices: Slice[] = [];
  let next = 0;
  for (const dataset of ['legal_person_registry', 'admin_penalty', 'admin_licence'] as const) {
    let first = 0;
    for (const batch of batchesOf(seed, dataset, plan[dataset], sources, next)) {
      slices.push({ batch, dataset, first });
      first += batch.rows;
    }
    next = slices.length;
  }
  log(`  ${slices.length} 个批次 batches; ${JSON.stringify(plan)}`);
  const version = ((await owner('catalog_versions').max('id as v').first()) as { v: number }).v;
  const gid0 = Number(((await owner('golden_records').max('id as m').first()) as { m: string | null }).m ?? 0);
  const now = Date.now();
  const createdAt = (b: SeedBatch) => new Date(now - b.ageDays * 86_400_000 - (hashInts(seed, 8, b.index) % 86_400) * 1000);
  await insertBatches(owner, slices.map((s) => ({
    id: batchId(seed, s.batch), dataset: s.dataset, agency: s.batch.source.agency, channel: s.batch.source.channel, rows: s.batch.rows,
    created_at: createdAt(s.batch).toISOString(), catalog_version: version,
  })));

  await owner.raw(`drop table if exists bench_pages_stage;
    create unlogged table bench_pages_stage (gid bigint, dataset text, batch_id text, row_no int, natural_key text, subject_uscc text,
      fields jsonb, content_hash text, created_at timestamptz, name_key text, rep_key text)`);
  // Records in global order: slice by slice, row by row; a chunk is a range of that order.
  async function* rows(from: number, to: number): AsyncGenerator<readonly CopyValue[]> {
    let g = 0;
    for (const s of slices) {
      if (g + s.batch.rows <= from) { g += s.batch.rows; continue; }
      if (g >= to) return;
      const at = createdAt(s.batch).toISOString();
      for (let k = 0; k < s.batch.rows; k++, g++) {
        if (g < from) continue;
        if (g >= to) return;
        const i = s.first + k;
        const r: SeedRecord = s.dataset === 'legal_person_registry' ? registryRecord(registry, i)
          : s.dataset === 'admin_penalty' ? penaltyRecord(seed, registry, s.batch.source, i) : licenceRecord(seed, registry, s.batch.source, i);
        const name = r.fields.subject_name ?? r.fields.name ?? '';
        yield [gid0 + g + 1, s.dataset, batchId(seed, s.batch), k + 1, r.naturalKey, r.subjectUscc, JSON.stringify(r.fields), r.contentHash, at,
          name ? nameKey(name) : null, r.fields.legal_rep ? nameKey(r.fields.legal_rep) : null];
      }
    }
  }
  for (let from = 0; from < opts.records; from += CHUNK) {
    const to = Math.min(opts.records, from + CHUNK);
    const t = performance.now();
    await owner.raw('truncate bench_pages_stage');
    await withPgClient(owner, (c) => copyRows(c, 'bench_pages_stage', STAGE_COLUMNS, rows(from, to)));
    await owner.transaction((trx) => fromStage(trx));
    log(`  ${to.toLocaleString('en')} / ${opts.records.toLocaleString('en')} 条标准记录 golden records (${Math.round(performance.now() - t)} ms)`);
  }
  await owner.raw('drop table bench_pages_stage');
  await owner.raw(`select setval(pg_get_serial_sequence('golden_records', 'id'), (select max(id) from golden_records))`);
  log('  副本、版本、待处理事项、分发 / copies, versions, steward items, deliveries…');
  await copiesAndVersions(owner, seed, version);
  await stewardTasks(owner);
  await deliveries(owner);
  log('  ANALYZE…');
  await owner.raw('analyze');
  return summary(owner, opts.records, performance.now() - started);
}

async function insertBatches(db: Db | Knex.Transaction, rows: Array<Record<string, string | number>>): Promise<void> {
  for (let k = 0; k < rows.length; k += 2000) {
    await db.raw(`
      insert into batches (id, dataset, agency, channel, file_name, file_sha256, file_bytes, format, encoding, headers, column_map, catalog_version,
                           landing_path, status, counts, created_by, created_at, updated_at, finished_at)
      select b.id, b.dataset, b.agency, b.channel, b.dataset || '_' || to_char(b.created_at at time zone 'Asia/Shanghai', 'YYYYMMDD') || '.csv',
             md5(b.id) || md5(b.id || 'x'), b.rows * 420, 'csv', 'utf-8', c.headers, c.column_map, b.catalog_version, 'bench/' || b.id, 'done',
             jsonb_build_object('received', b.rows, 'accepted', b.rows, 'rejected', 0, 'rejectedByCode', '{}'::jsonb, 'new', b.rows, 'duplicates', 0,
                                'conflicts', 0, 'updates', 0, 'outOfResponsibility', 0, 'awaitingLink', 0, 'linked', b.rows, 'unlinked', 0, 'linkPending', 0,
                                'suspectedDuplicates', 0, 'goldenCreated', b.rows, 'goldenVersions', 0, 'delivered', 0),
             'agency:' || b.agency || '@bench', b.created_at, b.created_at + interval '3 minutes', b.created_at + interval '3 minutes'
        from jsonb_to_recordset(?::jsonb) as b(id text, dataset text, agency text, channel text, rows int, created_at timestamptz, catalog_version int)
        join jsonb_to_recordset(?::jsonb) as c(dataset text, headers jsonb, column_map jsonb) on c.dataset = b.dataset`,
    [JSON.stringify(rows.slice(k, k + 2000)), COLUMNS]);
  }
}

/** One staged chunk into the pipeline's tables, as sync leaves a new record. */
async function fromStage(trx: Knex.Transaction): Promise<void> {
  await trx.raw(`
    insert into clean_rows (batch_id, row_no, fields, natural_key, content_hash, subject_uscc, link_method, link_confidence, class, golden_id,
                            name_key, rep_key)
    select batch_id, row_no, fields, natural_key, content_hash, subject_uscc, case when subject_uscc is null then null else 'uscc' end,
           case when subject_uscc is null then null else 1 end, 'new', gid, name_key, rep_key
      from bench_pages_stage`);
  await trx.raw(`
    insert into golden_records (id, dataset, natural_key, subject_uscc, fields, content_hash, status, version, created_at, updated_at)
    select gid, dataset, natural_key, subject_uscc, fields, content_hash, 'active', 1, created_at, created_at from bench_pages_stage`);
  await trx.raw(`
    insert into golden_versions (golden_id, version, fields, content_hash, batch_id, row_no, valid_from)
    select gid, 1, fields, content_hash, batch_id, row_no, created_at from bench_pages_stage`);
  await trx.raw(`
    insert into record_sources (batch_id, row_no, golden_id, role, created_at)
    select batch_id, row_no, gid, 'chosen', created_at from bench_pages_stage`);
  await trx.raw(`
    insert into registry_subjects (uscc, orgcode, regno, name, name_key, block_key, rep_key, golden_id, batch_id, row_no)
    select subject_uscc, substr(subject_uscc, 9, 9), fields->>'regno', fields->>'name', name_key, cdf_block_key(name_key), rep_key, gid, batch_id, row_no
      from bench_pages_stage where dataset = 'legal_person_registry'`);
}

/** A tenth of the city authorities' penalties also arrive through the national vertical feed, in
 * batches of 500: duplicate sources; one in five of those copies was a correction, the record's v2. */
async function copiesAndVersions(db: Db, seed: number, version: number): Promise<void> {
  await db.raw(`
    create temporary table bench_copies as
    select g.id, g.fields, g.natural_key, g.subject_uscc, g.content_hash, g.created_at,
           (row_number() over (order by g.id) - 1) as k
      from golden_records g
     where g.dataset = 'admin_penalty' and g.id % 10 = 0
       and g.fields->>'authority_uscc' in (select uscc from (values ${cityAuthorities()}) v(uscc))`);
  const { rows } = await db.raw<{ rows: Array<{ n: number; at: string }> }>(
    `select (k / 500)::int as n, max(created_at) + interval '1 day' as at from bench_copies group by 1 order by 1`);
  await insertBatches(db, rows.map((r) => ({
    id: `${batchId(seed, 900_000 + r.n)}`, dataset: 'admin_penalty', agency: 'national_vertical', channel: 'national_vertical', rows: 500,
    created_at: new Date(r.at).toISOString(), catalog_version: version,
  })));
  const ids = rows.map((r) => batchId(seed, 900_000 + r.n));
  await db.raw(`
    insert into clean_rows (batch_id, row_no, fields, natural_key, content_hash, subject_uscc, link_method, link_confidence, class, golden_id)
    select (?::text[])[(k / 500)::int + 1], (k % 500)::int + 1, fields, natural_key, content_hash, subject_uscc, 'uscc', 1,
           case when id % 50 = 0 then 'update' else 'duplicate' end, id
      from bench_copies`, [ids]);
  await db.raw(`
    insert into record_sources (batch_id, row_no, golden_id, role, created_at)
    select (?::text[])[(k / 500)::int + 1], (k % 500)::int + 1, id, case when id % 50 = 0 then 'chosen' else 'duplicate' end, created_at + interval '1 day'
      from bench_copies`, [ids]);
  // The corrected ones: v2 from the copy, the original row superseded.
  await db.raw(`
    insert into golden_versions (golden_id, version, fields, content_hash, batch_id, row_no, valid_from)
    select id, 2, fields || jsonb_build_object('remarks', '更正'), md5(content_hash || 'v2'), (?::text[])[(k / 500)::int + 1], (k % 500)::int + 1,
           created_at + interval '1 day'
      from bench_copies where id % 50 = 0`, [ids]);
  await db.raw(`
    update golden_records g set version = 2, fields = g.fields || jsonb_build_object('remarks', '更正'), updated_at = g.created_at + interval '1 day'
      from bench_copies c where c.id = g.id and c.id % 50 = 0`);
  await db.raw(`
    update record_sources s set role = 'superseded'
      from bench_copies c join golden_versions v on v.golden_id = c.id and v.version = 1
     where c.id % 50 = 0 and s.batch_id = v.batch_id and s.row_no = v.row_no`);
  await db.raw('drop table bench_copies');
}

const cityAuthorities = (): string =>
  demoSources().filter((s) => s.dataset === 'admin_penalty' && s.region === '120000').map((s) => `('${s.uscc}')`).join(', ');

/** About 1% of the records have a steward item: conflicts on copies, uncertain links, suspected
 * duplicates; a quarter decided, the open ones older than three days escalated. */
async function stewardTasks(db: Db): Promise<void> {
  const decided = (alias: string) => `case when ${alias} % 4 = 0 then 'decided' else 'open' end`;
  await db.raw(`
    insert into steward_tasks (kind, batch_id, row_no, golden_id, status, detail, created_at, decided_at, decided_by, decision)
    select 'conflict', c.batch_id, c.row_no, g.id, ${decided('g.id / 10')},
           jsonb_build_object('rule', 'material_differs', 'differs', '["fine_amount"]'::jsonb,
             'held', jsonb_build_object('values', jsonb_build_object('fine_amount', g.fields->'fine_amount'), 'version', g.version,
                                        'subjectUscc', g.subject_uscc, 'batchId', v.batch_id, 'rowNo', v.row_no, 'source', hb.agency || '|' || hb.channel),
             'incoming', jsonb_build_object(
               'values', jsonb_build_object('fine_amount', to_jsonb(((coalesce(g.fields->>'fine_amount', '1'))::numeric * 10)::text)),
               'subjectUscc', c.subject_uscc, 'batchId', c.batch_id, 'rowNo', c.row_no, 'source', 'national_vertical|national_vertical'),
             'suggested', 'take_held', 'suggestedBecause', 'authoritative_held'),
           b.created_at, case when (g.id / 10) % 4 = 0 then b.created_at + interval '2 days' end,
           case when (g.id / 10) % 4 = 0 then 'steward@bench' end,
           case when (g.id / 10) % 4 = 0 then '{"decision": {"action": "take_held"}}'::jsonb end
      from clean_rows c
      join batches b on b.id = c.batch_id and b.agency = 'national_vertical'
      join golden_records g on g.id = c.golden_id
      join golden_versions v on v.golden_id = g.id and v.version = 1
      join batches hb on hb.id = v.batch_id
     where c.class = 'duplicate' and (g.id / 10) % 7 = 0`);
  await db.raw(`
    insert into steward_tasks (kind, batch_id, row_no, golden_id, status, detail, created_at, decided_at, decided_by)
    select 'uncertain_link', s.batch_id, s.row_no, null, ${decided('s.golden_id / 300')},
           jsonb_build_object('method', 'name_fuzzy', 'reason', 'close_candidates', 'candidates', jsonb_build_array(
             jsonb_build_object('uscc', g.subject_uscc, 'name', g.fields->>'subject_name', 'score', 0.86),
             jsonb_build_object('uscc', r.uscc, 'name', r.name, 'score', 0.83))),
           g.created_at, case when (s.golden_id / 300) % 4 = 0 then g.created_at + interval '1 day' end,
           case when (s.golden_id / 300) % 4 = 0 then 'steward@bench' end
      from record_sources s
      join golden_records g on g.id = s.golden_id
      join lateral (select uscc, name from registry_subjects r where r.uscc > coalesce(g.subject_uscc, '') order by r.uscc limit 1) r on true
     where s.golden_id % 300 = 1 and g.dataset <> 'legal_person_registry' and s.role = 'chosen' and g.subject_uscc is not null`);
  await db.raw(`
    insert into steward_tasks (kind, batch_id, row_no, golden_id, status, detail, created_at, decided_at, decided_by)
    select 'suspected_duplicate', s.batch_id, s.row_no, g.id, ${decided('s.golden_id / 500')},
           jsonb_build_object('rule', 'near_duplicate_key', 'score', 0.93, 'suggested', 'merge',
             'record', jsonb_build_object('goldenId', g.id, 'naturalKey', g.natural_key),
             'candidate', jsonb_build_object('goldenId', o.id, 'naturalKey', o.natural_key)),
           g.created_at, case when (s.golden_id / 500) % 4 = 0 then g.created_at + interval '1 day' end,
           case when (s.golden_id / 500) % 4 = 0 then 'steward@bench' end
      from record_sources s
      join golden_records g on g.id = s.golden_id
      join golden_records o on o.id = g.id + 1 and o.dataset = g.dataset
     where s.golden_id % 500 = 2 and g.dataset = 'admin_penalty' and s.role = 'chosen'`);
  await db.raw(`update steward_tasks set escalated_at = created_at + interval '3 days'
                 where status = 'open' and created_at < now() - interval '3 days' and id % 3 = 0`);
}

/** Each penalty batch went to the demo's penalty subscriptions: the public site and the city
 * platform always, Binhai's platform for Binhai's agencies; 1% failing, the tax service's
 * conditional records withheld from the public site. */
async function deliveries(db: Db): Promise<void> {
  await db.raw(`
    insert into deliveries (subscription_id, batch_id, idempotency_key, records, tombstones, location, status, created_at, acknowledged_at, withheld,
                            attempts, last_error)
    select s.id, b.id, s.id || ':' || b.id, (b.counts->>'accepted')::int, 0, 'outbox/' || s.id || '/' || b.id || '.ndjson',
           case when hashtext(s.id || b.id) % 100 = 0 then 'failing'
                when b.agency = 'city_tax' and s.public then 'withheld:conditional_no_grant' else 'delivered' end,
           b.finished_at, case when hashtext(s.id || b.id) % 100 = 0 then null else b.finished_at end, 0,
           case when hashtext(s.id || b.id) % 100 = 0 then 4 else 1 end,
           case when hashtext(s.id || b.id) % 100 = 0 then 'connect ECONNREFUSED 10.0.3.7:443' end
      from batches b
      join subscriptions s on s.dataset = b.dataset and s.active
     where b.id like 'b%' and b.created_by like '%@bench' and b.dataset = 'admin_penalty'
       and (s.regions = '[]'::jsonb or b.agency like 'binhai%' or b.agency = 'tanggu_office')
    on conflict (idempotency_key) do nothing`);
  await db.raw(`
    update batches b set counts = b.counts || jsonb_build_object('delivered', d.n)
      from (select batch_id, sum(records)::int as n from deliveries where status = 'delivered' group by batch_id) d
     where d.batch_id = b.id and b.created_by like '%@bench'`);
}

async function summary(db: Db, records: number, ms: number): Promise<SeedSummary> {
  const one = async (sql: string): Promise<number> => Number(((await db.raw<{ rows: Array<{ n: string }> }>(sql)).rows[0]!).n);
  const byDataset = Object.fromEntries(
    ((await db.raw<{ rows: Array<{ dataset: string; n: string }> }>('select dataset, count(*) as n from golden_records group by 1 order by 1')).rows)
      .map((r) => [r.dataset, Number(r.n)]),
  );
  const byKind = Object.fromEntries(
    ((await db.raw<{ rows: Array<{ kind: string; n: string }> }>('select kind, count(*) as n from steward_tasks group by 1 order by 1')).rows)
      .map((r) => [r.kind, Number(r.n)]),
  );
  return {
    records, byDataset,
    batches: await one('select count(*) as n from batches'),
    cleanRows: await one('select count(*) as n from clean_rows'),
    versions: await one('select count(*) as n from golden_versions'),
    sources: await one('select count(*) as n from record_sources'),
    registrySubjects: await one('select count(*) as n from registry_subjects'),
    stewardTasks: {
      total: await one('select count(*) as n from steward_tasks'), open: await one(`select count(*) as n from steward_tasks where status = 'open'`), byKind,
    },
    deliveries: await one('select count(*) as n from deliveries'),
    seconds: Math.round(ms / 100) / 10,
  };
}
