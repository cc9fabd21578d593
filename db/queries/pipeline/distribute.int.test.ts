// The distribute step's page on a cloned database, seeded with plain inserts: the records a
// batch's rows were chosen for, walked by row number a page at a time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../connect.ts';
import { createTestDatabase } from '../../../test/helpers/factory.ts';
import type { TestDatabase } from '../../../test/helpers/factory.ts';
import { seedBatch, seedCatalogVersion, seedCleanRow, seedGolden, seedSource } from '../../../test/helpers/query-seed.ts';
import { chosenRecordsAfter } from './distribute.ts';

let database: TestDatabase;
let db: Db;
const B = 'dist';
const ids: number[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  const catalog = await seedCatalogVersion(db);
  await seedBatch(db, { id: B, catalogVersion: catalog });
  await seedBatch(db, { id: 'dist_other', catalogVersion: catalog });
  // Rows 1, 2, 4, 5, 7 chosen for records 0..4 (record 3 withdrawn); row 3 a duplicate of record 0; row 6 chose nothing.
  for (const rowNo of [1, 2, 3, 4, 5, 6, 7]) await seedCleanRow(db, { batchId: B, rowNo });
  for (const [i, rowNo] of [1, 2, 4, 5, 7].entries()) {
    const id = await seedGolden(db, { naturalKey: `D${i}`, fields: { n: `${i}` }, subject: i === 0 ? '91120101MA05ABCD1X' : null,
      status: i === 3 ? 'merged' : 'active', version: i === 1 ? 2 : 1 }, { batchId: B, rowNo });
    ids.push(id);
    await seedSource(db, B, rowNo, id, 'chosen');
  }
  await seedSource(db, B, 3, ids[0]!, 'duplicate');
  await seedCleanRow(db, { batchId: 'dist_other', rowNo: 1 });
  await seedSource(db, 'dist_other', 1, ids[2]!, 'chosen');
});
afterAll(async () => database?.drop());

describe('chosenRecordsAfter', () => {
  it('walks the records chosen from a batch\'s rows by row number, a page at a time', async () => {
    expect(await chosenRecordsAfter(db, B, 0, 2)).toEqual([
      { row_no: 1, id: ids[0], version: 1, dataset: 'admin_penalty', subject_uscc: '91120101MA05ABCD1X', fields: { n: '0' }, status: 'active' },
      { row_no: 2, id: ids[1], version: 2, dataset: 'admin_penalty', subject_uscc: null, fields: { n: '1' }, status: 'active' },
    ]);
    const page2 = await chosenRecordsAfter(db, B, 2, 2);
    expect(page2.map((r) => [r.row_no, r.id, r.status])).toEqual([[4, ids[2], 'active'], [5, ids[3], 'merged']]);
    expect((await chosenRecordsAfter(db, B, 5, 2)).map((r) => [r.row_no, r.id])).toEqual([[7, ids[4]]]);
    expect(await chosenRecordsAfter(db, B, 7, 2)).toEqual([]);
    expect((await chosenRecordsAfter(db, 'dist_other', 0, 10)).map((r) => r.id)).toEqual([ids[2]]);
  });
});
