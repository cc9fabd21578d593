// The steward side's clean_rows queries on a cloned database, seeded with plain inserts: rows held
// while their link waits (against a held record and against the batch's own first row of the key),
// a held row read back and settled, and the values, record and subject a decision reads and sets.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../connect.ts';
import { createTestDatabase } from '../../test/helpers/factory.ts';
import type { TestDatabase } from '../../test/helpers/factory.ts';
import { seedBatch, seedCatalogVersion, seedCleanRow, seedGolden, seedTask } from '../../test/helpers/query-seed.ts';
import { DRAW_RECORD_ID } from './store-probes.ts';
import {
  awaitingRow, decidedRow, holdAwaitingLinkRows, linkRowBySteward, moveRowsToRecord, rowValues, setRowClass, setRowGolden,
} from './clean-rows.ts';

let database: TestDatabase;
let db: Db;
let catalog: number;
const S1 = '91120101MA05ABCD1X';
const md5 = (s: string) => createHash('md5').update(s).digest('hex');
const row = async (batchId: string, rowNo: number) =>
  (await db('clean_rows').where({ batch_id: batchId, row_no: rowNo }).first()) as Record<string, unknown>;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  catalog = await seedCatalogVersion(db);
});
afterAll(async () => database?.drop());

describe('rows waiting for a link', () => {
  it('holds the conflicts that linking would make the same, only while their link item is open', async () => {
    const h = await seedBatch(db, { id: 'held', catalogVersion: catalog });
    await seedCleanRow(db, { batchId: h, rowNo: 1 });
    const g = await seedGolden(db, { naturalKey: 'K1', fields: {}, subject: S1, contentHash: md5(`base1|${S1}`) }, { batchId: h, rowNo: 1 });
    const b = await seedBatch(db, { id: 'wait', catalogVersion: catalog });
    // 1: would be the held record once linked, and waits; 2: the same but nothing waits; 3: would differ.
    await seedCleanRow(db, { batchId: b, rowNo: 1, naturalKey: 'K1', baseHash: 'base1', cls: 'conflict', goldenId: g });
    await seedCleanRow(db, { batchId: b, rowNo: 2, naturalKey: 'K1', baseHash: 'base1', cls: 'conflict', goldenId: g });
    await seedCleanRow(db, { batchId: b, rowNo: 3, naturalKey: 'K1', baseHash: 'other', cls: 'conflict', goldenId: g });
    // 4 is the batch's own first row of K2; 5 would be the same as it once linked, and waits. Both
    // name the id compare drew for K2's record, which sync has not made yet.
    const drawn = Number((await db.raw<{ rows: Array<{ n: string }> }>(`select ${DRAW_RECORD_ID} as n`)).rows[0]!.n);
    await seedCleanRow(db, { batchId: b, rowNo: 4, naturalKey: 'K2', cls: 'new', subject: S1, contentHash: md5(`base4|${S1}`), goldenId: drawn });
    await seedCleanRow(db, { batchId: b, rowNo: 5, naturalKey: 'K2', baseHash: 'base4', cls: 'conflict', goldenId: drawn });
    for (const rowNo of [1, 3, 5]) await seedTask(db, { kind: 'uncertain_link', batchId: b, rowNo });
    await seedTask(db, { kind: 'uncertain_link', batchId: b, rowNo: 2, status: 'decided' });
    expect(await holdAwaitingLinkRows(db, b, 'admin_penalty')).toBe(2);
    const classes = (await db('clean_rows').where({ batch_id: b }).orderBy('row_no').select('class')).map((r: { class: string }) => r.class);
    expect(classes).toEqual(['awaiting_link', 'conflict', 'conflict', 'new', 'awaiting_link']);
    expect(await holdAwaitingLinkRows(db, b, 'admin_license')).toBe(0);

    expect(await awaitingRow(db, b, 1)).toEqual({ base_hash: 'base1', golden_id: g, held_hash: md5(`base1|${S1}`), dataset: 'admin_penalty' });
    expect(await awaitingRow(db, b, 2)).toBeUndefined();
    // Held against its batch's own row, with no record yet: it names none, and nothing reads back.
    expect(await row(b, 5)).toMatchObject({ golden_id: null });
    expect(await awaitingRow(db, b, 5)).toBeUndefined();
    await setRowClass(db, b, 1, 'duplicate', 'newhash');
    expect(await row(b, 1)).toMatchObject({ class: 'duplicate', content_hash: 'newhash' });
    await setRowClass(db, b, 5, 'conflict', null);
    expect(await row(b, 5)).toMatchObject({ class: 'conflict', content_hash: 'hwait:5' });
  });
});

describe('what a decision reads and sets', () => {
  it('reads a row\'s values, moves rows between records and links a subject', async () => {
    const b = await seedBatch(db, { id: 'dec', catalogVersion: catalog });
    await seedCleanRow(db, { batchId: b, rowNo: 1, fields: { a: '1' }, naturalKey: 'N1', contentHash: 'c1', subject: S1 });
    await seedCleanRow(db, { batchId: b, rowNo: 2, fields: { a: '2' }, naturalKey: 'N2', contentHash: 'c2' });
    const g1 = await seedGolden(db, { naturalKey: 'N1', fields: { a: '1' } }, { batchId: b, rowNo: 1 });
    const g2 = await seedGolden(db, { naturalKey: 'N2', fields: { a: '2' } }, { batchId: b, rowNo: 2 });
    expect(await rowValues(db, b, 1)).toEqual({ fields: { a: '1' }, subject_uscc: S1 });
    expect(await decidedRow(db, b, 2)).toEqual({ fields: { a: '2' }, content_hash: 'c2', subject_uscc: null, natural_key: 'N2' });
    await setRowGolden(db, b, 1, g1);
    await setRowGolden(db, b, 2, g1);
    expect((await row(b, 1)).golden_id).toBe(g1);
    await moveRowsToRecord(db, g1, g2);
    expect((await db('clean_rows').where({ batch_id: b }).orderBy('row_no').select('golden_id')).map((r: { golden_id: number }) => r.golden_id))
      .toEqual([g2, g2]);
    await linkRowBySteward(db, b, 2, S1);
    expect(await row(b, 2)).toMatchObject({ subject_uscc: S1, link_method: 'steward', link_confidence: 1 });
    expect((await row(b, 1)).link_method).toBeNull();
  });
});
