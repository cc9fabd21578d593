// The compare and sync steps' named statements on a cloned database, seeded with plain inserts:
// rows classified against held records and their own batch, new records created with their first
// versions and sources (every row of a new key pointing at its record), a held record found for a
// conflict whose key another batch created since compare, and a same-source update as a version.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../connect.ts';
import { createTestDatabase } from '../../../test/helpers/factory.ts';
import type { TestDatabase } from '../../../test/helpers/factory.ts';
import { seedBatch, seedCatalogVersion, seedCleanRow, seedGolden, seedSource } from '../../../test/helpers/query-seed.ts';
import { classCounts, classifyRows, explainClassifyRows, keyRanges, markOutOfResponsibilityRows } from './compare.ts';
import { cleanCounts, rowRanges } from './clean.ts';
import {
  applyUpdatesToRecords, createRecords, insertFirstVersions, insertSources, markSameSourceUpdates, markSubjectCompletions,
  reclassifyAgainstNewRecords, recordUpdateVersions, settleConflictsWithUpdatedRecords,
} from './sync.ts';
import { referenceVersionsToRows } from '../../migrations/20261204000000_version_references.ts';

const md5 = (s: string): string => createHash('md5').update(s).digest('hex');

let database: TestDatabase;
let db: Db;
let cv: number;
const DS = 'admin_penalty';

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  cv = await seedCatalogVersion(db);
});
afterAll(async () => database?.drop());

const classes = async (batchId: string) =>
  (await db('clean_rows').where({ batch_id: batchId }).orderBy('row_no').select('row_no', 'class', 'golden_id')) as
    Array<{ row_no: number; class: string | null; golden_id: number | null }>;

describe('compare', () => {
  it('classifies new, duplicate and conflict against a held record and within the batch', async () => {
    const old = await seedBatch(db, { id: 'cmp_old', catalogVersion: cv });
    const held = await seedGolden(db, { naturalKey: 'K1', fields: {}, contentHash: 'H1' }, { batchId: old, rowNo: 1 });
    const b = await seedBatch(db, { id: 'cmp_new', catalogVersion: cv });
    await seedCleanRow(db, { batchId: b, rowNo: 1, naturalKey: 'K1', contentHash: 'H1' });
    await seedCleanRow(db, { batchId: b, rowNo: 2, naturalKey: 'K1', contentHash: 'H9' });
    await seedCleanRow(db, { batchId: b, rowNo: 3, naturalKey: 'K2', contentHash: 'H2' });
    await seedCleanRow(db, { batchId: b, rowNo: 4, naturalKey: 'K2', contentHash: 'H2' });
    await seedCleanRow(db, { batchId: b, rowNo: 5, naturalKey: 'K2', contentHash: 'H3' });
    await classifyRows(db, b, DS);
    const rows = await classes(b);
    // K2 nobody holds: its rows share the id its record will have, which no record has yet.
    const drawn = rows[2]!.golden_id!;
    expect(Number(drawn)).toBeGreaterThan(Number(held));
    expect(await db('golden_records').where({ id: drawn }).first()).toBeUndefined();
    expect(rows).toEqual([
      { row_no: 1, class: 'duplicate', golden_id: held },
      { row_no: 2, class: 'conflict', golden_id: held },
      { row_no: 3, class: 'new', golden_id: drawn },
      { row_no: 4, class: 'duplicate', golden_id: drawn },
      { row_no: 5, class: 'conflict', golden_id: drawn },
    ]);
    expect(await classCounts(db, b)).toEqual({ duplicate: 2, conflict: 2, new: 1 });
  });

  it('splits a batch into key ranges that never split a key, and classifies range by range as it would whole', async () => {
    const old = await seedBatch(db, { id: 'cmp_parts_old', catalogVersion: cv });
    const whole = await seedBatch(db, { id: 'cmp_parts_whole', catalogVersion: cv });
    const parted = await seedBatch(db, { id: 'cmp_parts', catalogVersion: cv });
    // 600 rows over 150 keys, each key four times (the same content, or another one every third
    // key), a third of the keys held: keys repeat across where tiles of 100 rows would cut.
    for (let k = 0; k < 150; k += 3) await seedGolden(db, { naturalKey: `PK${k}`, fields: {}, contentHash: `PH${k}` }, { batchId: old, rowNo: k });
    const rows = (b: string) => db.raw(`
      insert into clean_rows (batch_id, row_no, fields, natural_key, content_hash)
      select :b, i, '{}', 'PK' || (i % 150), case when i % 150 % 3 = 1 and i > 300 then 'other' else 'PH' || (i % 150) end
        from generate_series(1, 600) i`, { b });
    await rows(whole);
    await rows(parted);
    const ranges = await keyRanges(db, parted, 100);
    expect(ranges.length).toBeGreaterThan(3);
    expect(ranges[0]!.from).toBeNull();
    expect(ranges.at(-1)!.to).toBeNull();
    // Each range starts where the one before it ends: every key is in exactly one.
    ranges.slice(1).forEach((r, i) => expect(r.from).toBe(ranges[i]!.to));
    for (const r of ranges) await classifyRows(db, parted, DS, r);
    await classifyRows(db, whole, DS);
    const [a, b] = [await classes(whole), await classes(parted)];
    expect(b.map((r) => r.class)).toEqual(a.map((r) => r.class));
    expect(await classCounts(db, parted)).toEqual(await classCounts(db, whole));
    expect(await classCounts(db, parted)).toMatchObject({ duplicate: expect.any(Number), conflict: expect.any(Number), new: 100 });
    // A key's rows name one record, drawn once, whichever range it fell in.
    const drawn = (await db('clean_rows').where({ batch_id: parted }).groupBy('natural_key')
      .select('natural_key').countDistinct({ n: 'golden_id' })) as Array<{ n: number }>;
    expect(drawn.every((d) => d.n === 1)).toBe(true);
    // A part reads its rows through the batch's key index, from its range's first key on.
    const plan = JSON.stringify(await explainClassifyRows(db, parted, DS, ranges[1]!));
    expect(plan).toMatch(/"Index Cond":"\(\(batch_id = [^"]*natural_key >= /);
    // A batch of one part's size is one part, open at both ends.
    expect(await keyRanges(db, parted, 600)).toEqual([{ from: null, to: null }]);
  });

  it('probes the store by key for a batch that is a fair share of it, never reading the whole store', async () => {
    // 20,000 held records and a batch of 8,000 rows, a quarter of them keys the store holds: the
    // proportion of a city's large daily file against its store, where the plain join hashed
    // every record of the dataset for every batch.
    await db.raw(`
      insert into golden_records (dataset, natural_key, subject_uscc, fields, content_hash)
      select :ds, 'P' || i, null, jsonb_build_object('decision_no', 'P' || i, 'facts', repeat('违法事实', 40)), 'h' || i
        from generate_series(1, 20000) i`, { ds: DS });
    const b = await seedBatch(db, { id: 'cmp_plan', catalogVersion: cv });
    await db.raw(`
      insert into clean_rows (batch_id, row_no, fields, natural_key, content_hash)
      select :b, i, '{}', 'P' || (i * 10), 'h' || (i * 10) from generate_series(1, 8000) i`, { b });
    await db.raw('analyze golden_records');
    await db.raw('analyze clean_rows');
    const plan = JSON.stringify(await explainClassifyRows(db, b, DS));
    expect(plan).toContain('"Index Name":"golden_records_dataset_natural_key_key"');
    expect(plan).not.toMatch(/"Seq Scan"[^}]*"Relation Name":"golden_records"/);
    await classifyRows(db, b, DS);
    expect(await classCounts(db, b)).toEqual({ duplicate: 2_000, new: 6_000 });
    // One id drawn per key nobody holds, none for a held one.
    expect(await db('clean_rows').where({ batch_id: b, class: 'new' }).countDistinct({ n: 'golden_id' })).toEqual([{ n: 6_000 }]);
  });

  it('reads a batch that is most of the rows by index only through its own range, never through every batch\'s keys', async () => {
    // A registry load: one batch most of clean_rows. Over an index of the key alone, every batch's
    // rows were fetched and dropped by the batch filter (a million-row batch fetched 1,983,595).
    const small = await seedBatch(db, { id: 'cmp_share_small', catalogVersion: cv });
    const big = await seedBatch(db, { id: 'cmp_share_big', catalogVersion: cv });
    const rows = (b: string, n: number) => db.raw(`
      insert into clean_rows (batch_id, row_no, fields, natural_key, content_hash)
      select :b, i, jsonb_build_object('facts', repeat('违法事实', 40)), 'R' || (i * 7919 % 100003), 'h' || i
        from generate_series(1, :n) i`, { b, n });
    await rows(small, 5_000);
    await rows(big, 30_000);
    await db.raw('analyze clean_rows');
    const scans: Array<Record<string, unknown>> = [];
    const walk = (n: Record<string, unknown>) => {
      if (n['Relation Name'] === 'clean_rows' && String(n['Node Type']).includes('Scan')) scans.push(n);
      for (const c of (n['Plans'] as Array<Record<string, unknown>> | undefined) ?? []) walk(c);
    };
    walk((await explainClassifyRows(db, big, DS) as Array<{ Plan: Record<string, unknown> }>)[0]!.Plan);
    // A scan of the whole table in its order is the planner's to choose for a batch that is most
    // of it; one through an index must be through the batch's range.
    const byIndex = scans.filter((n) => String(n['Node Type']).includes('Index'));
    expect(byIndex.length).toBeGreaterThan(0);
    for (const scan of byIndex) {
      expect(String(scan['Index Cond'])).toContain('batch_id');
      expect(String(scan['Filter'] ?? '')).not.toContain('batch_id');
    }
  });

  it('marks the rows another authority is the source of', async () => {
    const b = await seedBatch(db, { id: 'cmp_resp', catalogVersion: cv });
    await seedCleanRow(db, { batchId: b, rowNo: 1, fields: { authority_uscc: 'X' }, cls: 'new' });
    await seedCleanRow(db, { batchId: b, rowNo: 2, fields: { authority_uscc: 'Y' }, cls: 'new' });
    await markOutOfResponsibilityRows(db, b, 'authority_uscc', ['X']);
    expect((await classes(b)).map((r) => r.class)).toEqual(['out_of_responsibility', 'new']);
  });
});

describe('sync', () => {
  it('creates records for new rows with version 1 and sources, and points the key\'s other rows at them', async () => {
    const b = await seedBatch(db, { id: 'syn_new', catalogVersion: cv });
    await seedCleanRow(db, { batchId: b, rowNo: 1, naturalKey: 'S1', contentHash: 'A', cls: 'new', fields: { x: '1' } });
    await seedCleanRow(db, { batchId: b, rowNo: 2, naturalKey: 'S1', contentHash: 'A', cls: 'duplicate' });
    await seedCleanRow(db, { batchId: b, rowNo: 3, naturalKey: 'S1', contentHash: 'B', cls: 'conflict' });
    await db.transaction(async (trx) => {
      // Rows seeded as compare classified them before it drew ids: the reclassification draws them.
      await reclassifyAgainstNewRecords(trx, { batchId: b, dataset: DS });
      expect(await createRecords(trx, { batchId: b, dataset: DS })).toBe(1);
      await insertFirstVersions(trx, b);
      expect(await insertSources(trx, b)).toBe(2);
    });
    const g = (await db('golden_records').where({ dataset: DS, natural_key: 'S1' }).first('id', 'fields', 'content_hash')) as
      { id: number; fields: unknown; content_hash: string };
    expect(g).toMatchObject({ fields: { x: '1' }, content_hash: 'A' });
    expect((await classes(b)).map((r) => r.golden_id)).toEqual([g.id, g.id, g.id]);
    expect(await db('golden_versions').where({ golden_id: g.id }).select('version', 'batch_id', 'row_no')).toEqual([{ version: 1, batch_id: b, row_no: 1 }]);
    // Version 1's values are its row's, read from there rather than written twice.
    expect(await db('golden_versions').where({ golden_id: g.id }).first('fields', 'content_hash')).toEqual({ fields: null, content_hash: 'A' });
    expect(await db('golden_version_values').where({ golden_id: g.id }).first('fields', 'content_hash')).toEqual({ fields: { x: '1' }, content_hash: 'A' });
    expect(await db('record_sources').where({ golden_id: g.id }).orderBy('row_no').select('row_no', 'role'))
      .toEqual([{ row_no: 1, role: 'chosen' }, { row_no: 2, role: 'duplicate' }]);
  });

  it('creates each record under the id compare drew, writing none of the batch\'s rows again', async () => {
    const b = await seedBatch(db, { id: 'syn_drawn', catalogVersion: cv });
    await seedCleanRow(db, { batchId: b, rowNo: 1, naturalKey: 'D1', contentHash: 'A', fields: { x: '1' } });
    await seedCleanRow(db, { batchId: b, rowNo: 2, naturalKey: 'D1', contentHash: 'A' });
    await seedCleanRow(db, { batchId: b, rowNo: 3, naturalKey: 'D1', contentHash: 'B' });
    await seedCleanRow(db, { batchId: b, rowNo: 4, naturalKey: 'D2', contentHash: 'C' });
    await classifyRows(db, b, DS);
    const written = async () => (await db.raw<{ rows: Array<{ row_no: number; v: string }> }>(
      'select row_no, xmin::text as v from clean_rows where batch_id = ? order by row_no', [b])).rows;
    const compared = await written();
    const drawn = (await classes(b)).map((r) => r.golden_id);
    await db.transaction(async (trx) => {
      expect(await reclassifyAgainstNewRecords(trx, { batchId: b, dataset: DS })).toBe(0);
      expect(await createRecords(trx, { batchId: b, dataset: DS })).toBe(2);
    });
    expect(await written()).toEqual(compared);
    const made = await db('golden_records').where({ dataset: DS }).whereIn('natural_key', ['D1', 'D2']).orderBy('natural_key').select('id', 'content_hash');
    expect(made.map((g: { id: number }) => g.id)).toEqual([drawn[0], drawn[3]]);
    expect(drawn.slice(0, 3)).toEqual([drawn[0], drawn[0], drawn[0]]);
    // The sequence moved past the drawn ids: the next record made another way takes a fresh one.
    const next = await seedGolden(db, { naturalKey: 'D3', fields: {}, contentHash: 'E' }, { batchId: b, rowNo: 9 });
    expect(Number(next)).toBeGreaterThan(Math.max(...drawn.map(Number)));
  });

  it('takes the held record for every row of a key another batch created after compare drew its id', async () => {
    const other = await seedBatch(db, { id: 'syn_race', catalogVersion: cv });
    const b = await seedBatch(db, { id: 'syn_raced', catalogVersion: cv });
    await seedCleanRow(db, { batchId: b, rowNo: 1, naturalKey: 'R1', contentHash: 'A' });
    await seedCleanRow(db, { batchId: b, rowNo: 2, naturalKey: 'R1', contentHash: 'B' });
    await seedCleanRow(db, { batchId: b, rowNo: 3, naturalKey: 'R1', contentHash: 'A' });
    await seedCleanRow(db, { batchId: b, rowNo: 4, naturalKey: 'R2', contentHash: 'C' });
    await classifyRows(db, b, DS);
    const r2 = (await classes(b))[3]!.golden_id;
    const held = await seedGolden(db, { naturalKey: 'R1', fields: {}, contentHash: 'B' }, { batchId: other, rowNo: 1 });
    await db.transaction(async (trx) => {
      expect(await reclassifyAgainstNewRecords(trx, { batchId: b, dataset: DS })).toBe(3);
      expect(await createRecords(trx, { batchId: b, dataset: DS })).toBe(1);
    });
    expect(await classes(b)).toEqual([
      { row_no: 1, class: 'conflict', golden_id: held },
      { row_no: 2, class: 'conflict', golden_id: held },
      { row_no: 3, class: 'conflict', golden_id: held },
      { row_no: 4, class: 'new', golden_id: r2 },
    ]);
  });

  it('points a conflict at a record another batch created after compare, and creates none for its key', async () => {
    const other = await seedBatch(db, { id: 'syn_other', catalogVersion: cv });
    const b = await seedBatch(db, { id: 'syn_late', catalogVersion: cv });
    await seedCleanRow(db, { batchId: b, rowNo: 1, naturalKey: 'S2', contentHash: 'A', cls: 'new' });
    await seedCleanRow(db, { batchId: b, rowNo: 2, naturalKey: 'S2', contentHash: 'C', cls: 'conflict' });
    const held = await seedGolden(db, { naturalKey: 'S2', fields: {}, contentHash: 'A' }, { batchId: other, rowNo: 1 });
    await reclassifyAgainstNewRecords(db, { batchId: b, dataset: DS });
    expect(await createRecords(db, { batchId: b, dataset: DS })).toBe(0);
    expect(await classes(b)).toEqual([{ row_no: 1, class: 'duplicate', golden_id: held }, { row_no: 2, class: 'conflict', golden_id: held }]);
  });

  it('takes a conflict from the record\'s own source as its next version, superseding the earlier source', async () => {
    const first = await seedBatch(db, { id: 'syn_src1', catalogVersion: cv, agency: 'tax', channel: 'agency_upload' });
    await seedCleanRow(db, { batchId: first, rowNo: 1, naturalKey: 'S3', cls: 'new' });
    const g = await seedGolden(db, { naturalKey: 'S3', fields: { fine: '1' }, contentHash: 'A' }, { batchId: first, rowNo: 1 });
    await seedSource(db, first, 1, g, 'chosen');
    const next = await seedBatch(db, { id: 'syn_src2', catalogVersion: cv, agency: 'tax', channel: 'agency_upload' });
    await seedCleanRow(db, { batchId: next, rowNo: 1, naturalKey: 'S3', contentHash: 'B', cls: 'conflict', goldenId: g, fields: { fine: '2' } });
    await markSameSourceUpdates(db, next);
    expect(await applyUpdatesToRecords(db, next)).toBe(1);
    await recordUpdateVersions(db, next);
    expect(await db('golden_records').where({ id: g }).first('version', 'content_hash', 'fields'))
      .toEqual({ version: 2, content_hash: 'B', fields: { fine: '2' } });
    expect(await db('golden_versions').where({ golden_id: g, version: 2 }).first('batch_id', 'row_no')).toEqual({ batch_id: next, row_no: 1 });
    expect(await db('golden_version_values').where({ golden_id: g }).orderBy('version').select('version', 'fields'))
      .toEqual([{ version: 1, fields: { fine: '1' } }, { version: 2, fields: { fine: '2' } }]);
    expect(await db('record_sources').where({ golden_id: g }).orderBy('batch_id').select('batch_id', 'role'))
      .toEqual([{ batch_id: first, role: 'superseded' }, { batch_id: next, role: 'chosen' }]);
  });
});

describe('versions held as copies (migration 20261204000000)', () => {
  it('become references where their values equal their row\'s, and read the same', async () => {
    const b = await seedBatch(db, { id: 'ver_ref', catalogVersion: cv });
    await seedCleanRow(db, { batchId: b, rowNo: 1, fields: { fine: '5' } });
    await seedCleanRow(db, { batchId: b, rowNo: 2, fields: { fine: '6' } });
    const same = await seedGolden(db, { naturalKey: 'V1', fields: { fine: '5' } }, { batchId: b, rowNo: 1 });
    const merged = await seedGolden(db, { naturalKey: 'V2', fields: { fine: '7' } }, { batchId: b, rowNo: 2 });
    const before = await db('golden_version_values').whereIn('golden_id', [same, merged]).orderBy('golden_id').select('golden_id', 'fields');
    expect(await referenceVersionsToRows(db)).toBe(1);
    expect(await db('golden_versions').whereIn('golden_id', [same, merged]).orderBy('golden_id').pluck('fields')).toEqual([null, { fine: '7' }]);
    expect(await db('golden_version_values').whereIn('golden_id', [same, merged]).orderBy('golden_id').select('golden_id', 'fields')).toEqual(before);
    expect(before.map((r: { fields: unknown }) => r.fields)).toEqual([{ fine: '5' }, { fine: '7' }]);
  });
});

describe('clean', () => {
  it('splits a batch into row ranges of about partRows rows, and counts accepted and refused rows', async () => {
    const b = await seedBatch(db, { id: 'cln_parts', catalogVersion: cv });
    await db.raw(`insert into raw_rows (batch_id, row_no, cells) select ?, n, array['x'] from generate_series(1, 10) n`, [b]);
    expect(await rowRanges(db, b, 4)).toEqual([{ from: 1, to: 4 }, { from: 5, to: 8 }, { from: 9, to: 10 }]);
    expect(await rowRanges(db, b, 100)).toEqual([{ from: 1, to: 10 }]);
    expect(await rowRanges(db, 'no_such_batch', 4)).toEqual([]);
    await seedCleanRow(db, { batchId: b, rowNo: 1 });
    await db('rejects').insert([
      { batch_id: b, row_no: 2, seq: 0, code: 'CDF_ROW_REQUIRED', message_zh: '缺', message_en: 'missing' },
      { batch_id: b, row_no: 2, seq: 1, code: 'CDF_ROW_SCHEMA', message_zh: '错', message_en: 'wrong' },
    ]);
    expect(await cleanCounts(db, b)).toEqual({ accepted: 1, rejected: 1 });
  });
});

describe('a record whose copy was left unlinked, met by a linked copy', () => {
  const USCC = '91120116MAYNMN9T7Q';
  // The held copy: no code, its name mistyped (合源建材(嘉津)有限公司, so no link), its legal
  // representative the registered one's; hashed before its subject as BASE.
  async function scene(id: string, held: { nameKey: string | null; repKey: string | null; waiting?: boolean }) {
    const first = await seedBatch(db, { id: `${id}_1`, catalogVersion: cv, agency: 'binhai_market', channel: 'agency_upload' });
    await seedCleanRow(db, { batchId: first, rowNo: 1, naturalKey: `${id}K`, contentHash: 'UNLINKED', baseHash: 'BASE', cls: 'new', fields: { n: '1' } });
    await db('clean_rows').where({ batch_id: first, row_no: 1 }).update({ name_key: held.nameKey, rep_key: held.repKey });
    const g = await seedGolden(db, { naturalKey: `${id}K`, fields: { n: '1' }, contentHash: 'UNLINKED' }, { batchId: first, rowNo: 1 });
    await seedSource(db, first, 1, g, 'chosen');
    if (held.waiting) await db('steward_tasks').insert({ kind: 'uncertain_link', batch_id: first, row_no: 1, detail: {} });
    await db.raw(`insert into registry_subjects (uscc, orgcode, name, name_key, block_key, rep_key, golden_id, batch_id, row_no)
                  values (?, 'MAYNMN9T7', '合源建材（天津）有限公司', '合源建材有限公司', '合源建材', '吕宇琳', ?, ?, 1)
                  on conflict do nothing`, [USCC, g, first]);
    const next = await seedBatch(db, { id: `${id}_2`, catalogVersion: cv, agency: 'binhai_platform', channel: 'district_platform' });
    const linked = { naturalKey: `${id}K`, subject: USCC, contentHash: md5(`BASE|${USCC}`), cls: 'conflict', goldenId: g, fields: { n: '2' } };
    await seedCleanRow(db, { batchId: next, rowNo: 1, ...linked });
    await seedCleanRow(db, { batchId: next, rowNo: 2, ...linked });
    return { first, next, g };
  }

  it('takes the linked copy as the next version, the subject filled in, a second such copy its duplicate', async () => {
    const { first, next, g } = await scene('cmp_fill', { nameKey: '合源建材(嘉津)有限公司', repKey: '吕宇琳' });
    expect(await markSubjectCompletions(db, next)).toBe(1);
    expect(await applyUpdatesToRecords(db, next)).toBe(1);
    await recordUpdateVersions(db, next);
    expect(await settleConflictsWithUpdatedRecords(db, next)).toBe(1);
    expect(await classes(next)).toEqual([{ row_no: 1, class: 'update', golden_id: g }, { row_no: 2, class: 'duplicate', golden_id: g }]);
    expect(await db('golden_records').where({ id: g }).first('version', 'subject_uscc', 'content_hash'))
      .toEqual({ version: 2, subject_uscc: USCC, content_hash: md5(`BASE|${USCC}`) });
    expect(await db('record_sources').where({ golden_id: g }).orderBy('batch_id').select('batch_id', 'role'))
      .toEqual([{ batch_id: first, role: 'superseded' }, { batch_id: next, role: 'chosen' }]);
  });

  it('leaves a real disagreement, a subject the held copy does not name, and a copy waiting for a steward', async () => {
    // Other content: linked to that subject the held copy would not hash the same.
    const a = await scene('cmp_fill_a', { nameKey: '合源建材(嘉津)有限公司', repKey: '吕宇琳' });
    await db('clean_rows').where({ batch_id: a.next }).update({ content_hash: md5(`OTHER|${USCC}`) });
    // Neither the name nor the legal representative is the registered subject's.
    const b = await scene('cmp_fill_b', { nameKey: '宏达商贸有限公司', repKey: '李明' });
    const c = await scene('cmp_fill_c', { nameKey: null, repKey: null });
    const d = await scene('cmp_fill_d', { nameKey: '合源建材(嘉津)有限公司', repKey: '吕宇琳', waiting: true });
    for (const s of [a, b, c, d]) {
      expect(await markSubjectCompletions(db, s.next)).toBe(0);
      expect((await classes(s.next)).map((r) => r.class)).toEqual(['conflict', 'conflict']);
    }
  });
});
