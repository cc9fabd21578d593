// The batch reports' named queries on a cloned database, seeded with plain inserts: rejected rows
// a page at a time with every reason in order, rejects by reason and by field, the first reasons
// with their cells, and the cells each clean rule changed over one batch or several.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../connect.ts';
import { createTestDatabase } from '../../test/helpers/factory.ts';
import type { TestDatabase } from '../../test/helpers/factory.ts';
import { seedBatch, seedCatalogVersion } from '../../test/helpers/query-seed.ts';
import { cleanChangeCounts, rejectRowsAfter, rejectSample, rejectsByField, rejectsByReason } from './reports.ts';

let database: TestDatabase;
let db: Db;
let b: string;
let c: string;
const reason = (rowNo: number, seq: number, code: string, field: string | null, value: string | null = null) => ({
  batch_id: b, row_no: rowNo, seq, code, field, value, path: field ? `/${field}` : null, message_zh: `${code}中`, message_en: `${code} en`,
});

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  const catalog = await seedCatalogVersion(db);
  b = await seedBatch(db, { id: 'rep', catalogVersion: catalog });
  c = await seedBatch(db, { id: 'rep2', catalogVersion: catalog });
  await db('raw_rows').insert([1, 2, 3, 4].map((rowNo) => ({ batch_id: b, row_no: rowNo, cells: [`r${rowNo}`, 'x'] })));
  await db('rejects').insert([
    reason(2, 2, 'CDF_DATE', 'decision_date', '2026-13-01'), reason(2, 1, 'CDF_USCC', 'subject_uscc', 'bad'),
    reason(3, 1, 'CDF_USCC', 'subject_uscc', 'bad2'), reason(4, 1, 'CDF_SCHEMA', null),
  ]);
});
afterAll(async () => database?.drop());

describe('rejected rows', () => {
  it('pages the rejected rows after a row, each with its cells and every reason in the order found', async () => {
    const first = await rejectRowsAfter(db, b, 0, 2);
    expect(first).toEqual([
      { row_no: 2, cells: ['r2', 'x'], fields: ['subject_uscc', 'decision_date'], codes: ['CDF_USCC', 'CDF_DATE'], values: ['bad', '2026-13-01'],
        messages_zh: ['CDF_USCC中', 'CDF_DATE中'], messages_en: ['CDF_USCC en', 'CDF_DATE en'] },
      { row_no: 3, cells: ['r3', 'x'], fields: ['subject_uscc'], codes: ['CDF_USCC'], values: ['bad2'], messages_zh: ['CDF_USCC中'],
        messages_en: ['CDF_USCC en'] },
    ]);
    // A reason about no field and no value reads as empty strings.
    expect(await rejectRowsAfter(db, b, 3, 2)).toEqual([{ row_no: 4, cells: ['r4', 'x'], fields: [''], codes: ['CDF_SCHEMA'], values: [''],
      messages_zh: ['CDF_SCHEMA中'], messages_en: ['CDF_SCHEMA en'] }]);
    expect(await rejectRowsAfter(db, b, 4, 2)).toEqual([]);
  });

  it('counts rows by reason and by field, the most first, and samples the first reasons with their cells', async () => {
    expect(await rejectsByReason(db, b)).toEqual([{ code: 'CDF_USCC', rows: 2 }, expect.objectContaining({ rows: 1 }), expect.objectContaining({ rows: 1 })]);
    expect((await rejectsByReason(db, b)).map((r) => r.code).sort()).toEqual(['CDF_DATE', 'CDF_SCHEMA', 'CDF_USCC']);
    expect(await rejectsByField(db, b)).toEqual([{ field: 'subject_uscc', rows: 2 }, { field: 'decision_date', rows: 1 }]);
    expect(await rejectsByReason(db, c)).toEqual([]);
    const sample = await rejectSample(db, b, 3);
    expect(sample.map((s) => [s.row_no, s.code])).toEqual([[2, 'CDF_USCC'], [2, 'CDF_DATE'], [3, 'CDF_USCC']]);
    expect(sample[0]).toEqual({ row_no: 2, field: 'subject_uscc', code: 'CDF_USCC', value: 'bad', path: '/subject_uscc', message_zh: 'CDF_USCC中',
      message_en: 'CDF_USCC en', cells: ['r2', 'x'] });
  });
});

describe('clean changes', () => {
  it('counts cells per rule and field, and rows per rule, over the batches given', async () => {
    const change = (batchId: string, rowNo: number, field: string, ruleId: string) =>
      ({ batch_id: batchId, row_no: rowNo, field, rule_id: ruleId, rule_version: 1, before: 'a', after: 'b' });
    await db('clean_changes').insert([
      change(b, 1, 'name', 'trim'), change(b, 1, 'docno', 'trim'), change(b, 2, 'name', 'trim'), change(b, 2, 'amount', 'amount'),
      change(c, 1, 'name', 'trim'),
    ]);
    const key = (x: { rule_id: string; field: string | null }) => `${x.rule_id}/${x.field ?? '*'}`;
    const counts = async (ids: string[]) => (await cleanChangeCounts(db, ids)).sort((x, y) => key(x) < key(y) ? -1 : 1);
    expect(await counts([b])).toEqual([
      { rule_id: 'amount', field: null, cells: 1, rows: 1 }, { rule_id: 'amount', field: 'amount', cells: 1, rows: 1 },
      { rule_id: 'trim', field: null, cells: 3, rows: 2 }, { rule_id: 'trim', field: 'docno', cells: 1, rows: 1 },
      { rule_id: 'trim', field: 'name', cells: 2, rows: 2 },
    ]);
    expect((await counts([b, c])).find((x) => x.rule_id === 'trim' && x.field === null)).toEqual({ rule_id: 'trim', field: null, cells: 4, rows: 3 });
    expect(await cleanChangeCounts(db, [])).toEqual([]);
  });
});
