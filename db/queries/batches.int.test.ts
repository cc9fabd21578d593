// Batches' named queries on a cloned database: an upload recorded once per file (a second insert
// of the same file records nothing), found by its key, and a batch's agency and catalogue version.
import { beforeAll, expect, it } from 'vitest';
import type { Db } from '../connect.ts';
import { clonedDatabase, seedCatalogVersion } from '../../test/helpers/query-seed.ts';
import { batchAgency, batchCatalogVersion, batchIdByKey, insertBatchOnce, strandedBatchIds } from './batches.ts';

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

it('finds the batches received a while ago that no workflow has begun, oldest first', async () => {
  const catalog = await seedCatalogVersion(db);
  const at = async (id: string, status: string, secondsAgo: number) => {
    const key = { agency: 'agency_s', dataset: 'admin_penalty', channel: 'upload', file_sha256: id };
    await insertBatchOnce(db, {
      id, ...key, file_name: `${id}.csv`, file_bytes: 10, format: 'csv', encoding: 'utf-8', headers: '["a"]', column_map: '["a"]', layout: '{}',
      catalog_version: catalog, landing_path: `/landing/${id}.csv`, created_by: 'u@test',
    });
    await db('batches').where({ id }).update({ status, created_at: db.raw(`now() - make_interval(secs => ?)`, [secondsAgo]) });
  };
  await at('s-old', 'received', 600);
  await at('s-older', 'received', 900);
  await at('s-fresh', 'received', 30);
  await at('s-running', 'running', 900);
  await at('s-done', 'done', 900);
  await at('s-failed', 'failed', 900);
  const stranded = (await strandedBatchIds(db, 120, 10)).filter((id) => id.startsWith('s-'));
  expect(stranded).toEqual(['s-older', 's-old']);
  expect((await strandedBatchIds(db, 10, 100)).filter((id) => id.startsWith('s-'))).toEqual(['s-older', 's-old', 's-fresh']);
  expect(await strandedBatchIds(db, 120, 1)).toHaveLength(1);
});
