// The code mapping's registry read on a cloned database: subjects by USCC, organisation code or
// registration number, by USCC, at most 10, within the divisions given (none: no subject).
import { beforeAll, expect, it } from 'vitest';
import type { Db } from '../connect.ts';
import { clonedDatabase, seedBatch, seedCatalogVersion, seedCleanRow, seedGolden } from '../../test/helpers/query-seed.ts';
import { registrySubjectsBy } from './registry.ts';

const database = clonedDatabase();
let db: Db;
beforeAll(() => {
  db = database.db;
});

it('finds subjects by a code column, within divisions', async () => {
  const b = await seedBatch(db, { id: 'reg', catalogVersion: await seedCatalogVersion(db), dataset: 'legal_entity_registry' });
  await seedCleanRow(db, { batchId: b, rowNo: 1 });
  const g = await seedGolden(db, { naturalKey: 'R', fields: {}, dataset: 'legal_entity_registry' }, { batchId: b, rowNo: 1 });
  const subject = (uscc: string, orgcode: string, name: string, regno: string | null = null) =>
    ({ uscc, orgcode, regno, name, name_key: name, block_key: name, golden_id: g, batch_id: b, row_no: 1 });
  await db('registry_subjects').insert([
    subject('91120103MA05ABCD2Y', 'MA05ABCD2', '乙公司', '120103000000001'), subject('91120101MA05ABCD2Y', 'MA05ABCD2', '甲公司'),
    ...Array.from({ length: 12 }, (_, i) => subject(`9112010${i % 2 ? 4 : 5}MA0${String(i).padStart(2, '0')}XXXXX`, 'SAME', `丙${i}`)),
  ]);
  expect(await registrySubjectsBy(db, 'orgcode', 'MA05ABCD2', null)).toEqual([
    { uscc: '91120101MA05ABCD2Y', name: '甲公司' }, { uscc: '91120103MA05ABCD2Y', name: '乙公司' }]);
  expect(await registrySubjectsBy(db, 'orgcode', 'MA05ABCD2', ['120103'])).toEqual([{ uscc: '91120103MA05ABCD2Y', name: '乙公司' }]);
  expect(await registrySubjectsBy(db, 'orgcode', 'MA05ABCD2', [])).toEqual([]);
  expect(await registrySubjectsBy(db, 'regno', '120103000000001', null)).toEqual([{ uscc: '91120103MA05ABCD2Y', name: '乙公司' }]);
  expect(await registrySubjectsBy(db, 'uscc', '91120101MA05ABCD2Y', ['120101', '120102'])).toEqual([{ uscc: '91120101MA05ABCD2Y', name: '甲公司' }]);
  const many = await registrySubjectsBy(db, 'orgcode', 'SAME', null);
  expect(many).toHaveLength(10);
  expect(many.map((s) => s.uscc)).toEqual([...many.map((s) => s.uscc)].sort());
  const hexi = await registrySubjectsBy(db, 'orgcode', 'SAME', ['120104']);
  expect(hexi).toHaveLength(6);
  expect(hexi.every((s) => s.uscc.slice(2, 8) === '120104')).toBe(true);
});
