// The cases' named queries on a cloned database, seeded with plain inserts: staging a delivery's
// records with measures and opening one case per record and measure (in chunks, once however
// often it runs), the workflows still to start, feedback, overdue, a dispute's steward item shared
// by the cases of one record, the lists' filters and order, a record's cases, and the figures.
import { describe, expect, it, beforeAll } from 'vitest';
import { clonedDatabase, seedBatch, seedCatalogVersion, seedGolden } from '../../test/helpers/query-seed.ts';
import {
  caseById, caseFigures, casePage, casesOfRecord, disputedCasesOfTask, markCaseOverdue, markWorkflowsStarted, openPendingCases, setCaseFeedback,
  setCaseResolution, stagePendingCases, unstartedCases, upsertDisputeTask,
} from './cases.ts';

const t = clonedDatabase();
let batch = '';
const golden: number[] = [];
const KEY = 'tax_list:bq1';

beforeAll(async () => {
  const { db } = t;
  const catalog = await seedCatalogVersion(db);
  batch = await seedBatch(db, { id: 'bq1', catalogVersion: catalog, dataset: 'black_list', agency: 'court' });
  for (let i = 0; i < 3; i++) {
    golden.push(await seedGolden(db, { naturalKey: `n${i}`, fields: { decision_no: `d${i}` }, subject: `S${i}`, dataset: 'black_list' },
      { batchId: batch, rowNo: i + 1 }));
  }
  await db('subscriptions').insert({ id: 'tax_list', name_zh: '税务', name_en: 'tax', dataset: 'black_list', sink: 'file', config: '{}', subscriber: 'tax' });
  await db('deliveries').insert({ subscription_id: 'tax_list', batch_id: batch, idempotency_key: KEY, records: 3, tombstones: 0, status: 'delivered' });
});

describe('opening cases', () => {
  it('opens one case per staged record and measure, in chunks, and nothing twice', async () => {
    const { db } = t;
    await stagePendingCases(db, KEY, [
      { goldenId: golden[0]!, version: 1, subjectUscc: 'S0', measures: ['block_a', 'prompt_b'] },
      { goldenId: golden[1]!, version: 1, subjectUscc: 'S1', measures: ['prompt_b'] },
    ]);
    // A retried attempt stages the same again, and one more.
    await stagePendingCases(db, KEY, [{ goldenId: golden[2]!, version: 1, subjectUscc: 'S2', measures: ['prompt_b'] }]);
    expect(await openPendingCases(db, { key: KEY, department: 'tax', dataset: 'black_list', feedbackDays: 30 }, 1)).toBe(4);
    expect(await db('measure_case_pending').count({ n: '*' })).toEqual([{ n: 0 }]);
    await stagePendingCases(db, KEY, [{ goldenId: golden[0]!, version: 1, subjectUscc: 'S0', measures: ['block_a'] }]);
    expect(await openPendingCases(db, { key: KEY, department: 'tax', dataset: 'black_list', feedbackDays: 30 })).toBe(0);
    const cases = await casesOfRecord(db, golden[0]!);
    expect(cases.map((c) => [c.measure, c.department, c.subscription_id, c.batch_id, c.status])).toEqual([
      ['block_a', 'tax', 'tax_list', batch, 'open'], ['prompt_b', 'tax', 'tax_list', batch, 'open'],
    ]);
    const days = (cases[0]!.due_at.getTime() - cases[0]!.opened_at.getTime()) / 86_400_000;
    expect(days).toBeCloseTo(30, 3);
    expect(cases[0]!.delivery_id).not.toBeNull();
  });

  it('lists the cases whose workflow is still to start, by id, until they are marked', async () => {
    const { db } = t;
    const first = await unstartedCases(db, batch, 0, 3);
    expect(first).toHaveLength(3);
    await markWorkflowsStarted(db, first.map((c) => Number(c.id)));
    const rest = await unstartedCases(db, batch, 0, 10);
    expect(rest).toHaveLength(1);
    expect(Number(rest[0]!.id)).toBeGreaterThan(Number(first[2]!.id));
    await markWorkflowsStarted(db, [Number(rest[0]!.id)]);
    expect(await unstartedCases(db, batch, 0, 10)).toEqual([]);
  });
});

describe('answering, overdue and disputes', () => {
  it('records feedback; only an open case goes overdue', async () => {
    const { db } = t;
    const [a, b] = await casesOfRecord(db, golden[0]!);
    await setCaseFeedback(db, Number(a!.id), { status: 'closed', outcome: 'applied', detail: { where: '办税大厅', when: '2026-11-30' }, by: 'tax@x' });
    expect(await markCaseOverdue(db, Number(a!.id))).toBe(false);
    expect(await markCaseOverdue(db, Number(b!.id))).toBe(true);
    expect(await markCaseOverdue(db, Number(b!.id))).toBe(false);
    expect(await caseById(db, Number(a!.id))).toMatchObject({ status: 'closed', outcome: 'applied', detail: { where: '办税大厅' }, feedback_by: 'tax@x' });
    expect((await caseById(db, Number(b!.id)))!.escalated_at).toBeInstanceOf(Date);
  });

  it('opens one steward item per record version for its disputes, and closes them with the decision', async () => {
    const { db } = t;
    const c1 = (await casesOfRecord(db, golden[1]!))[0]!;
    const task = await db.transaction((trx) => upsertDisputeTask(trx, c1, { claim: '另一家公司' }));
    expect(task).toMatchObject({ status: 'open' });
    const again = await db.transaction((trx) => upsertDisputeTask(trx, c1, { claim: '再次' }));
    expect(Number(again!.id)).toBe(Number(task!.id));
    const row = await db('steward_tasks').where({ id: task!.id }).first('kind', 'batch_id', 'row_no', 'golden_id', 'detail', 'agency', 'dataset');
    expect(row).toMatchObject({ kind: 'case_dispute', batch_id: batch, row_no: 2, agency: 'court', dataset: 'black_list' });
    expect(row.detail).toMatchObject({ reason: 'case_dispute', cases: [Number(c1.id), Number(c1.id)], claims: [{ claim: '另一家公司' }, { claim: '再次' }] });
    await setCaseFeedback(db, Number(c1.id), { status: 'disputed', outcome: 'disputed', detail: { claim: '另一家公司' }, by: 'tax@x', disputeTaskId: task!.id });
    expect((await disputedCasesOfTask(db, task!.id)).map((c) => Number(c.id))).toEqual([Number(c1.id)]);
    await setCaseResolution(db, Number(c1.id), { decision: { action: 'take_held' }, by: 'steward@x' });
    expect(await caseById(db, Number(c1.id)))
      .toMatchObject({ status: 'closed', outcome: 'disputed', resolution: { action: 'take_held' }, resolved_by: 'steward@x' });
    expect(await disputedCasesOfTask(db, task!.id)).toEqual([]);
  });
});

describe('lists and figures', () => {
  it('pages with filters, overdue first', async () => {
    const { db } = t;
    const all = await casePage(db, {}, { limit: 10, offset: 0 });
    expect(all.total).toBe(4);
    expect(all.rows[0]!.status).toBe('overdue');
    expect((await casePage(db, { overdue: true }, { limit: 10, offset: 0 })).total).toBe(1);
    expect((await casePage(db, { status: 'open' }, { limit: 10, offset: 0 })).total).toBe(1);
    expect((await casePage(db, { measure: 'prompt_b', departments: ['tax'] }, { limit: 1, offset: 1 }))).toMatchObject({ total: 3 });
    expect((await casePage(db, { departments: ['housing'] }, { limit: 10, offset: 0 })).total).toBe(0);
    expect((await casePage(db, { departments: [] }, { limit: 10, offset: 0 })).total).toBe(0);
  });

  it('counts per department, measure and list, with the time to feedback', async () => {
    const { db } = t;
    const figures = await caseFigures(db, {});
    expect(figures.map((f) => [f.department, f.measure, f.dataset, f.opened, f.closed, f.overdue, f.disputed, f.open])).toEqual([
      ['tax', 'block_a', 'black_list', 1, 1, 0, 0, 0],
      ['tax', 'prompt_b', 'black_list', 3, 1, 1, 0, 1],
    ]);
    expect(figures[0]!.median_hours).toBeGreaterThanOrEqual(0);
    expect(figures[0]!.mean_hours).toBeCloseTo(figures[0]!.median_hours!, 6);
    expect(figures[1]!.late).toBe(0);
    expect(await caseFigures(db, { departments: ['housing'] })).toEqual([]);
  });
});
