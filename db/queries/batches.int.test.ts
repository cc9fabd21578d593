// Batches' named queries on a cloned database: an upload recorded once per file (a second insert
// of the same file records nothing), found by its key, and a batch's agency and catalogue version.
import { beforeAll, expect, it } from 'vitest';
import type { Db } from '../connect.ts';
import { clonedDatabase, seedCatalogVersion } from '../../test/helpers/query-seed.ts';
import { batchAgency, batchCatalogVersion, batchIdByKey, insertBatchOnce } from './batches.ts';

const database = clonedDatabase();
let db: Db;
beforeAll(() => {
  db = database.db;
});

it('records a file once, finds it by its key, and reads its agency and catalogue version', async () => {
  const catalog = await seedCatalogVersion(db);
  const key = { agency: 'agency_a', dataset: 'admin_penalty', channel: 'upload', file_sha256: 'abc' };
  const batch = (id: string) => ({
    id, ...key, file_name: 'a.csv', file_bytes: 10, format: 'csv', encoding: 'utf-8', headers: '["a"]', column_map: '["a"]', layout: '{}',
    catalog_version: catalog, landing_path: '/landing/a.csv', created_by: 'u@test',
  });
  expect(await batchIdByKey(db, key)).toBeUndefined();
  expect(await insertBatchOnce(db, batch('b1'))).toBe(true);
  expect(await insertBatchOnce(db, batch('b2'))).toBe(false);
  expect(await batchIdByKey(db, key)).toBe('b1');
  expect(await batchIdByKey(db, { ...key, channel: 'api' })).toBeUndefined();
  expect(await db('batches').where({ id: 'b1' }).first('headers', 'layout', 'status')).toEqual({ headers: ['a'], layout: {}, status: 'received' });
  expect(await batchAgency(db, 'b1')).toBe('agency_a');
  expect(await batchAgency(db, 'b2')).toBeUndefined();
  expect(await batchCatalogVersion(db, 'b1')).toBe(catalog);
});
