// The link step's statements on a cloned database, seeded with plain inserts: each code method
// (USCC confirmed or not by the registry, a held USCC repaired or refused, legacy codes), another
// copy of the same disclosure, the exact name and the fuzzy blocks, links and questions, the
// fold of unlinked rows into their hash and the step's figures. One batch per case.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetDefinition } from '../../../catalog/dataset-definition.ts';
import { USCC_PLACEHOLDER } from '../../../domain/codes/index.ts';
import { blockKey, nameKey } from '../../../domain/link/name-key.ts';
import type { Db } from '../../connect.ts';
import { createTestDatabase } from '../../../test/helpers/factory.ts';
import type { TestDatabase } from '../../../test/helpers/factory.ts';
import { seedBatch, seedCatalogVersion, seedGolden, seedLinkRow, seedRegistrySubject, seedTask } from '../../../test/helpers/query-seed.ts';
import type { LinkRowSeed } from '../../../test/helpers/query-seed.ts';
import {
  askAboutFuzzyNames, blockByLegalRep, blockByTrigrams, COPY_CONFIDENCE, foldUnlinkedSubjects, HELD_CHANGES,
  linkByExactName, linkByFuzzyMatches, linkByLegacyCode,
  linkByRegisteredUscc, linkBySiblingCopy, linkByUnregisteredUscc, linkFigures, linkRegistryRowsByUscc, recordUsccNameMismatches, refuseHeldRows,
  repairHeldUscc, setBlockSimilarity, unlinkedNames,
} from './link.ts';
import type { LinkScope } from './link.ts';

let database: TestDatabase;
let db: Db;
let catalog: number;
const subject = datasetDefinition('admin_penalty').subject!;
const md5 = (s: string) => createHash('md5').update(s).digest('hex');
/** 天津市和平区瑞华医药有限公司 (legal rep 张三), 天津福源科技有限公司 (李四), and two subjects sharing one name and organisation code. */
const U1 = '91120101MA05ABCD1X';
const U2 = '91120103MA05WXYZ2Y';
const U3 = '91120104MA0SAME13A';
const U4 = '92120104MA0SAME13B';
const N1 = '天津市和平区瑞华医药有限公司';
const N2 = '天津福源科技有限公司';
const N3 = '天津同名贸易有限公司';
const OTHER = '完全不同的公司';
const row = async (batchId: string, rowNo: number) =>
  (await db('clean_rows').where({ batch_id: batchId, row_no: rowNo }).first()) as Record<string, unknown> | undefined;
const linkOf = async (batchId: string, rowNo: number) => {
  const r = (await row(batchId, rowNo))!;
  return { uscc: r.subject_uscc, method: r.link_method, confidence: r.link_confidence };
};
const conflicts = async (batchId: string) =>
  db('code_conflicts').where({ batch_id: batchId }).orderBy(['row_no', 'kind']).select('row_no', 'kind', 'code', 'subject_uscc', 'detail');

async function batch(id: string, rows: Array<Omit<LinkRowSeed, 'batchId'>>, foldSubject = false): Promise<LinkScope> {
  await seedBatch(db, { id, catalogVersion: catalog });
  for (const r of rows) await seedLinkRow(db, { ...r, batchId: id });
  return { batchId: id, subject, foldSubject };
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  catalog = await seedCatalogVersion(db);
  await seedRegistrySubject(db, { uscc: U1, name: N1, repKey: '张三', regno: 'REG001' });
  await seedRegistrySubject(db, { uscc: U2, name: N2, repKey: '李四' });
  await seedRegistrySubject(db, { uscc: U3, name: N3 });
  await seedRegistrySubject(db, { uscc: U4, name: N3 });
});
afterAll(async () => database?.drop());

describe('by code', () => {
  it('links a registry batch by the USCC its rows carry, never the placeholder', async () => {
    const s = await batch('lk_reg', [
      { rowNo: 1, fields: { subject_uscc: '91000000ABCDEFGH1K' } }, { rowNo: 2, fields: { subject_uscc: USCC_PLACEHOLDER } }]);
    await linkRegistryRowsByUscc(db, s);
    expect(await linkOf('lk_reg', 1)).toEqual({ uscc: '91000000ABCDEFGH1K', method: 'uscc', confidence: 1 });
    expect((await row('lk_reg', 1))!.content_hash).toBe('hlk_reg:1');
    expect((await linkOf('lk_reg', 2)).uscc).toBeNull();
  });

  it('confirms a USCC against the registry, records a name that disagrees, and links legacy codes', async () => {
    const s = await batch('lk_code', [
      { rowNo: 1, fields: { subject_uscc: U1, subject_name: N1 }, nameKey: nameKey(N1) },
      { rowNo: 2, fields: { subject_uscc: U2, subject_name: OTHER }, nameKey: nameKey(OTHER) },
      { rowNo: 3, fields: { subject_uscc: '91120199MA0NOTREG1' } },
      { rowNo: 4, fields: { subject_uscc: USCC_PLACEHOLDER } },
      { rowNo: 5, fields: { subject_uscc: U1, subject_category: '自然人' } },
      { rowNo: 6, fields: { subject_orgcode: U1.slice(8, 17), subject_name: N1 }, nameKey: nameKey(N1) },
      { rowNo: 7, fields: { subject_taxno: `120103${U2.slice(8, 17)}`, subject_name: OTHER }, nameKey: nameKey(OTHER) },
      { rowNo: 8, fields: { subject_taxno: `91120199${U2.slice(8, 17)}Q` } },
      { rowNo: 9, fields: { subject_regno: 'REG001' } },
      { rowNo: 10, fields: { subject_orgcode: U3.slice(8, 17) } },
    ], true);
    await linkByRegisteredUscc(db, s);
    await linkByUnregisteredUscc(db, s);
    await recordUsccNameMismatches(db, s);
    for (const m of ['orgcode', 'taxno', 'regno'] as const) await linkByLegacyCode(db, s, m);
    expect(await linkOf('lk_code', 1)).toEqual({ uscc: U1, method: 'uscc', confidence: 1 });
    expect((await row('lk_code', 1))!.content_hash).toBe(md5(`hlk_code:1|${U1}`));
    expect(await linkOf('lk_code', 2)).toEqual({ uscc: U2, method: 'uscc', confidence: 0.7 });
    expect(await linkOf('lk_code', 3)).toEqual({ uscc: '91120199MA0NOTREG1', method: 'uscc', confidence: 0.9 });
    expect((await linkOf('lk_code', 4)).uscc).toBeNull();
    expect((await linkOf('lk_code', 5)).uscc).toBeNull();
    expect(await linkOf('lk_code', 6)).toEqual({ uscc: U1, method: 'orgcode', confidence: 0.98 });
    expect(await linkOf('lk_code', 7)).toEqual({ uscc: U2, method: 'taxno', confidence: 0.7 });
    expect((await linkOf('lk_code', 8)).uscc).toBeNull();
    expect(await linkOf('lk_code', 9)).toEqual({ uscc: U1, method: 'regno', confidence: 0.98 });
    expect((await linkOf('lk_code', 10)).uscc).toBeNull();
    expect(await conflicts('lk_code')).toEqual([
      { row_no: 2, kind: 'uscc_name_mismatch', code: U2, subject_uscc: U2, detail: { rowName: OTHER, registryName: N2 } },
      { row_no: 7, kind: 'code_name_mismatch', code: U2.slice(8, 17), subject_uscc: U2, detail: { method: 'taxno', rowName: OTHER, registryName: N2 } },
    ]);
  });

  it('repairs a held USCC one character off a registered name\'s, and refuses the other held rows', async () => {
    const held = { field: 'subject_uscc', code: 'CDF_USCC_CHECK', path: '/subject_uscc', value: 'x', zh: '校验位错误', en: 'wrong check character' };
    const s = await batch('lk_held', [
      { rowNo: 1, fields: { subject_uscc: `${U1.slice(0, 17)}Y` }, nameKey: nameKey(N1), heldReject: held },
      { rowNo: 2, fields: { subject_uscc: '91120101ZZZZZZZZZZ' }, nameKey: nameKey(OTHER), heldReject: held },
      { rowNo: 3, fields: {} },
    ]);
    for (const rowNo of [1, 2]) {
      await db('clean_changes').insert({ batch_id: 'lk_held', row_no: rowNo, field: 'subject_name', rule_id: 'r', rule_version: 1, before: 'a', after: 'b' });
    }
    await repairHeldUscc(db, s);
    expect(await linkOf('lk_held', 1)).toEqual({ uscc: U1, method: 'uscc_repaired', confidence: 0.9 });
    expect((await row('lk_held', 1))!.held_reject).toBeNull();
    expect(await conflicts('lk_held')).toEqual([{ row_no: 1, kind: 'uscc_check_failed', code: `${U1.slice(0, 17)}Y`, subject_uscc: U1,
      detail: { written: `${U1.slice(0, 17)}Y`, registered: U1 } }]);
    expect(await refuseHeldRows(db, 'lk_held')).toBe(1);
    expect(await db('rejects').where({ batch_id: 'lk_held' }).select('row_no', 'seq', 'field', 'code', 'path', 'value', 'message_zh', 'message_en'))
      .toEqual([{ row_no: 2, seq: 0, field: 'subject_uscc', code: 'CDF_USCC_CHECK', path: '/subject_uscc', value: 'x', message_zh: '校验位错误',
        message_en: 'wrong check character' }]);
    expect((await db('clean_rows').where({ batch_id: 'lk_held' }).orderBy('row_no').pluck('row_no'))).toEqual([1, 3]);
    expect((await db('clean_changes').where({ batch_id: 'lk_held' }).pluck('row_no'))).toEqual([1]);
    expect(await refuseHeldRows(db, 'lk_held')).toBe(0);
  });
});

describe('held rows at scale', () => {
  it('finds the held rows\' changes through the whole key when clean_changes\' statistics predate the batch', async () => {
    // The statistics know another batch's changes only; the new batch's 20,000 read as a few.
    await db.raw(`insert into clean_changes (batch_id, row_no, field, rule_id, rule_version, before, after)
      select 'lk_stats_old', n, 'f', 'r', 1, 'a', 'b' from generate_series(1, 2000) n`);
    await db.raw('analyze clean_changes');
    await seedBatch(db, { id: 'lk_stats', catalogVersion: catalog });
    const held = JSON.stringify({ code: 'x', zh: '校验位错误', en: 'wrong check character' });
    await db.raw(`insert into clean_rows (batch_id, row_no, fields, natural_key, content_hash, held_reject)
      select 'lk_stats', n, '{}', 'k' || n, 'h' || n, case when n % 1000 = 0 then ?::jsonb end from generate_series(1, 20000) n`, [held]);
    await db.raw(`insert into clean_changes (batch_id, row_no, field, rule_id, rule_version, before, after)
      select 'lk_stats', n, 'f', 'r', 1, 'a', 'b' from generate_series(1, 20000) n`);
    const { rows } = await db.raw<{ rows: Array<{ 'QUERY PLAN': string }> }>(`explain delete from clean_changes ${HELD_CHANGES}`.replace(/:batchId/g, '?'),
      ['lk_stats', 'lk_stats']);
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    // One probe of the key per held row: no loop over the batch's changes filtering by row.
    expect(plan).toMatch(/Index Cond: \(\(batch_id = 'lk_stats'::text\) AND \(row_no = ANY/);
    expect(plan).not.toContain('Join Filter');
    expect(await refuseHeldRows(db, 'lk_stats')).toBe(20);
    expect(Number((await db('clean_changes').where({ batch_id: 'lk_stats' }).count({ n: '*' }))[0]!.n)).toBe(19_980);
  });
});

describe('by another copy', () => {
  it('links a copy whose natural key is linked, by the batch or a record, when its name or legal representative agrees', async () => {
    const s = await batch('lk_copy', [
      { rowNo: 1, naturalKey: 'DOC1', subject: U1, linkMethod: 'uscc' },
      { rowNo: 2, naturalKey: 'DOC1', nameKey: nameKey(OTHER), repKey: '张三' },
      { rowNo: 3, naturalKey: 'DOC1', nameKey: nameKey(OTHER), repKey: '王五' },
      { rowNo: 4, naturalKey: 'DOC2', nameKey: nameKey(N2) },
      { rowNo: 5, naturalKey: 'DOC3', nameKey: nameKey(N2) },
    ]);
    await seedGolden(db, { naturalKey: 'DOC2', fields: {}, subject: U2 }, { batchId: 'lk_copy', rowNo: 4 });
    await seedGolden(db, { naturalKey: 'DOC3', fields: {}, subject: U2, status: 'merged' }, { batchId: 'lk_copy', rowNo: 5 });
    expect(await linkBySiblingCopy(db, s, 'admin_penalty')).toBe(2);
    expect(await linkOf('lk_copy', 2)).toEqual({ uscc: U1, method: 'copy', confidence: COPY_CONFIDENCE });
    expect((await linkOf('lk_copy', 3)).uscc).toBeNull();
    expect(await linkOf('lk_copy', 4)).toEqual({ uscc: U2, method: 'copy', confidence: COPY_CONFIDENCE });
    expect((await linkOf('lk_copy', 5)).uscc).toBeNull();
  });
});

describe('by name', () => {
  it('links a unique exact name, asks a steward about a name shared or a legal representative that differs', async () => {
    const s = await batch('lk_name', [
      { rowNo: 1, nameKey: nameKey(N1), repKey: '张三' },
      { rowNo: 2, nameKey: nameKey(N2) },
      { rowNo: 3, nameKey: nameKey(N2), repKey: '王五' },
      { rowNo: 4, nameKey: nameKey(N3) },
      { rowNo: 5, nameKey: nameKey('天津福源科枝有限公司') },
      { rowNo: 6, nameKey: nameKey(N1), fields: { subject_category: '自然人' } },
    ]);
    await linkByExactName(db, s);
    await linkByExactName(db, s);
    expect(await linkOf('lk_name', 1)).toEqual({ uscc: U1, method: 'name', confidence: 0.98 });
    expect(await linkOf('lk_name', 2)).toEqual({ uscc: U2, method: 'name', confidence: 0.9 });
    const tasks = await db('steward_tasks').where({ batch_id: 'lk_name' }).orderBy('row_no').select('row_no', 'kind', 'detail');
    expect(tasks.map((t: { row_no: number; kind: string; detail: { reason: string } }) => [t.row_no, t.kind, t.detail.reason])).toEqual([
      [3, 'uncertain_link', 'legal_rep_differs'], [4, 'uncertain_link', 'several_subjects']]);
    expect((tasks[1] as { detail: { candidates: Array<{ uscc: string }> } }).detail.candidates.map((c) => c.uscc)).toEqual([U3, U4]);
    expect(await unlinkedNames(db, s)).toEqual([{ name_key: nameKey('天津福源科枝有限公司'), rep_key: null }]);
  });

  it('blocks by legal representative and by trigrams of the blocking key', async () => {
    const typo = nameKey('天津福源科枝有限公司');
    expect(await blockByLegalRep(db, [{ i: 1, nameKey: nameKey('天津瑞华医药有限公司'), probe: '张三' }, { i: 2, nameKey: typo, probe: '无此人' }]))
      .toEqual([{ i: 1, uscc: U1, name: N1, name_key: nameKey(N1), rep_key: '张三' }]);
    await db.transaction(async (trx) => {
      await setBlockSimilarity(trx);
      expect((await trx.raw<{ rows: Array<{ t: string }> }>('select current_setting(\'pg_trgm.similarity_threshold\') as t')).rows[0]!.t).toBe('0.2');
      const rows = await blockByTrigrams(trx, [{ i: 7, nameKey: typo, probe: blockKey(typo) }]);
      expect(rows.map((r) => [r.i, r.uscc])).toEqual([[7, U2]]);
    });
  });

  it('links the open rows of a name decided fuzzily and asks about the rest once', async () => {
    const typo = nameKey('天津福源科枝有限公司');
    const s = await batch('lk_fuzzy', [{ rowNo: 1, nameKey: typo }, { rowNo: 2, nameKey: typo, repKey: '赵六' }, { rowNo: 3, nameKey: typo, repKey: '赵六' }]);
    await linkByFuzzyMatches(db, s, { nameKey: [typo], repKey: [null], uscc: [U2], confidence: [0.92] });
    const one = await linkOf('lk_fuzzy', 1);
    expect(one).toMatchObject({ uscc: U2, method: 'name_fuzzy' });
    expect(one.confidence).toBeCloseTo(0.92, 5);
    expect((await linkOf('lk_fuzzy', 2)).uscc).toBeNull();
    const ask = { nameKey: [typo], repKey: ['赵六'], detail: [JSON.stringify({ method: 'name_fuzzy', reason: 'close_candidates' })] };
    await askAboutFuzzyNames(db, s, ask);
    await askAboutFuzzyNames(db, s, ask);
    expect(await db('steward_tasks').where({ batch_id: 'lk_fuzzy' }).orderBy('row_no').select('row_no', 'kind', 'detail')).toEqual([
      { row_no: 2, kind: 'uncertain_link', detail: { method: 'name_fuzzy', reason: 'close_candidates' } },
      { row_no: 3, kind: 'uncertain_link', detail: { method: 'name_fuzzy', reason: 'close_candidates' } },
    ]);
  });
});

describe('after linking', () => {
  it('folds what unlinked rows have into their hash, keeping the hash without it', async () => {
    const s = await batch('lk_fold', [
      { rowNo: 1, subject: U1 },
      { rowNo: 2, fields: { subject_uscc: 'UX', subject_orgcode: 'O1' }, nameKey: 'nk2' },
      { rowNo: 3, fields: { subject_category: '自然人' } },
    ]);
    await foldUnlinkedSubjects(db, s);
    expect(await row('lk_fold', 1)).toMatchObject({ content_hash: 'hlk_fold:1', base_hash: null });
    expect(await row('lk_fold', 2)).toMatchObject({ content_hash: md5('hlk_fold:2|unlinked:UX|O1|nk2'), base_hash: 'hlk_fold:2' });
    expect(await row('lk_fold', 3)).toMatchObject({ content_hash: md5('hlk_fold:3|person'), base_hash: 'hlk_fold:3' });
  });

  it('counts rows linked, organisation rows unlinked, rows waiting for a steward and rows with a code conflict', async () => {
    const s = await batch('lk_fig', [{ rowNo: 1, subject: U1 }, { rowNo: 2 }, { rowNo: 3, fields: { subject_category: '自然人' } }, { rowNo: 4 }]);
    await seedTask(db, { kind: 'uncertain_link', batchId: 'lk_fig', rowNo: 2 });
    await seedTask(db, { kind: 'suspected_duplicate', batchId: 'lk_fig', rowNo: 1 });
    await db('code_conflicts').insert([
      { batch_id: 'lk_fig', row_no: 1, kind: 'uscc_name_mismatch' }, { batch_id: 'lk_fig', row_no: 1, kind: 'one_subject_two_codes' }]);
    expect(await linkFigures(db, s)).toEqual({ linked: 1, unlinked: 2, pending: 1, conflicts: 1 });
  });
});
