// A subscriber's own PostgreSQL database as a sink: a batch's records are upserted by golden id,
// a credit repair arrives as a tombstone, and an old version never overwrites a newer one.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sqlSink } from '../connectors/sql-sink/index.ts';
import { parseIdentity } from '../services/identity.ts';
import { uploadFile, waitForBatch } from '../services/upload.ts';
import { importDemoCatalogWith } from './helpers/catalog.ts';
import { runCdf } from './helpers/cli.ts';
import { createTestDatabase, createTestFactory } from './helpers/factory.ts';
import type { TestDatabase, TestFactory } from './helpers/factory.ts';
import { HAND_WRITTEN_EXTRACT } from './helpers/fixtures.ts';

let f: TestFactory;
let subscriber: TestDatabase;

beforeAll(async () => {
  subscriber = await createTestDatabase();
  process.env.CDF_SINK_TEST_SUBSCRIBER_DB = subscriber.url; // read by the in-process worker's sink
  f = await createTestFactory(); // CDF_SECRET_ENV_ALLOW's default, CDF_SINK_*, allows its variable
  expect((await importDemoCatalogWith(f, {
    id: 'district_platform_db', name: { zh: '区平台数据库', en: 'District platform database' }, subscriber: 'city_ecology', dataset: 'admin_penalty', sink: 'sql',
    config: { urlEnv: 'CDF_SINK_TEST_SUBSCRIBER_DB', table: 'credit_penalties', pageSize: 3 },
  })).code).toBe(0);
}, 60_000);
afterAll(async () => {
  await f?.close();
  await subscriber?.drop();
});

it('upserts the batch\'s records into the subscriber\'s table, and a repair as a tombstone', async () => {
  const up = await uploadFile(f.ctx, parseIdentity('admin@test'), HAND_WRITTEN_EXTRACT, { agency: 'city_market_regulation', dataset: 'admin_penalty' });
  await waitForBatch(f.ctx, up.batchId);
  const rows = await subscriber.db('credit_penalties').orderBy('golden_id').select('golden_id', 'version', 'deleted');
  expect(rows).toHaveLength(8);
  expect(rows.every((r: { version: number; deleted: boolean }) => r.version === 1 && !r.deleted)).toBe(true);
  const id = (rows[0] as { golden_id: string }).golden_id;
  const repaired = await runCdf(['repair', String(id), '--basis', '《信用修复管理办法》第十条'], f.env);
  expect(repaired.stderr).toBe('');
  expect(await subscriber.db('credit_penalties').where({ golden_id: id }).first('version', 'deleted')).toEqual({ version: 2, deleted: true });
});

it('never lets a late, older version overwrite a newer one', async () => {
  const row = (await subscriber.db('credit_penalties').where({ deleted: true }).first('golden_id')) as { golden_id: string };
  async function* old() {
    yield { op: 'upsert' as const, goldenId: Number(row.golden_id), version: 1, dataset: 'admin_penalty', subjectUscc: null, fields: {} };
  }
  await sqlSink.deliver({ urlEnv: 'CDF_SINK_TEST_SUBSCRIBER_DB', table: 'credit_penalties' }, 'late', old(), f.config);
  expect(await subscriber.db('credit_penalties').where({ golden_id: row.golden_id }).first('version', 'deleted')).toEqual({ version: 2, deleted: true });
});
