// Golden records' named queries on a cloned database, seeded with plain inserts: locks and reads of
// a record and its versions, a record kept apart, a merge, the pages the export, the public view
// and the expiry sweep walk, and who sees which record (city, district, street).
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../connect.ts';
import { createTestDatabase } from '../../test/helpers/factory.ts';
import type { TestDatabase } from '../../test/helpers/factory.ts';
import { seedBatch, seedCatalogVersion, seedCleanRow, seedGolden, seedSource } from '../../test/helpers/query-seed.ts';
import {
  activeRecordsAfter, createGolden, deliverableRecord, exportPage, goldenContentHash, lockGolden, lockGoldenByKey, lockGoldenState, lockVisibleGolden,
  markMerged, publicCandidatesAfter, versionContentHash, versionFields, versionOrigin, versionSource, versionsOfRecord, visibleGolden, whereVisible,
} from './golden.ts';
import type { GoldenVisibility } from './golden.ts';

let database: TestDatabase;
let db: Db;
const HEPING = '91120101MA05ABCD1X';
const HEXI = '91120103MA05ABCD2Y';
let a: string;
let b: string;
/** Records of dataset `ds`: p (Heping, agency_a, 3 versions), q (Hexi, agency_b), r (no subject, merged), s (Heping, agency_b). */
let p: number;
let q: number;
let r: number;
let s: number;
const ds = 'admin_penalty';
const see = (v: GoldenVisibility) => (x: Knex.QueryBuilder) => { whereVisible(x, v); };

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  const catalog = await seedCatalogVersion(db);
  a = await seedBatch(db, { id: 'ga', catalogVersion: catalog, agency: 'agency_a', channel: 'upload' });
  b = await seedBatch(db, { id: 'gb', catalogVersion: catalog, agency: 'agency_b', channel: 'api' });
  for (const rowNo of [1, 2, 3, 4]) await seedCleanRow(db, { batchId: a, rowNo, fields: { n: `a${rowNo}` } });
  for (const rowNo of [1, 2]) await seedCleanRow(db, { batchId: b, rowNo, fields: { n: `b${rowNo}` } });
  p = await seedGolden(db, { naturalKey: 'P', fields: { n: 'p' }, subject: HEPING, version: 3, contentHash: 'hp' }, { batchId: a, rowNo: 1 });
  q = await seedGolden(db, { naturalKey: 'Q', fields: { n: 'q' }, subject: HEXI }, { batchId: b, rowNo: 1 });
  r = await seedGolden(db, { naturalKey: 'R', fields: { n: 'r' }, status: 'merged' }, { batchId: a, rowNo: 2 });
  s = await seedGolden(db, { naturalKey: 'S', fields: { n: 's' }, subject: HEPING }, { batchId: b, rowNo: 2 });
  await seedSource(db, a, 1, p, 'chosen');
  await seedSource(db, a, 3, p, 'duplicate');
  await seedSource(db, b, 1, q, 'chosen');
  await seedSource(db, a, 2, r, 'chosen');
  await seedSource(db, b, 2, s, 'chosen');
});
afterAll(async () => database?.drop());

describe('a record and its versions', () => {
  it('locks a record whole, as a state to write from, and by its key', async () => {
    await db.transaction(async (trx) => {
      expect(await lockGolden(trx, p)).toMatchObject({ id: p, dataset: ds, natural_key: 'P', subject_uscc: HEPING, fields: { n: 'p' }, content_hash: 'hp',
        status: 'active', version: 3 });
      expect(await lockGoldenState(trx, p)).toEqual({ id: p, dataset: ds, version: 3, fields: { n: 'p' }, subject_uscc: HEPING });
      expect(await lockGoldenByKey(trx, ds, 'Q')).toEqual({ id: q, dataset: ds, version: 1, fields: { n: 'q' }, subject_uscc: HEXI });
      expect(await lockGoldenByKey(trx, ds, 'nope')).toBeUndefined();
      expect(await lockGoldenByKey(trx, 'admin_license', 'Q')).toBeUndefined();
    });
  });

  it('reads hashes, a version\'s values and source, and the versions as of a moment', async () => {
    expect(await goldenContentHash(db, p)).toBe('hp');
    expect(await versionContentHash(db, p, 1)).toBe('hp_v1');
    expect(await versionContentHash(db, p, 3)).toBe('hp');
    expect(await versionFields(db, p, 2)).toEqual({ n: 'p' });
    expect(await versionSource(db, q, 1)).toEqual({ batch_id: b, row_no: 1 });
    const all = await versionsOfRecord(db, p);
    expect(all.map((v) => v.version)).toEqual([1, 2, 3]);
    expect(all[0]).toMatchObject({ batch_id: a, row_no: 1, fields: { n: 'p' }, field_sources: null });
    await db('golden_versions').where({ golden_id: p, version: 1 }).update({ valid_from: new Date('2026-01-01T00:00:00Z') });
    expect((await versionsOfRecord(db, p, new Date('2026-06-01T00:00:00Z'))).map((v) => v.version)).toEqual([1]);
    expect(await versionsOfRecord(db, p, new Date('2025-01-01T00:00:00Z'))).toEqual([]);
  });

  it('reads what a subscriber receives and whom it came from', async () => {
    expect(await deliverableRecord(db, q)).toEqual({ id: q, dataset: ds, version: 1, subject_uscc: HEXI, fields: { n: 'q' }, status: 'active' });
    expect(await versionOrigin(db, q, 1)).toEqual({ agency: 'agency_b', channel: 'api' });
    expect(await versionOrigin(db, p, 3)).toEqual({ agency: 'agency_a', channel: 'upload' });
  });
});

describe('who sees which record', () => {
  it('narrows to the city, a district and a street', async () => {
    const ids = async (v: GoldenVisibility) =>
      ((await whereVisible(db('golden_records as g').whereIn('g.id', [p, q, r, s]), v).orderBy('g.id').select('g.id')) as Array<{ id: number }>)
        .map((x) => x.id);
    expect(await ids({ level: 'city' })).toEqual([p, q, r, s]);
    expect(await ids({ level: 'district', district: '120101' })).toEqual([p, s]);
    expect(await ids({ level: 'street', street: '120101001', agencies: ['agency_b'] })).toEqual([q, s]);
    expect(await ids({ level: 'street', street: '120101002', agencies: [] })).toEqual([]);
  });

  it('locks and reads a record only where the restriction lets the caller see it', async () => {
    await db.transaction(async (trx) => {
      expect(await lockVisibleGolden(trx, q, see({ level: 'district', district: '120103' })))
        .toEqual({ id: q, dataset: ds, status: 'active', version: 1, fields: { n: 'q' }, subject_uscc: HEXI });
      expect(await lockVisibleGolden(trx, q, see({ level: 'district', district: '120101' }))).toBeUndefined();
    });
    expect(await visibleGolden(db, p, see({ level: 'street', street: 'x', agencies: ['agency_a'] }))).toMatchObject({ id: p, natural_key: 'P', version: 3 });
    expect(await visibleGolden(db, p, see({ level: 'street', street: 'x', agencies: ['agency_b'] }))).toBeUndefined();
  });
});

describe('pages', () => {
  it('walks active records by id for the expiry sweep and the public view', async () => {
    expect((await activeRecordsAfter(db, ds, 0, 10)).map((x) => x.id)).toEqual([p, q, s]);
    expect(await activeRecordsAfter(db, ds, p, 1)).toEqual([{ id: q, version: 1, subject_uscc: HEXI, fields: { n: 'q' } }]);
    expect(await publicCandidatesAfter(db, ds, 0, 10, HEPING)).toEqual([
      { id: p, subject_uscc: HEPING, fields: { n: 'p' } }, { id: s, subject_uscc: HEPING, fields: { n: 's' } }]);
    expect((await publicCandidatesAfter(db, ds, q, 10)).map((x) => x.id)).toEqual([s]);
    expect(await activeRecordsAfter(db, 'admin_license', 0, 10)).toEqual([]);
  });

  it('leaves out of both pages the records that meet an ended bound, never for an empty date', async () => {
    const L = 'red_list';
    const seeds: Array<Record<string, string>> = [
      { valid_until: '2026-12-01' }, { valid_until: '2026-12-02' }, { valid_until: '' }, { removal_date: '2026-12-02' }, { n: 'none' },
    ];
    const ids: number[] = [];
    for (const [i, fields] of seeds.entries()) {
      ids.push(await seedGolden(db, { dataset: L, naturalKey: `L${i}`, fields, subject: HEPING }, { batchId: a, rowNo: 4 }));
    }
    const ended = [{ field: 'valid_until', before: '2026-12-02' }, { field: 'removal_date', before: '2026-12-03' }];
    expect((await activeRecordsAfter(db, L, 0, 10, ended)).map((x) => x.id)).toEqual([ids[1], ids[2], ids[4]]);
    expect((await publicCandidatesAfter(db, L, 0, 10, HEPING, ended)).map((x) => x.id)).toEqual([ids[1], ids[2], ids[4]]);
    expect((await publicCandidatesAfter(db, L, ids[1]!, 1, undefined, ended)).map((x) => x.id)).toEqual([ids[2]]);
    expect((await activeRecordsAfter(db, L, 0, 10, [])).map((x) => x.id)).toEqual(ids);
  });

  it('exports a page with every source, as it stands and as of a moment', async () => {
    const page = await exportPage(db, ds, 0, 2, see({ level: 'city' }));
    expect(page.map((x) => x.id)).toEqual([p, q]);
    expect(page[0]).toEqual({
      id: p, dataset: ds, natural_key: 'P', subject_uscc: HEPING, status: 'active', version: 3, fields: { n: 'p' },
      sources: [{ batchId: a, rowNo: 1, agency: 'agency_a', channel: 'upload', role: 'chosen' },
        { batchId: a, rowNo: 3, agency: 'agency_a', channel: 'upload', role: 'duplicate' }],
    });
    expect((await exportPage(db, ds, q, 10, see({ level: 'district', district: '120101' }))).map((x) => x.id)).toEqual([s]);
    // As of a moment: the version then, the sources then, records made later left out.
    await db('golden_versions').where({ golden_id: p, version: 2 }).update({ valid_from: new Date('2026-02-01T00:00:00Z') });
    await db('record_sources').where({ batch_id: a, row_no: 1 }).update({ created_at: new Date('2026-01-15T00:00:00Z') });
    const then = await exportPage(db, ds, 0, 10, see({ level: 'city' }), new Date('2026-03-01T00:00:00Z'));
    expect(then).toEqual([expect.objectContaining({ id: p, version: 2,
      sources: [{ batchId: a, rowNo: 1, agency: 'agency_a', channel: 'upload', role: 'chosen' }] })]);
  });
});

describe('changes outside sync', () => {
  it('creates a record kept apart with its first version, and marks a record merged', async () => {
    const id = await createGolden(db, { dataset: ds, naturalKey: 'P#ga:4', subject: HEXI, fields: { n: 'a4' }, contentHash: 'h4' }, { batchId: a, rowNo: 4 });
    expect(await db('golden_records').where({ id }).first('natural_key', 'subject_uscc', 'fields', 'content_hash', 'status', 'version'))
      .toEqual({ natural_key: 'P#ga:4', subject_uscc: HEXI, fields: { n: 'a4' }, content_hash: 'h4', status: 'active', version: 1 });
    expect(await db('golden_versions').where({ golden_id: id }).select('version', 'fields', 'content_hash', 'batch_id', 'row_no', 'field_sources'))
      .toEqual([{ version: 1, fields: { n: 'a4' }, content_hash: 'h4', batch_id: a, row_no: 4, field_sources: null }]);
    const before = (await db('golden_records').where({ id }).first('updated_at')) as { updated_at: Date };
    await markMerged(db, id);
    const after = (await db('golden_records').where({ id }).first('status', 'version', 'fields', 'updated_at')) as
      { status: string; version: number; fields: unknown; updated_at: Date };
    expect(after).toMatchObject({ status: 'merged', version: 1, fields: { n: 'a4' } });
    expect(after.updated_at.getTime()).toBeGreaterThanOrEqual(before.updated_at.getTime());
  });
});
