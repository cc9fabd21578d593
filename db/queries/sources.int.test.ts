// Source rows' named queries on a cloned database, seeded with plain inserts: roles set for many
// rows at once (and their history, from a row's first change, kept by the table's triggers), a merge moving every source, the
// record a row is chosen for, and a source row as lineage shows it with its clean changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../connect.ts';
import { createTestDatabase } from '../../test/helpers/factory.ts';
import type { TestDatabase } from '../../test/helpers/factory.ts';
import { seedBatch, seedCatalogVersion, seedCleanRow, seedGolden, seedSource } from '../../test/helpers/query-seed.ts';
import { cleanChangesOfRows, moveSourcesAsDuplicates, recordChosenFrom, setRoles, sourceRowDetails } from './sources.ts';

let database: TestDatabase;
let db: Db;
let b: string;
let g1: number;
let g2: number;
const roles = async () =>
  (await db('record_sources').where({ batch_id: b }).orderBy('row_no').select('row_no', 'golden_id', 'role')) as
    Array<{ row_no: number; golden_id: number; role: string }>;

const historyRoles = async (rowNo: number) =>
  (await db('record_source_history').where({ batch_id: b, row_no: rowNo }).orderBy('id').pluck('role')) as string[];

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  b = await seedBatch(db, { id: 'src', catalogVersion: await seedCatalogVersion(db), agency: 'agency_s', channel: 'ftp' });
  for (const rowNo of [1, 2, 3]) {
    await seedCleanRow(db, { batchId: b, rowNo, fields: { n: `r${rowNo}` }, subject: rowNo === 1 ? '91120101MA05ABCD1X' : null, cells: [`c${rowNo}`, 'x'] });
  }
  g1 = await seedGolden(db, { naturalKey: 'G1', fields: {} }, { batchId: b, rowNo: 1 });
  g2 = await seedGolden(db, { naturalKey: 'G2', fields: {} }, { batchId: b, rowNo: 2 });
});
afterAll(async () => database?.drop());

describe('roles', () => {
  it('sets many rows\' record and role in one statement, inserting or changing, and keeps their history', async () => {
    await seedSource(db, b, 1, g1, 'chosen');
    await setRoles(db, []);
    await setRoles(db, [{ batch_id: b, row_no: 1, golden_id: g1, role: 'overruled' }, { batch_id: b, row_no: 2, golden_id: g1, role: 'rejected_by_steward' }]);
    expect(await roles()).toEqual([{ row_no: 1, golden_id: g1, role: 'overruled' }, { row_no: 2, golden_id: g1, role: 'rejected_by_steward' }]);
    // A row's history starts at its first change, with its state until then (since it was written).
    const history = (await db('record_source_history').where({ batch_id: b, row_no: 1 }).orderBy('id').select('role', 'at')) as
      Array<{ role: string; at: Date }>;
    expect(history.map((h) => h.role)).toEqual(['chosen', 'overruled']);
    const written = ((await db('record_sources').where({ batch_id: b, row_no: 1 }).first('created_at')) as { created_at: Date }).created_at;
    expect(history[0]!.at).toEqual(written);
    expect(await historyRoles(2)).toEqual([]); // never changed: record_sources alone tells it
  });

  it('moves every source of a merged record to the record kept, as duplicates', async () => {
    await setRoles(db, [{ batch_id: b, row_no: 3, golden_id: g2, role: 'chosen' }]);
    await moveSourcesAsDuplicates(db, g1, g2);
    expect(await roles()).toEqual([{ row_no: 1, golden_id: g2, role: 'duplicate' }, { row_no: 2, golden_id: g2, role: 'duplicate' },
      { row_no: 3, golden_id: g2, role: 'chosen' }]);
    expect(await recordChosenFrom(db, b, 3)).toBe(g2);
    expect(await recordChosenFrom(db, b, 1)).toBeUndefined();
    expect(await historyRoles(2)).toEqual(['rejected_by_steward', 'duplicate']);
    expect(await historyRoles(3)).toEqual([]);
  });

  it('keeps the story of a source row removed (a decision undone) and written again', async () => {
    await db('record_sources').where({ batch_id: b, row_no: 3 }).delete();
    expect(await historyRoles(3)).toEqual(['chosen']);
    // Written again (the decision taken again): its story goes on.
    await seedSource(db, b, 3, g2, 'duplicate');
    expect(await historyRoles(3)).toEqual(['chosen', 'duplicate']);
  });
});

describe('source rows as lineage shows them', () => {
  it('reads rows with their batch and cells, and their clean changes by row and field', async () => {
    const rows = await sourceRowDetails(db, [[b, 1], [b, 3], [b, 9]]);
    expect(rows.map((r) => r.row_no).sort()).toEqual([1, 3]);
    expect(rows.find((r) => r.row_no === 1)).toMatchObject({
      batch_id: b, agency: 'agency_s', channel: 'ftp', file_name: `${b}.csv`, file_sha256: `sha_${b}`, headers: [], column_map: [],
      fields: { n: 'r1' }, subject_uscc: '91120101MA05ABCD1X', link_method: null, cells: ['c1', 'x'],
    });
    const change = { batch_id: b, rule_version: 1, before: ' x', after: 'x' };
    await db('clean_changes').insert([
      { ...change, row_no: 1, field: 'b', rule_id: 'trim' }, { ...change, row_no: 1, field: 'a', rule_id: 'trim' },
      { ...change, row_no: 2, field: 'a', rule_id: 'width' }, { ...change, row_no: 3, field: 'a', rule_id: 'trim' },
    ]);
    const all = await cleanChangesOfRows(db, [[b, 1], [b, 2]]);
    expect(all.map((c) => [c.row_no, c.field, c.rule_id])).toEqual([[1, 'a', 'trim'], [1, 'b', 'trim'], [2, 'a', 'width']]);
    expect(all[0]).toEqual({ batch_id: b, row_no: 1, field: 'a', rule_id: 'trim', rule_version: 1, before: ' x', after: 'x' });
    expect((await cleanChangesOfRows(db, [[b, 1], [b, 3]], 'a')).map((c) => c.row_no)).toEqual([1, 3]);
  });
});
