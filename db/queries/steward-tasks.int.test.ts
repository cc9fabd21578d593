// The queue's named queries on a cloned database, seeded with plain inserts: conflicts raised with
// both sides and survivorship's suggestion, a repeat settled by the decision it repeats and the
// decision it contradicts reopened, survivorship marked once, near-duplicate keys suspected, and the
// reads and writes a decision and an undo make.
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../connect.ts';
import { createTestDatabase } from '../../test/helpers/factory.ts';
import type { TestDatabase } from '../../test/helpers/factory.ts';
import { seedBatch, seedCatalogVersion, seedCleanRow, seedGolden, seedSource, seedTask } from '../../test/helpers/query-seed.ts';
import {
  escalateOpenTasks, explainNearDuplicateCandidates, insertConflictTasks, insertSuspectedDuplicates, lastUndoOutcome, listTasks, lockTask,
  lockTaskForReopen, markSurvivorshipApplied, markTaskDecided, nearDuplicateCandidates, openTaskCount, reopenEarlierDecisions, setTaskSubjectRegion,
  settleByEarlierDecisions, taskReopens, whereTaskInScope,
} from './steward-tasks.ts';

let database: TestDatabase;
let db: Db;
let catalog: number;
let n = 0;
const S1 = '91120101MA05ABCD1X';
const S2 = '91120102MA05ABCD2Y';

/** A held record of its own key, standing on row 1 of a batch of `agency`. */
async function held(fields: Record<string, string>, agency = 'held_agency', subject: string | null = S1) {
  const batchId = await seedBatch(db, { id: `bh${n++}`, catalogVersion: catalog, agency });
  const key = `KEY-${n++}`;
  await seedCleanRow(db, { batchId, rowNo: 1, fields, naturalKey: key, subject, cls: 'new' });
  const goldenId = await seedGolden(db, { naturalKey: key, fields, subject }, { batchId, rowNo: 1 });
  await seedCleanRow(db, { batchId, rowNo: 2, naturalKey: `${key}-other`, cls: 'new' });
  await db('clean_rows').where({ batch_id: batchId, row_no: 1 }).update({ golden_id: goldenId });
  await seedSource(db, batchId, 1, goldenId, 'chosen');
  return { batchId, goldenId, key };
}
const batch = (agency = 'incoming_agency') => seedBatch(db, { id: `bi${n++}`, catalogVersion: catalog, agency });
const task = async (id: number) => (await db('steward_tasks').where({ id }).first()) as Record<string, unknown> & { detail: Record<string, unknown> };

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  catalog = await seedCatalogVersion(db);
});
afterAll(async () => database?.drop());

describe('insertConflictTasks', () => {
  it('raises one item per conflicting row with both sides, the sources and the authoritative suggestion, once', async () => {
    const h = await held({ amount: '100', content: 'warning' });
    const b = await batch('auth_agency');
    await seedCleanRow(db, { batchId: b, rowNo: 1, fields: { amount: '200', content: 'warning' }, subject: S1, cls: 'conflict', goldenId: h.goldenId });
    await seedCleanRow(db, { batchId: b, rowNo: 2, fields: { amount: '100', content: 'warning' }, subject: S2, cls: 'conflict', goldenId: h.goldenId });
    await seedCleanRow(db, { batchId: b, rowNo: 3, fields: { amount: '300', content: 'x' }, subject: S1, cls: 'new', goldenId: h.goldenId });
    await insertConflictTasks(db, b, ['amount', 'content'], ['auth_agency|upload']);
    await insertConflictTasks(db, b, ['amount', 'content'], ['auth_agency|upload']);
    const rows = (await db('steward_tasks').where({ batch_id: b }).orderBy('row_no')) as Array<{ kind: string; row_no: number; golden_id: number;
      detail: Record<string, unknown> }>;
    expect(rows.map((r) => [r.kind, r.row_no, r.golden_id])).toEqual([['conflict', 1, h.goldenId], ['conflict', 2, h.goldenId]]);
    expect(rows[0]!.detail).toEqual({
      rule: 'material_differs', differs: ['amount'],
      held: { values: { amount: '100' }, version: 1, subjectUscc: S1, batchId: h.batchId, rowNo: 1, source: 'held_agency|upload' },
      incoming: { values: { amount: '200' }, subjectUscc: S1, batchId: b, rowNo: 1, source: 'auth_agency|upload' },
      suggested: 'take_incoming', suggestedBecause: 'authoritative_incoming',
    });
    // Only the subject differs: no values on either side, the subject named.
    expect(rows[1]!.detail).toMatchObject({ differs: ['$subject'], held: { values: null, subjectUscc: S1 }, incoming: { values: null, subjectUscc: S2 } });
  });

  it('suggests the held side when only it is authoritative, and the most recent when neither is', async () => {
    const h = await held({ amount: '100' });
    const b = await batch();
    await seedCleanRow(db, { batchId: b, rowNo: 1, fields: { amount: '200' }, subject: S1, cls: 'conflict', goldenId: h.goldenId });
    await insertConflictTasks(db, b, ['amount'], ['held_agency|upload']);
    const detail = async (batchId: string) => ((await db('steward_tasks').where({ batch_id: batchId }).first('detail')) as { detail: unknown }).detail;
    expect(await detail(b)).toMatchObject({ suggested: 'take_held', suggestedBecause: 'authoritative_held' });
    const c = await batch();
    await seedCleanRow(db, { batchId: c, rowNo: 1, fields: { amount: '300' }, subject: S1, cls: 'conflict', goldenId: h.goldenId });
    await insertConflictTasks(db, c, ['amount'], []);
    expect(await detail(c)).toMatchObject({ suggested: 'take_incoming', suggestedBecause: 'most_recent' });
  });
});

describe('earlier decisions', () => {
  it('settles an open conflict whose content an earlier decision overruled, citing the newest such decision', async () => {
    const h = await held({ amount: '100' });
    const e1 = await seedTask(db, { batchId: h.batchId, rowNo: 2, goldenId: h.goldenId, status: 'decided',
      decision: { decision: { action: 'take_incoming' }, overruled: ['hash-x'] } });
    const old = await batch();
    await seedCleanRow(db, { batchId: old, rowNo: 1, naturalKey: h.key });
    const e2 = await seedTask(db, { batchId: old, rowNo: 1, goldenId: h.goldenId, status: 'decided',
      decision: { decision: { action: 'take_held' }, overruled: ['hash-x', 'hash-y'] } });
    const b = await batch();
    await seedCleanRow(db, { batchId: b, rowNo: 1, contentHash: 'hash-x', goldenId: h.goldenId, cls: 'conflict' });
    await seedCleanRow(db, { batchId: b, rowNo: 2, contentHash: 'hash-z', goldenId: h.goldenId, cls: 'conflict' });
    const t1 = await seedTask(db, { batchId: b, rowNo: 1, goldenId: h.goldenId });
    const t2 = await seedTask(db, { batchId: b, rowNo: 2, goldenId: h.goldenId });
    expect(await settleByEarlierDecisions(db, b)).toEqual([{ id: t1, row_no: 1, golden_id: h.goldenId, action: 'take_held', cites: e2 }]);
    expect(await task(t1)).toMatchObject({ status: 'decided', decided_by: 'earlier_decision', decision: { cites: e2, decision: { action: 'take_held' } } });
    expect((await task(t2)).status).toBe('open');
    expect(await settleByEarlierDecisions(db, b)).toEqual([]);
    // The open item contradicts every decided one on its record: they are reopened, and it names them.
    await reopenEarlierDecisions(db, b);
    expect((await db('steward_tasks').whereIn('id', [e1, e2, t1]).orderBy('id').select('status')).map((r: { status: string }) => r.status))
      .toEqual(['reopened', 'reopened', 'reopened']);
    expect((await task(t2)).detail).toEqual({ reopens: [e1, e2, t1] });
  });
});

describe('markSurvivorshipApplied', () => {
  it('marks the open items suggested for the authoritative incoming row, once', async () => {
    const h = await held({ amount: '100' });
    const b = await batch();
    await seedCleanRow(db, { batchId: b, rowNo: 1, goldenId: h.goldenId, cls: 'conflict' });
    await seedCleanRow(db, { batchId: b, rowNo: 2, goldenId: h.goldenId, cls: 'conflict' });
    const yes = await seedTask(db, { batchId: b, rowNo: 1, goldenId: h.goldenId, detail: { suggestedBecause: 'authoritative_incoming' } });
    const no = await seedTask(db, { batchId: b, rowNo: 2, goldenId: h.goldenId, detail: { suggestedBecause: 'most_recent' } });
    expect(await markSurvivorshipApplied(db, b)).toEqual([{ id: yes, row_no: 1, golden_id: h.goldenId }]);
    expect((await task(yes)).detail).toEqual({ suggestedBecause: 'authoritative_incoming', applied: 'take_incoming' });
    expect((await task(no)).detail).toEqual({ suggestedBecause: 'most_recent' });
    expect(await markSurvivorshipApplied(db, b)).toEqual([]);
  });
});

describe('cdf_one_typo_apart', () => {
  const apart = async (a: string, b: string) =>
    ((await db.raw<{ rows: Array<{ t: boolean }> }>('select cdf_one_typo_apart(?, ?) as t', [a, b])).rows[0]!.t);
  it('takes one character wrong, missing, extra or two neighbours swapped for a typo, and nothing more', async () => {
    const typo = [
      ['津和市场监管罚〔2024〕1228号', '津和市场监管罚〔2024〕1238号'], // wrong
      ['津市场监管罚〔2025〕102号', '津市场监管罚〔2025〕1O2号'], // a letter for a digit
      ['津市场监管罚〔2025〕102号', '津市场监管罚〔2025〕12号'], // missing
      ['津市场监管罚〔2025〕102号', '津市场监管罚〔2025〕1022号'], // extra
      ['津市场监管罚〔2025〕102号', '津市场监管罚〔2025〕120号'], // swapped
      ['津市场监管罚〔2025〕102号', '市场监管罚〔2025〕102号'], // the first character
      ['津市场监管罚〔2025〕102号', '津市场监管罚〔2025〕102'], // the last
    ];
    for (const [a, b] of typo) {
      expect(await apart(a!, b!), `${a} ${b}`).toBe(true);
      expect(await apart(b!, a!), `${b} ${a}`).toBe(true);
    }
    const not = [
      ['津和市场监管罚〔2024〕1228号', '津和市场监管罚〔2024〕2151号'], // another decision
      ['津市场监管罚〔2025〕102号', '津市场监管罚〔2025〕102号'], // the same key is no typo
      ['津市场监管罚〔2025〕102号', '津市场监管罚〔2025〕201号'], // swapped, but not neighbours
      ['津市场监管罚〔2025〕102号', '津市场监管罚〔2025〕1号02'], // a character moved two places
      ['津市场监管罚〔2025〕102号', '津市场监管罚〔2025〕10234号'], // two extra
      ['津市场监管罚〔2024〕102号', '津市场监管罚〔2025〕103号'], // two wrong
    ];
    for (const [a, b] of not) {
      expect(await apart(a!, b!), `${a} ${b}`).toBe(false);
      expect(await apart(b!, a!), `${b} ${a}`).toBe(false);
    }
  });
});

describe('insertSuspectedDuplicates', () => {
  const S3 = '91120103MA05ABCD3A';
  /** A new record of the batch, made from its row `rowNo`. */
  const fresh = async (batchId: string, rowNo: number, key: string, fields: Record<string, string>, subject: string | null = S3) => {
    const id = await seedGolden(db, { naturalKey: key, fields: { decision_no: key, ...fields }, subject }, { batchId, rowNo });
    await seedCleanRow(db, { batchId, rowNo, goldenId: id, cls: 'new', subject, naturalKey: key });
    await seedSource(db, batchId, rowNo, id, 'chosen');
    return id;
  };

  it('finds a held record of the same subject and plain values a key typo away, with the folded values, and raises it once', async () => {
    const h = await held({ decision_no: 'ABCDEF-2024-0001', amount: '100', content: '罚款0.14万元' }, 'held_agency', S3);
    await db('golden_records').where({ id: h.goldenId }).update({ natural_key: 'ABCDEF-2024-0001' });
    const b = await batch();
    const near = await fresh(b, 1, 'ABCDEF-2024-0002', { amount: '100', content: '罚款1400元' });
    await fresh(b, 2, 'ABCDEF-2024-0012', { amount: '100' }); // two characters from the held key
    await fresh(b, 3, 'ABCDEF-2024-0003', { amount: '999' }); // a typo away, another amount
    const found = await nearDuplicateCandidates(db, b, ['amount'], null);
    expect(found).toEqual([{
      rowNo: 1, goldenId: near, naturalKey: 'ABCDEF-2024-0002', fields: { decision_no: 'ABCDEF-2024-0002', amount: '100', content: '罚款1400元' },
      candidateId: h.goldenId, candidateKey: 'ABCDEF-2024-0001', candidateFields: { decision_no: 'ABCDEF-2024-0001', amount: '100', content: '罚款0.14万元' },
      score: expect.any(Number),
    }]);
    expect(found[0]!.score).toBeGreaterThanOrEqual(0.6);
    expect(found[0]!.score).toBeLessThan(1);
    expect(await insertSuspectedDuplicates(db, b, found)).toBe(1);
    const t = (await db('steward_tasks').where({ batch_id: b }).first()) as
      { kind: string; row_no: number; golden_id: number; detail: Record<string, unknown> };
    expect(t).toMatchObject({ kind: 'suspected_duplicate', row_no: 1, golden_id: near });
    expect(t.detail).toEqual({ rule: 'near_duplicate_key', suggested: 'merge', score: found[0]!.score,
      record: { goldenId: near, naturalKey: 'ABCDEF-2024-0002' }, candidate: { goldenId: h.goldenId, naturalKey: 'ABCDEF-2024-0001' } });
    expect(await insertSuspectedDuplicates(db, b, found)).toBe(0);
    expect(await insertSuspectedDuplicates(db, b, [])).toBe(0);
  });

  it('blocks a natural person, who has no USCC, by the ID number', async () => {
    const id = { subject_id_no: '120101199001011234' };
    const h = await held({ decision_no: 'QRST-2024-0300', amount: '7', ...id }, 'held_agency', null);
    await db('golden_records').where({ id: h.goldenId }).update({ natural_key: 'QRST-2024-0300' });
    const b = await batch('national_vertical');
    const same = await fresh(b, 1, 'QRST-2024-03O0', { amount: '7', ...id }, null);
    await fresh(b, 2, 'QRST-2024-0310', { amount: '7', subject_id_no: '120101199001015678' }, null); // another person
    await fresh(b, 3, 'QRST-2024-0301', { amount: '7' }, null); // no ID number to block by
    const found = await nearDuplicateCandidates(db, b, ['amount', 'subject_id_no'], 'subject_id_no');
    expect(found.map((c) => [c.rowNo, c.goldenId, c.candidateId])).toEqual([[1, same, h.goldenId]]);
    // A dataset without natural persons is blocked by USCC alone.
    expect(await nearDuplicateCandidates(db, b, ['amount', 'subject_id_no'], null)).toEqual([]);
  });

  it('takes two numbers one file lists as two decisions: neither a held record the batch carries nor two of its own new records', async () => {
    const h = await held({ decision_no: 'GHIJK-2024-0100', amount: '5' }, 'held_agency', S3);
    await db('golden_records').where({ id: h.goldenId }).update({ natural_key: 'GHIJK-2024-0100' });
    const b = await batch();
    await fresh(b, 1, 'GHIJK-2024-0101', { amount: '5' });
    await seedCleanRow(db, { batchId: b, rowNo: 2, goldenId: h.goldenId, cls: 'duplicate', subject: S3, naturalKey: 'GHIJK-2024-0100' });
    await seedSource(db, b, 2, h.goldenId, 'duplicate');
    await fresh(b, 3, 'LMNOP-2024-0200', { amount: '5' });
    await fresh(b, 4, 'LMNOP-2024-0201', { amount: '5' });
    expect(await nearDuplicateCandidates(db, b, ['amount'], 'subject_id_no')).toEqual([]);
    // The same records held, and a later batch that carries neither: both are candidates, the closer first.
    const later = await batch('national_vertical');
    const v = await fresh(later, 1, 'GHIJK-2024-0109', { amount: '5' });
    const found = await nearDuplicateCandidates(db, later, ['amount'], 'subject_id_no');
    expect(found.map((c) => [c.rowNo, c.goldenId, c.candidateKey])).toEqual([[1, v, 'GHIJK-2024-0100'], [1, v, 'GHIJK-2024-0101']]);
  });

  it('probes each new row\'s record and the batch\'s sources, never reading the whole store', async () => {
    // 20,000 records of 2,000 subjects and a batch that made 6,000 of them: joined plainly, the
    // planner hashed every record and every source row for each batch.
    const b = await batch();
    await db.raw(`
      insert into golden_records (dataset, natural_key, subject_uscc, fields, content_hash)
      select 'admin_penalty', 'PLAN-' || i, 'S' || (i % 2000),
             jsonb_build_object('amount', i % 7, 'decision_date', '2024-05-' || (10 + i % 20), 'facts', repeat('违法事实', 40)), 'h' || i
        from generate_series(1, 20000) i`);
    await db.raw(`
      insert into clean_rows (batch_id, row_no, fields, natural_key, content_hash, class, golden_id, subject_uscc)
      select :b, row_number() over (order by id), '{}', natural_key, content_hash, 'new', id, subject_uscc
        from golden_records where natural_key like 'PLAN-%' and id % 10 < 3`, { b });
    await db.raw(`
      insert into record_sources (batch_id, row_no, golden_id, role)
      select batch_id, row_no, golden_id, 'chosen' from clean_rows where batch_id = :b`, { b });
    for (const t of ['golden_records', 'clean_rows', 'record_sources']) await db.raw(`analyze ${t}`);
    const plan = JSON.stringify(await explainNearDuplicateCandidates(db, b, ['amount', 'decision_date'], 'subject_id_no'));
    expect(plan).not.toMatch(/"Seq Scan"[^}]*"Relation Name":"golden_records"/);
    expect(plan).not.toMatch(/"Seq Scan"[^}]*"Relation Name":"record_sources"/);
    expect(plan).toContain('"Index Name":"golden_records_pkey"');
    // A new record meets its subject's records of its own day only, through the index's keys.
    expect(plan).toMatch(/"Index Name":"golden_records_subject_idx"[^}]*"Index Cond":"[^"]*subject_uscc[^"]*decision_date/);
    expect(plan).toMatch(/"Index Name":"golden_records_person_idx"[^}]*"Index Cond":"[^"]*subject_id_no[^"]*decision_date/);
  });

  it('blocks by the decision date when the values compared include it', async () => {
    const day = { decision_date: '2024-03-01', amount: '5' };
    const h = await held({ decision_no: 'UVWXY-2024-0400', ...day }, 'held_agency', S3);
    await db('golden_records').where({ id: h.goldenId }).update({ natural_key: 'UVWXY-2024-0400' });
    const b = await batch('national_vertical');
    const same = await fresh(b, 1, 'UVWXY-2024-04O0', day);
    await fresh(b, 2, 'UVWXY-2024-0401', { ...day, decision_date: '2024-03-02' }); // a typo away, another day
    const found = await nearDuplicateCandidates(db, b, ['amount', 'decision_date'], 'subject_id_no');
    expect(found.map((c) => [c.rowNo, c.goldenId, c.candidateId])).toEqual([[1, same, h.goldenId]]);
  });
});

describe('a decision and an undo', () => {
  it('locks, counts, decides, escalates and reads an item', async () => {
    const h = await held({ amount: '1' });
    const b = await batch();
    await seedCleanRow(db, { batchId: b, rowNo: 1, goldenId: h.goldenId, subject: S2 });
    await seedCleanRow(db, { batchId: b, rowNo: 2, goldenId: h.goldenId });
    const t1 = await seedTask(db, { batchId: b, rowNo: 1, goldenId: h.goldenId, detail: { rule: 'material_differs' } });
    await seedTask(db, { kind: 'uncertain_link', batchId: b, rowNo: 2, reopens: 2 });
    expect(await openTaskCount(db, b)).toBe(2);
    await db.transaction(async (trx) => {
      expect(await lockTask(trx, t1)).toMatchObject({ id: t1, kind: 'conflict', batch_id: b, row_no: 1, status: 'open', golden_id: h.goldenId,
        detail: { rule: 'material_differs' }, agency: 'incoming_agency', subject_region: S2.slice(2, 8) });
      expect(await lockTaskForReopen(trx, t1)).toEqual({ id: t1, kind: 'conflict', batch_id: b, status: 'open', reopens: 0 });
      await markTaskDecided(trx, t1, { decidedBy: 'steward@x', note: 'why', decision: JSON.stringify({ decision: { action: 'take_held' } }) });
    });
    expect(await lockTask(db, 999_999_999)).toBeUndefined();
    expect(await task(t1)).toMatchObject({ status: 'decided', decided_by: 'steward@x', note: 'why', decision: { decision: { action: 'take_held' } } });
    expect((await task(t1)).decided_at).toBeInstanceOf(Date);
    expect(await openTaskCount(db, b)).toBe(1);
    await setTaskSubjectRegion(db, t1, '120104');
    expect((await task(t1)).subject_region).toBe('120104');
    expect(await escalateOpenTasks(db, b)).toBe(1);
    expect(await escalateOpenTasks(db, b)).toBe(0);
    expect(await taskReopens(db, t1)).toEqual({ reopens: 0 });
    expect(await taskReopens(db, 999_999_999)).toBeUndefined();
  });

  it('reads the newest undo of an item', async () => {
    const h = await held({ amount: '1' });
    const t = await seedTask(db, { batchId: h.batchId, rowNo: 2, goldenId: h.goldenId });
    expect(await lastUndoOutcome(db, t)).toBeUndefined();
    const decision = { task_id: t, action: 'take_held', decision: '{}', decided_by: 's' };
    await db('steward_decisions').insert([
      { ...decision, undone_at: db.fn.now(), undo_outcome: JSON.stringify({ n: 1 }) },
      { ...decision, undone_at: db.fn.now(), undo_outcome: JSON.stringify({ n: 2 }) },
      { ...decision },
    ]);
    expect(await lastUndoOutcome<{ n: number }>(db, t)).toEqual({ undo_outcome: { n: 2 } });
  });
});

describe('listTasks', () => {
  it('lists items of a status and kind, escalated first then oldest, with batch and row, narrowed by the restriction', async () => {
    const b = await seedBatch(db, { id: `bl${n++}`, catalogVersion: catalog, agency: 'list_agency', dataset: 'admin_license' });
    for (const rowNo of [1, 2, 3]) await seedCleanRow(db, { batchId: b, rowNo, fields: { subject_name: `name ${rowNo}` } });
    const a = await seedTask(db, { batchId: b, rowNo: 1 });
    const c = await seedTask(db, { batchId: b, rowNo: 2, escalated: true });
    const d = await seedTask(db, { kind: 'uncertain_link', batchId: b, rowNo: 3 });
    const mine = (q: Knex.QueryBuilder) => { void q.where('b.agency', 'list_agency'); };
    const all = await listTasks(db, { status: 'open', limit: 10 }, mine);
    expect(all.map((t) => t.id)).toEqual([c, a, d]);
    expect(all[1]).toMatchObject({ kind: 'conflict', status: 'open', batch_id: b, row_no: 1, agency: 'list_agency', dataset: 'admin_license',
      subject_name: 'name 1', fields: { subject_name: 'name 1' }, escalated_at: null });
    expect((await listTasks(db, { status: 'open', kind: 'uncertain_link', limit: 10 }, mine)).map((t) => t.id)).toEqual([d]);
    expect((await listTasks(db, { status: 'open', limit: 1 }, mine)).map((t) => t.id)).toEqual([c]);
    expect(await listTasks(db, { status: 'decided', limit: 10 }, mine)).toEqual([]);
    expect(await listTasks(db, { status: 'open', limit: 10 }, (q) => { void q.where('b.agency', 'nobody'); })).toEqual([]);
    // A district sees its agencies' items and those about subjects registered in it; a street without agencies none.
    await db('clean_rows').where({ batch_id: b, row_no: 3 }).update({ subject_uscc: S2 });
    const scoped = async (scope: { agencies: string[]; district?: string }) =>
      (await listTasks(db, { status: 'open', limit: 10 }, (q) => { void q.where('t.batch_id', b); whereTaskInScope(q, scope); })).map((t) => t.id);
    expect(await scoped({ agencies: ['list_agency'] })).toEqual([c, a, d]);
    expect(await scoped({ agencies: ['other'], district: S2.slice(2, 8) })).toEqual([d]);
    expect(await scoped({ agencies: [], district: '120199' })).toEqual([]);
    expect(await scoped({ agencies: [] })).toEqual([]);
  });
});
