// The store's floor on a cloned database: every per-row table is written into a twin that keeps its
// indexes (less the search indexes when asked), the time is the insert's, and no twin is left.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helpers/factory.ts';
import type { TestDatabase } from '../../test/helpers/factory.ts';
import { seedBatch, seedCatalogVersion, seedCleanRow, seedGolden } from '../../test/helpers/query-seed.ts';
import { FLOOR_TABLES, copyIntoTwin, createTwin, dropTwin, writeFloor } from './write-floor.ts';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  const batch = await seedBatch(db, { id: 'fa', catalogVersion: await seedCatalogVersion(db), agency: 'agency_a', channel: 'upload' });
  for (const rowNo of [1, 2, 3]) {
    await seedCleanRow(db, { batchId: batch, rowNo, cells: ['甲', String(rowNo)], fields: { subject_name: `甲公司${rowNo}` } });
    await seedGolden(db, { naturalKey: `K${rowNo}`, fields: { subject_name: `甲公司${rowNo}` } }, { batchId: batch, rowNo });
  }
});
afterAll(async () => database?.drop());

const twins = async () => (await database.db.raw<{ rows: Array<{ t: string }> }>(
  "select tablename as t from pg_tables where tablename like 'floor\\_%'")).rows.map((r) => r.t);

describe('writeFloor', () => {
  it('times each per-row table written once and leaves no twin behind', async () => {
    const floor = await writeFloor(database.db);
    expect(Object.keys(floor.seconds)).toEqual([...FLOOR_TABLES]);
    for (const s of Object.values(floor.seconds)) expect(s).toBeGreaterThan(0);
    expect(floor.totalSeconds).toBeCloseTo(Object.values(floor.seconds).reduce((a, b) => a + b, 0), 9);
    expect(floor.goldenWithoutSearchSeconds).toBeGreaterThan(0);
    expect(await twins()).toEqual([]);
  });

  it('writes into a twin with the table\'s indexes, less those left out', async () => {
    const db = database.db;
    const count = async (t: string) => (await db.raw<{ rows: Array<{ n: number }> }>(
      'select count(*)::int as n from pg_indexes where tablename = ?', [t])).rows[0]!.n;
    const own = await count('golden_records');
    const seen: number[] = [];
    for (const without of [[], ['golden_records_name_trgm_idx', 'golden_records_docno_search_idx']]) {
      seen.push(await count(await createTwin(db, 'golden_records', without)));
      await dropTwin(db, 'golden_records');
    }
    expect(own).toBeGreaterThan(2);
    expect(seen).toEqual([own, own - 2]);
    expect(await twins()).toEqual([]);
  });

  it('says which index it could not leave out, and drops the twin', async () => {
    await expect(copyIntoTwin(database.db, 'golden_records', ['no_such_idx'])).rejects.toThrow();
    expect(await twins()).toEqual([]);
  });
});
