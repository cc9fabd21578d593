// Delivering's named queries on a cloned database, seeded with plain inserts: a dataset's active and
// public subscriptions, a failing attempt counted and then done, a delivery done once, the order
// batches reach a subscriber in, the expiry sweep's days, a batch's deliveries for lineage, and
// which deliveries a district or street sees.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../connect.ts';
import { createTestDatabase } from '../../test/helpers/factory.ts';
import type { TestDatabase } from '../../test/helpers/factory.ts';
import { seedBatch, seedCatalogVersion, seedCleanRow, seedGolden, seedTask } from '../../test/helpers/query-seed.ts';
import {
  activeSubscriptions, batchDeliveriesQuery, completedDelivery, deliveriesOfBatchesQuery, earlierUndelivered, lastSweepBefore,
  publicSubscriptionDatasets, recordDelivery, recordFailedAttempt, recordSweep, sweptOn, whereDeliveryInScope,
} from './deliveries.ts';

let database: TestDatabase;
let db: Db;
let catalog: number;
const sub = (id: string, over: Record<string, unknown> = {}) => ({
  id, name_zh: `订阅${id}`, name_en: `sub ${id}`, dataset: 'admin_penalty', sink: 'file', config: '{}', ...over,
});
const keys = async (q: ReturnType<typeof batchDeliveriesQuery>) => ((await q.select('idempotency_key')) as Array<{ idempotency_key: string }>)
  .map((r) => r.idempotency_key);
/** Batch `id` of `agency`, its sync step done at `syncedAt` (none: not synced). */
async function synced(id: string, syncedAt: Date | null, agency = 'agency_a', status = 'done') {
  await seedBatch(db, { id, catalogVersion: catalog, agency, status });
  if (syncedAt) await db('batch_steps').insert({ batch_id: id, step: 'sync', done_at: syncedAt });
  return id;
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  catalog = await seedCatalogVersion(db);
  await db('subscriptions').insert([
    sub('s_b', { created_at: new Date('2026-01-01T00:00:00Z'), subscriber: 'agency_b', regions: '["120101"]', filter: '{"x":"1"}' }),
    sub('s_a', { created_at: new Date('2026-01-01T00:00:00Z'), public: true }),
    sub('s_off', { active: false, public: true, dataset: 'admin_license' }),
    sub('s_lic', { dataset: 'admin_license' }),
  ]);
});
afterAll(async () => database?.drop());

describe('subscriptions', () => {
  it('lists a dataset\'s active subscriptions by id, and the datasets active public ones receive', async () => {
    const subs = await activeSubscriptions(db, 'admin_penalty');
    expect(subs.map((s) => s.id)).toEqual(['s_a', 's_b']);
    expect(subs[1]).toMatchObject({ name_zh: '订阅s_b', name_en: 'sub s_b', sink: 'file', config: {}, subscriber: 'agency_b', regions: ['120101'],
      filter: { x: '1' }, public: false });
    expect(await publicSubscriptionDatasets(db)).toEqual(['admin_penalty']);
  });
});

describe('a delivery under its key', () => {
  it('counts failing attempts, then records the delivery once done, and keeps a done one as it was', async () => {
    const b = await synced('d1', null);
    const fail = { subscriptionId: 's_a', batchId: b, key: 's_a:d1', message: 'down' };
    expect(await recordFailedAttempt(db, fail)).toBe(1);
    expect(await recordFailedAttempt(db, { ...fail, message: 'still down' })).toBe(2);
    expect(await db('deliveries').where({ idempotency_key: 's_a:d1' }).first('status', 'attempts', 'last_error', 'records'))
      .toEqual({ status: 'failing', attempts: 2, last_error: 'still down', records: 0 });
    expect(await completedDelivery(db, 's_a:d1')).toBeUndefined();
    const done = { subscription_id: 's_a', batch_id: b, idempotency_key: 's_a:d1', records: 3, tombstones: 1, withheld: 2, location: '/out/1',
      status: 'delivered', acknowledged: true };
    await recordDelivery(db, done);
    expect(await completedDelivery(db, 's_a:d1')).toEqual({ records: 3, tombstones: 1, withheld: 2 });
    const row = (await db('deliveries').where({ idempotency_key: 's_a:d1' }).first()) as Record<string, unknown>;
    expect(row).toMatchObject({ status: 'delivered', attempts: 2, last_error: null, location: '/out/1' });
    expect(row['acknowledged_at']).toBeInstanceOf(Date);
    await recordDelivery(db, { ...done, records: 99, status: 'withheld:grant', acknowledged: false });
    expect(await completedDelivery(db, 's_a:d1')).toEqual({ records: 3, tombstones: 1, withheld: 2 });
    await recordDelivery(db, { ...done, idempotency_key: 's_b:d1', subscription_id: 's_b', records: 0, status: 'withheld:grant', acknowledged: false });
    expect(await db('deliveries').where({ idempotency_key: 's_b:d1' }).first('status', 'acknowledged_at'))
      .toEqual({ status: 'withheld:grant', acknowledged_at: null });
  });
});

describe('the order batches reach a subscriber in', () => {
  it('names the first earlier synced batch of the dataset the subscription has not received', async () => {
    const day = (d: number) => new Date(Date.UTC(2026, 5, d));
    await synced('o_before_sub', new Date('2025-12-01T00:00:00Z'));
    await synced('o1', day(1));
    await synced('o2', day(2));
    await synced('o_failed', day(3), 'agency_a', 'failed');
    await synced('o4', day(4));
    expect(await earlierUndelivered(db, 's_b', 'admin_penalty', 'o4')).toBe('o1');
    await recordDelivery(db, { subscription_id: 's_b', batch_id: 'o1', idempotency_key: 's_b:o1', records: 1, tombstones: 0, withheld: 0, location: null,
      status: 'delivered', acknowledged: true });
    expect(await earlierUndelivered(db, 's_b', 'admin_penalty', 'o4')).toBe('o2');
    await recordFailedAttempt(db, { subscriptionId: 's_b', batchId: 'o2', key: 's_b:o2', message: 'down' });
    expect(await earlierUndelivered(db, 's_b', 'admin_penalty', 'o4')).toBe('o2');
    await recordDelivery(db, { subscription_id: 's_b', batch_id: 'o2', idempotency_key: 's_b:o2', records: 1, tombstones: 0, withheld: 0, location: null,
      status: 'delivered', acknowledged: true });
    expect(await earlierUndelivered(db, 's_b', 'admin_penalty', 'o4')).toBeNull();
    expect(await earlierUndelivered(db, 's_b', 'admin_penalty', 'o1')).toBeNull();
    expect(await earlierUndelivered(db, 's_b', 'admin_license', 'o4')).toBeNull();
  });
});

describe('the expiry sweep\'s days', () => {
  it('records a day once and reads the last day before another', async () => {
    expect(await lastSweepBefore(db, '2026-06-10')).toBeUndefined();
    await recordSweep(db, '2026-06-08', 3);
    await recordSweep(db, '2026-06-09', 5);
    await recordSweep(db, '2026-06-09', 7);
    expect(await sweptOn(db, '2026-06-09')).toBe(5);
    expect(await sweptOn(db, '2026-06-07')).toBeUndefined();
    expect(await lastSweepBefore(db, '2026-06-10')).toBe('2026-06-09');
    expect(await lastSweepBefore(db, '2026-06-09')).toBe('2026-06-08');
  });
});

describe('deliveries for lineage and by scope', () => {
  it('reads a batch\'s deliveries, a row\'s (its decisions\' included), and several batches\' as of a moment', async () => {
    const b = await synced('l1', null);
    await seedCleanRow(db, { batchId: b, rowNo: 1 });
    await seedCleanRow(db, { batchId: b, rowNo: 2 });
    const t1 = await seedTask(db, { batchId: b, rowNo: 1 });
    const t2 = await seedTask(db, { batchId: b, rowNo: 2 });
    const put = (key: string, createdAt = new Date()) => db('deliveries').insert({ subscription_id: 's_a', batch_id: b, idempotency_key: key, records: 1,
      status: 'delivered', created_at: createdAt });
    await put('s_a:l1', new Date('2026-02-01T00:00:00Z'));
    await put(`s_a:l1:task${t1}`);
    await put(`s_a:l1:task${t2}`);
    expect(await keys(batchDeliveriesQuery(db, b))).toEqual(['s_a:l1', `s_a:l1:task${t1}`, `s_a:l1:task${t2}`]);
    expect(await keys(batchDeliveriesQuery(db, b, 1))).toEqual(['s_a:l1', `s_a:l1:task${t1}`]);
    expect(await keys(deliveriesOfBatchesQuery(db, [b, 'o1']))).toEqual(['s_b:o1', 's_a:l1', `s_a:l1:task${t1}`, `s_a:l1:task${t2}`]);
    expect(await keys(deliveriesOfBatchesQuery(db, [b], new Date('2026-03-01T00:00:00Z')))).toEqual(['s_a:l1']);
  });

  it('narrows deliveries to a district\'s or a street\'s', async () => {
    const hp = await synced('sc_heping', null, 'agency_c');
    await seedCleanRow(db, { batchId: hp, rowNo: 1 });
    await seedGolden(db, { naturalKey: 'SC1', fields: {}, subject: '91120101MA05ABCD1X' }, { batchId: hp, rowNo: 1 });
    const other = await synced('sc_other', null, 'agency_c');
    const own = await synced('sc_own', null, 'agency_d');
    for (const [key, batchId, subscription] of [['k_hp', hp, 's_a'], ['k_other', other, 's_a'], ['k_own', own, 's_a'], ['k_sub', other, 's_b']]) {
      await db('deliveries').insert({ subscription_id: subscription, batch_id: batchId, idempotency_key: key, records: 1, status: 'delivered' });
    }
    const seen = async (scope: Parameters<typeof whereDeliveryInScope>[2]) => {
      const q = db('deliveries as d').whereIn('d.idempotency_key', ['k_hp', 'k_other', 'k_own', 'k_sub']).orderBy('d.idempotency_key');
      whereDeliveryInScope(db, q, scope);
      return ((await q.select('d.idempotency_key')) as Array<{ idempotency_key: string }>).map((r) => r.idempotency_key);
    };
    expect(await seen({ agencies: [], golden: { level: 'district', district: '120101' } })).toEqual(['k_hp']);
    expect(await seen({ agencies: ['agency_d'], golden: { level: 'district', district: '120199' } })).toEqual(['k_own']);
    expect(await seen({ agencies: ['agency_b'], golden: { level: 'street', street: 'x', agencies: ['agency_b'] } })).toEqual(['k_sub']);
    // Every delivery of its agencies' batches, whoever subscribed.
    expect(await seen({ agencies: ['agency_c'], golden: { level: 'street', street: 'x', agencies: ['agency_c'] } })).toEqual(['k_hp', 'k_other', 'k_sub']);
    expect(await seen({ agencies: [], golden: { level: 'street', street: 'x', agencies: [] } })).toEqual([]);
  });

  it('shows a district the batches of a record whose subject moved into it', async () => {
    const b = await synced('sc_moved', null, 'agency_c');
    await seedCleanRow(db, { batchId: b, rowNo: 1 });
    const g = await seedGolden(db, { naturalKey: 'SC2', fields: {}, subject: null }, { batchId: b, rowNo: 1 });
    await db('deliveries').insert({ subscription_id: 's_a', batch_id: b, idempotency_key: 'k_moved', records: 1, status: 'delivered' });
    const seen = async () => {
      const q = db('deliveries as d').where('d.idempotency_key', 'k_moved');
      whereDeliveryInScope(db, q, { agencies: [], golden: { level: 'district', district: '120105' } });
      return ((await q.select('d.idempotency_key')) as Array<{ idempotency_key: string }>).map((r) => r.idempotency_key);
    };
    expect(await seen()).toEqual([]);
    await db('golden_records').where({ id: g }).update({ subject_uscc: '91120105MA05ABCD1X' });
    expect(await seen()).toEqual(['k_moved']);
  });
});
