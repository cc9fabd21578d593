// The distribute step's page on a cloned database, seeded with plain inserts: the records a
// batch's rows were chosen for, walked by row number a page at a time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../connect.ts';
import { createTestDatabase } from '../../../test/helpers/factory.ts';
import type { TestDatabase } from '../../../test/helpers/factory.ts';
import { seedBatch, seedCatalogVersion, seedCleanRow, seedGolden, seedSource } from '../../../test/helpers/query-seed.ts';
import { chosenRecordsAfter, explainChosenRecordsAfter } from './distribute.ts';

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

  it('leaves out the fields of records registered outside the divisions asked for, and keeps their rows', async () => {
    // Record 0's subject is registered in 120101 (和平区); the others name no subject.
    const inside = await chosenRecordsAfter(db, B, 0, 10, { divisions: ['120101', '120116'] });
    expect(inside.map((r) => [r.row_no, r.id, r.fields])).toEqual([
      [1, ids[0], { n: '0' }], [2, ids[1], null], [4, ids[2], null], [5, ids[3], null], [7, ids[4], null],
    ]);
    const outside = await chosenRecordsAfter(db, B, 0, 10, { divisions: ['120116'] });
    expect(outside.map((r) => r.fields)).toEqual([null, null, null, null, null]);
    const all = await chosenRecordsAfter(db, B, 0, 10, { divisions: null });
    expect(all.map((r) => r.fields)).toEqual([{ n: '0' }, { n: '1' }, { n: '2' }, { n: '3' }, { n: '4' }]);
  });
});

describe('chosenRecordsAfter with ended bounds', () => {
  it('leaves out the fields of active records whose dates meet a bound, never a tombstone\'s, never for an empty date', async () => {
    const E = 'dist_ended';
    await seedBatch(db, { id: E, catalogVersion: await seedCatalogVersion(db) });
    const seeds: Array<[Record<string, string>, string]> = [
      [{ publicity_until: '2026-12-01' }, 'active'], // the day before: ended
      [{ publicity_until: '2026-12-02' }, 'active'], // today: may still run
      [{ publicity_until: '' }, 'active'], // empty: says nothing
      [{ publicity_until: '2020-01-01' }, 'merged'], // a tombstone goes out whatever its dates
      [{ decision_date: '2020-01-01' }, 'active'], // older than the second bound
      [{ decision_date: '2024-06-01', publicity_until: '2027-01-01' }, 'active'],
    ];
    const got: number[] = [];
    for (const [i, [fields, status]] of seeds.entries()) {
      await seedCleanRow(db, { batchId: E, rowNo: i + 1 });
      const id = await seedGolden(db, { naturalKey: `E${i}`, fields, status }, { batchId: E, rowNo: i + 1 });
      await seedSource(db, E, i + 1, id, 'chosen');
      got.push(id);
    }
    const ended = [{ field: 'publicity_until', before: '2026-12-02' }, { field: 'decision_date', before: '2023-10-02' }];
    const page = await chosenRecordsAfter(db, E, 0, 10, { ended });
    expect(page.map((r) => [r.id, r.fields])).toEqual(seeds.map(([fields], i) => [got[i], [0, 4].includes(i) ? null : fields]));
    // Both at once: a record inside the divisions can still be ended, and the reverse.
    expect((await chosenRecordsAfter(db, E, 0, 10, { ended, divisions: ['120101'] })).map((r) => r.fields)).toEqual(seeds.map(() => null));
    expect((await chosenRecordsAfter(db, E, 0, 10, { ended: [] })).map((r) => r.fields)).toEqual(seeds.map(([f]) => f));
  });
});

describe('chosenRecordsAfter at scale', () => {
  it('probes each page\'s records by id, never reading the whole store', async () => {
    // 20,000 records and a batch that chose 8,000 of them: a page of 5,000 was planned as a
    // hash of every record, a read of the whole store per page.
    const big = 'dist_big';
    await seedBatch(db, { id: big, catalogVersion: await seedCatalogVersion(db) });
    await db.raw(`
      insert into golden_records (dataset, natural_key, subject_uscc, fields, content_hash)
      select 'admin_penalty', 'DB' || i, null, jsonb_build_object('facts', repeat('违法事实', 40)), 'h' || i
        from generate_series(1, 20000) i`);
    await db.raw(`
      insert into record_sources (batch_id, row_no, golden_id, role)
      select :big, row_number() over (order by id), id, 'chosen'
        from golden_records where natural_key like 'DB%' and id % 5 < 2`, { big });
    await db.raw('analyze golden_records');
    await db.raw('analyze record_sources');
    const plan = JSON.stringify(await explainChosenRecordsAfter(db, big, 0, 5_000));
    expect(plan).toContain('"Index Name":"golden_records_pkey"');
    expect(plan).not.toMatch(/"Seq Scan"[^}]*"Relation Name":"golden_records"/);
    const page = await chosenRecordsAfter(db, big, 0, 5_000);
    expect(page).toHaveLength(5_000);
    expect(page.map((r) => r.row_no)).toEqual(Array.from({ length: 5_000 }, (_, i) => i + 1));
  });
});
