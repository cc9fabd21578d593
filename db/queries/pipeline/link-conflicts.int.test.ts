// The link step's 重错码 statements on a cloned database, seeded with plain inserts: one code on
// rows naming different subjects, one name linked to two subjects, the rows whose USCC may be
// nonconforming, and conflicts a rule outside SQL found, written once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetDefinition } from '../../../catalog/dataset-definition.ts';
import { nameKey } from '../../../domain/link/name-key.ts';
import type { Db } from '../../connect.ts';
import { createTestDatabase } from '../../../test/helpers/factory.ts';
import type { TestDatabase } from '../../../test/helpers/factory.ts';
import { seedBatch, seedCatalogVersion, seedCleanRow, seedLinkRow, seedRegistrySubject } from '../../../test/helpers/query-seed.ts';
import type { LinkRowSeed } from '../../../test/helpers/query-seed.ts';
import { batchDataset, flagOneCodeTwoSubjects, flagOneSubjectTwoCodes, insertCodeConflicts, nonconformingUsccCandidates } from './link-conflicts.ts';
import type { LinkScope } from './link.ts';

let database: TestDatabase;
let db: Db;
const B = 'lc';
const s: LinkScope = { batchId: B, subject: datasetDefinition('admin_penalty').subject! };
const U1 = '91120101MA05ABCD1X';
const U2 = '91120103MA05WXYZ2Y';
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** GB 11714's check character of an organisation code's eight-character body. */
const orgCheck = (body: string): string => {
  const m = [3, 7, 9, 10, 5, 8, 4, 2].reduce((sum, w, i) => sum + ALPHABET.indexOf(body[i]!) * w, 0) % 11;
  return m === 1 ? 'X' : m === 0 ? '0' : String(11 - m);
};
const CONFORMING = `91120101MA05QRST${orgCheck('MA05QRST')}1`;
const WRONG_ORG_CHECK = `91120101MA05QRST${orgCheck('MA05QRST') === '1' ? '2' : '1'}1`;
const conflicts = async (kind: string) =>
  db('code_conflicts').where({ batch_id: B, kind }).orderBy('row_no').select('row_no', 'code', 'subject_uscc', 'detail');

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await seedBatch(db, { id: B, catalogVersion: await seedCatalogVersion(db) });
  await seedRegistrySubject(db, { uscc: U1, name: '天津市和平区瑞华医药有限公司' });
  const rows: Array<Omit<LinkRowSeed, 'batchId'>> = [
    // One unregistered organisation code on two clearly different names; another on one name twice.
    { rowNo: 1, fields: { subject_orgcode: 'ORG000001', subject_name: '天津福源科技有限公司' }, nameKey: nameKey('天津福源科技有限公司') },
    { rowNo: 2, fields: { subject_orgcode: 'ORG000001', subject_name: '完全不同的公司' }, nameKey: nameKey('完全不同的公司') },
    { rowNo: 3, fields: { subject_orgcode: 'ORG000002' }, nameKey: 'same' },
    { rowNo: 4, fields: { subject_orgcode: 'ORG000002' }, nameKey: 'same' },
    // A registered subject's code is judged against the registry, not here.
    { rowNo: 5, fields: { subject_orgcode: 'ORG000003' }, nameKey: 'a', subject: U1 },
    { rowNo: 6, fields: { subject_orgcode: 'ORG000003' }, nameKey: 'zzz', subject: U1 },
    // One name linked to two subjects.
    { rowNo: 7, nameKey: '两个码', subject: U1, linkMethod: 'uscc' },
    { rowNo: 8, nameKey: '两个码', subject: U2, linkMethod: 'name' },
    // USCCs whose embedded organisation code's check character holds, and fails.
    { rowNo: 9, fields: { subject_uscc: CONFORMING } },
    { rowNo: 10, fields: { subject_uscc: WRONG_ORG_CHECK, authority_uscc: CONFORMING } },
    { rowNo: 11, fields: { subject_uscc: '91120101M0000000X1' } },
  ];
  for (const r of rows) await seedLinkRow(db, { ...r, batchId: B });
});
afterAll(async () => database?.drop());

describe('code conflicts within a batch', () => {
  it('flags one unregistered code carried by rows naming clearly different subjects', async () => {
    await flagOneCodeTwoSubjects(db, s, ['subject_orgcode']);
    await flagOneCodeTwoSubjects(db, s, ['subject_orgcode']);
    expect(await conflicts('one_code_two_subjects')).toEqual([
      { row_no: 1, code: 'ORG000001', subject_uscc: null, detail: { field: 'subject_orgcode', rowName: '天津福源科技有限公司' } },
      { row_no: 2, code: 'ORG000001', subject_uscc: null, detail: { field: 'subject_orgcode', rowName: '完全不同的公司' } },
    ]);
  });

  it('checks every code field in one statement, a row conflicting on two recorded once, for the first field', async () => {
    const M = 'lc_fields';
    await seedBatch(db, { id: M, catalogVersion: await seedCatalogVersion(db) });
    const names = ['天津福源科技有限公司', '完全不同的公司', '天津瑞丰建材有限公司'];
    // Rows 1 and 2 share a registration number and an organisation code under different names: each
    // is recorded once, for the registration number (asked first). Rows 2 and 3 share a tax number:
    // row 3 is recorded for it; row 2 keeps its first conflict.
    const rows: Array<Record<string, string>> = [
      { subject_orgcode: 'ORG000001', subject_regno: 'REG1', subject_taxno: 'TAX1' },
      { subject_orgcode: 'ORG000001', subject_regno: 'REG1', subject_taxno: 'TAX2' },
      { subject_orgcode: 'ORG000009', subject_regno: 'REG3', subject_taxno: 'TAX2' },
    ];
    for (const [i, f] of rows.entries()) {
      await seedLinkRow(db, { batchId: M, rowNo: i + 1, fields: { ...f, subject_name: names[i]! }, nameKey: nameKey(names[i]!) });
    }
    const ms: LinkScope = { ...s, batchId: M };
    await flagOneCodeTwoSubjects(db, ms, []);
    expect(await db('code_conflicts').where({ batch_id: M })).toEqual([]);
    await flagOneCodeTwoSubjects(db, ms, ['subject_regno', 'subject_orgcode', 'subject_taxno']);
    const found = await db('code_conflicts').where({ batch_id: M, kind: 'one_code_two_subjects' }).orderBy('row_no').select('row_no', 'code', 'detail');
    expect(found).toEqual([
      { row_no: 1, code: 'REG1', detail: { field: 'subject_regno', rowName: names[0] } },
      { row_no: 2, code: 'REG1', detail: { field: 'subject_regno', rowName: names[1] } },
      { row_no: 3, code: 'TAX2', detail: { field: 'subject_taxno', rowName: names[2] } },
    ]);
  });

  it('flags one name linked to two subjects', async () => {
    await flagOneSubjectTwoCodes(db, s);
    expect(await conflicts('one_subject_two_codes')).toEqual([
      { row_no: 7, code: U1, subject_uscc: U1, detail: { nameKey: '两个码', method: 'uscc' } },
      { row_no: 8, code: U2, subject_uscc: U2, detail: { nameKey: '两个码', method: 'name' } },
    ]);
  });

  it('narrows a USCC field to the rows whose embedded organisation code fails or that look like a pilot code', async () => {
    expect((await nonconformingUsccCandidates(db, B, 'subject_uscc')).sort((a, b) => a.row_no - b.row_no)).toEqual([
      { row_no: 10, subject_uscc: null, code: WRONG_ORG_CHECK }, { row_no: 11, subject_uscc: null, code: '91120101M0000000X1' }]);
    expect(await nonconformingUsccCandidates(db, B, 'authority_uscc')).toEqual([]);
  });

  it('takes the rows the clean step flagged, and only those, once a row carries the flag', async () => {
    const F = 'lkc_flagged';
    await seedBatch(db, { id: F, catalogVersion: await seedCatalogVersion(db) });
    // Row 1's code fails the checksum but the clean step found it conforming: the flag decides, not the sum.
    await seedCleanRow(db, { batchId: F, rowNo: 1, fields: { subject_uscc: WRONG_ORG_CHECK } });
    await seedCleanRow(db, { batchId: F, rowNo: 2, fields: { subject_uscc: '91120101M0000000X1', authority_uscc: '91120101M0000000X1' } });
    await db('clean_rows').where({ batch_id: F, row_no: 1 }).update({ nonconforming: [] });
    await db('clean_rows').where({ batch_id: F, row_no: 2 }).update({ nonconforming: ['authority_uscc'] });
    expect(await nonconformingUsccCandidates(db, F, 'subject_uscc')).toEqual([]);
    expect(await nonconformingUsccCandidates(db, F, 'authority_uscc')).toEqual([{ row_no: 2, subject_uscc: null, code: '91120101M0000000X1' }]);
  });

  it('reads the batch\'s dataset, and writes a conflict found outside SQL once per row and kind', async () => {
    expect(await batchDataset(db, B)).toBe('admin_penalty');
    expect(await batchDataset(db, 'no-such-batch')).toBeUndefined();
    const found = (detail: Record<string, unknown>) => [10, 11].map((rowNo) =>
      ({ batch_id: B, row_no: rowNo, kind: 'uscc_nonconforming', code: `c${rowNo}`, subject_uscc: null, detail }));
    await insertCodeConflicts(db, found({ first: true }));
    await insertCodeConflicts(db, found({ first: false }));
    await insertCodeConflicts(db, []);
    expect(await conflicts('uscc_nonconforming')).toEqual([
      { row_no: 10, code: 'c10', subject_uscc: null, detail: { first: true } }, { row_no: 11, code: 'c11', subject_uscc: null, detail: { first: true } }]);
  });
});
