// The finish step's statements on a cloned database, seeded with plain inserts: each figure a
// batch closes with counts only its own rows, and closing and failing a batch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetDefinition } from '../../../catalog/dataset-definition.ts';
import { appendAudit } from '../../audit.ts';
import type { Db } from '../../connect.ts';
import type { BatchCounts } from '../../batches.ts';
import { createTestDatabase } from '../../../test/helpers/factory.ts';
import type { TestDatabase } from '../../../test/helpers/factory.ts';
import { rejectedRowCount, rejectsByReason } from '../reports.ts';
import { seedBatch, seedCatalogVersion, seedGolden, seedLinkRow, seedSource, seedTask } from '../../../test/helpers/query-seed.ts';
import {
  batchDoneLogged, cleanFigures, closeBatch, deliveredRecords, failBatch, linkCounts, openLinkItems, receivedRows, recordsMade,
  suspectedDuplicates,
} from './finish.ts';

let database: TestDatabase;
let db: Db;
const B = 'fin';
const OTHER = 'fin_other';
const S1 = '91120101MA05ABCD1X';

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  const catalog = await seedCatalogVersion(db);
  await seedBatch(db, { id: B, catalogVersion: catalog, status: 'running' });
  await seedBatch(db, { id: OTHER, catalogVersion: catalog });
  for (const batchId of [B, OTHER]) {
    // Rows 1–6 accepted, one of each class; 7 and 8 refused.
    const classes = ['new', 'duplicate', 'conflict', 'update', 'out_of_responsibility', 'awaiting_link'];
    for (const [i, cls] of classes.entries()) {
      await seedLinkRow(db, { batchId, rowNo: i + 1, cls, cells: ['x'], subject: i < 3 ? S1 : null, linkMethod: i === 0 ? 'uscc' : i < 3 ? 'name' : null,
        fields: i === 5 ? { subject_category: '自然人' } : {} });
    }
    for (const rowNo of [7, 8]) await db('raw_rows').insert({ batch_id: batchId, row_no: rowNo, cells: ['y'] });
    await db('rejects').insert([
      { batch_id: batchId, row_no: 7, seq: 0, code: 'CDF_REQUIRED', message_zh: '缺', message_en: 'missing' },
      { batch_id: batchId, row_no: 7, seq: 1, code: 'CDF_DATE', message_zh: '日期', message_en: 'date' },
      { batch_id: batchId, row_no: 8, seq: 0, code: 'CDF_DATE', message_zh: '日期', message_en: 'date' },
    ]);
    await db('code_conflicts').insert([
      { batch_id: batchId, row_no: 2, kind: 'uscc_name_mismatch' }, { batch_id: batchId, row_no: 2, kind: 'one_subject_two_codes' }]);
    await seedTask(db, { kind: 'uncertain_link', batchId, rowNo: 4 });
    await seedTask(db, { kind: 'uncertain_link', batchId, rowNo: 5, status: 'decided' });
    await seedTask(db, { kind: 'suspected_duplicate', batchId, rowNo: 1 });
    const p = await seedGolden(db, { naturalKey: `P_${batchId}`, fields: {} }, { batchId, rowNo: 1 });
    const q = await seedGolden(db, { naturalKey: `Q_${batchId}`, fields: {}, version: 2 }, { batchId, rowNo: 4 });
    await seedSource(db, batchId, 1, p, 'chosen');
    await seedSource(db, batchId, 2, p, 'duplicate');
    await seedSource(db, batchId, 4, q, 'chosen');
  }
  await db('subscriptions').insert({ id: 'sub', name_zh: '订阅', name_en: 'sub', dataset: 'admin_penalty', sink: 'file' });
  await db('deliveries').insert([
    { subscription_id: 'sub', batch_id: B, idempotency_key: 'k1', records: 3, status: 'delivered' },
    { subscription_id: 'sub', batch_id: B, idempotency_key: 'k2', records: 2, status: 'delivered' },
    { subscription_id: 'sub', batch_id: OTHER, idempotency_key: 'k3', records: 7, status: 'delivered' },
  ]);
});
afterAll(async () => database?.drop());

describe('a batch\'s figures', () => {
  it('counts rows received, accepted by class, linked, and refused by row and by reason', async () => {
    expect(await receivedRows(db, B)).toBe(8);
    expect(await cleanFigures(db, B)).toEqual({
      accepted: 6, new: 1, duplicates: 1, conflicts: 1, updates: 1, outOfResponsibility: 1, awaitingLink: 1, linked: 3 });
    // The refused rows finish counts are the reports' (db/queries/reports.ts).
    expect(await rejectedRowCount(db, B)).toBe(2);
    expect(await rejectsByReason(db, B)).toEqual([{ code: 'CDF_DATE', rows: 2 }, { code: 'CDF_REQUIRED', rows: 1 }]);
    expect(await receivedRows(db, 'fin_none')).toBe(0);
    expect(await rejectsByReason(db, 'fin_none')).toEqual([]);
  });

  it('counts the link figures over organisation rows, and open link items', async () => {
    // Five organisation rows; four without a USCC of their own, two of which were linked another way.
    expect(await linkCounts(db, B, datasetDefinition('admin_penalty').subject!)).toEqual({
      organisations: 5, withoutUscc: 4, converted: 2, codeConflictRows: 1 });
    expect(await openLinkItems(db, B)).toBe(1);
  });

  it('counts records made, suspected duplicates and records delivered', async () => {
    expect(await recordsMade(db, B)).toEqual({ n: 1, versions: 1 });
    expect(await suspectedDuplicates(db, B)).toBe(1);
    expect(await deliveredRecords(db, B)).toBe(5);
    expect(await deliveredRecords(db, 'fin_none')).toBe(0);
  });
});

describe('closing a batch', () => {
  it('marks it done with its counts, and knows whether its lineage event is logged', async () => {
    const counts = { received: 8, accepted: 6, rejected: 2 } as BatchCounts;
    await db.transaction(async (trx) => {
      await closeBatch(trx, B, counts);
      expect(await batchDoneLogged(trx, B)).toBe(false);
    });
    expect(await db('batches').where({ id: B }).first('status', 'step', 'counts')).toEqual({ status: 'done', step: null, counts });
    expect((await db('batches').where({ id: B }).first('finished_at') as { finished_at: Date | null }).finished_at).toBeInstanceOf(Date);
    await appendAudit(db, { actor: 'pipeline:test', kind: 'batch_done', subject: `batch:${B}`, payload: {} });
    expect(await batchDoneLogged(db, B)).toBe(true);
    expect(await batchDoneLogged(db, OTHER)).toBe(false);
  });

  it('fails it with the error', async () => {
    await failBatch(db, OTHER, { code: 'CDF_X', message: 'boom' });
    expect(await db('batches').where({ id: OTHER }).first('status', 'error')).toEqual({ status: 'failed', error: { code: 'CDF_X', message: 'boom' } });
  });
});
