// deliveries, subscriptions and publication_sweeps as delivering writes and reads them: a
// dataset's active subscriptions, a delivery done or failing under its idempotency key, the order
// batches reach a subscriber in, and the daily expiry sweep's days. The paged list an operator
// reads is db/deliveries.ts.
import type { Knex } from 'knex';
import type { Subscription } from '../../catalog/catalog-file.ts';
import { whereVisible } from './golden.ts';
import type { GoldenVisibility } from './golden.ts';

type Conn = Knex | Knex.Transaction;

/**
 * The first batch of the dataset synced before `batchId` (and after the subscription was made, and
 * not failed) that the subscription has not received (a delivery under subscription:batch that is
 * not failing); null when there is none.
 */
export async function earlierUndelivered(db: Conn, subscriptionId: string, dataset: string, batchId: string): Promise<string | null> {
  const { rows } = await db.raw<{ rows: Array<{ id: string }> }>(`
    select b.id from batch_steps s join batches b on b.id = s.batch_id
     where b.dataset = :dataset and s.step = 'sync' and b.status <> 'failed' and b.id <> :batchId
       and s.done_at < (select done_at from batch_steps where batch_id = :batchId and step = 'sync')
       and s.done_at >= (select created_at from subscriptions where id = :sub)
       and not exists (select 1 from deliveries d where d.idempotency_key = :sub || ':' || b.id and d.status <> 'failing')
     order by s.done_at limit 1`, { dataset, batchId, sub: subscriptionId });
  return rows[0]?.id ?? null;
}

export interface SubscriptionRow {
  id: string;
  name_zh: string;
  name_en: string;
  dataset: string;
  sink: Subscription['sink'];
  config: Record<string, unknown>;
  subscriber: string | null;
  regions: string[];
  filter: Record<string, string | string[]>;
  public: boolean;
}

/** The dataset's active subscriptions, by id. */
export async function activeSubscriptions(db: Conn, dataset: string): Promise<SubscriptionRow[]> {
  return (await db('subscriptions').where({ dataset, active: true }).orderBy('id')) as SubscriptionRow[];
}

/** Datasets some active public subscription receives. */
export async function publicSubscriptionDatasets(db: Conn): Promise<string[]> {
  return ((await db('subscriptions').where({ active: true, public: true }).distinct('dataset')) as Array<{ dataset: string }>).map((r) => r.dataset);
}

/** A failed attempt under the key: recorded as failing, or its attempts counted up with the last error; returns the attempts so far. */
export async function recordFailedAttempt(
  db: Knex, d: { subscriptionId: string; batchId: string | null; key: string; message: string },
): Promise<number> {
  const row = (await db('deliveries')
    .insert({
      subscription_id: d.subscriptionId,
      batch_id: d.batchId,
      idempotency_key: d.key,
      records: 0,
      tombstones: 0,
      status: 'failing',
      attempts: 1,
      last_error: d.message,
    })
    .onConflict('idempotency_key')
    .merge({ attempts: db.raw('deliveries.attempts + 1'), last_error: d.message })
    .returning('attempts')) as Array<{ attempts: number }>;
  return row[0]!.attempts;
}

export interface DeliveredCounts { records: number; tombstones: number; withheld: number }

/** What a delivery done (delivered or withheld, not failing) under the key carried; undefined when there is none. */
export async function completedDelivery(db: Conn, key: string): Promise<DeliveredCounts | undefined> {
  return (await db('deliveries').where({ idempotency_key: key }).whereNot({ status: 'failing' }).first('records', 'tombstones', 'withheld')) as
    DeliveredCounts | undefined;
}

export interface DeliveryDone {
  subscription_id: string; batch_id: string | null; idempotency_key: string; records: number; tombstones: number; withheld: number;
  location: string | null; status: string; acknowledged: boolean;
}

/** A delivery done under its key: a failing attempt recorded before becomes it; a delivery already done stays as it was. */
export async function recordDelivery(db: Knex, d: DeliveryDone): Promise<void> {
  const { acknowledged, ...rest } = d;
  const row = { ...rest, acknowledged_at: acknowledged ? db.fn.now() : null, last_error: null };
  await db('deliveries').insert(row).onConflict('idempotency_key')
    .merge(['records', 'tombstones', 'withheld', 'location', 'status', 'acknowledged_at', 'last_error']).where('deliveries.status', 'failing');
}

/** The newest sweep day before `today` (YYYY-MM-DD); undefined before the first sweep. */
export async function lastSweepBefore(db: Knex, today: string): Promise<string | undefined> {
  const last = (await db('publication_sweeps').where('day', '<', today).orderBy('day', 'desc').first(db.raw(`to_char(day, 'YYYY-MM-DD') as day`))) as
    { day: string } | undefined;
  return last?.day;
}

/** How many records the sweep of `day` ended; undefined when that day was not swept. */
export async function sweptOn(db: Conn, day: string): Promise<number | undefined> {
  const done = (await db('publication_sweeps').where({ day }).first('expired')) as { expired: number } | undefined;
  return done?.expired;
}

/** The day swept, once (a second sweep of the day records nothing). */
export async function recordSweep(db: Conn, day: string, expired: number): Promise<void> {
  await db('publication_sweeps').insert({ day, expired }).onConflict('day').ignore();
}

/**
 * `deliveries` of a batch, by id (for services/deliveries.ts readDeliveries to select): of one row,
 * the batch's own deliveries and those of decisions taken on that row (key …:task<ID>).
 */
export function batchDeliveriesQuery(db: Knex, batchId: string, rowNo?: number): Knex.QueryBuilder {
  return db('deliveries').where({ batch_id: batchId }).modify((q) => {
    if (rowNo === undefined) return;
    void q.where((w) => {
      void w.whereRaw(`idempotency_key not like '%:task%'`).orWhereRaw(
        `substring(idempotency_key from ':task([0-9]+)$')::bigint in (select id from steward_tasks where batch_id = ? and row_no = ?)`,
        [batchId, rowNo],
      );
    });
  }).orderBy('id');
}

/** `deliveries` of these batches, made by `asOf` when given, by id (for readDeliveries to select). */
export function deliveriesOfBatchesQuery(db: Knex, batchIds: string[], asOf?: Date): Knex.QueryBuilder {
  return db('deliveries').whereIn('batch_id', batchIds).modify((q) => {
    if (asOf) void q.where('created_at', '<=', asOf);
  }).orderBy('id');
}

/**
 * Narrows a query over `deliveries as d` to a district's or street's: the deliveries of its
 * agencies' batches, those that carried records it sees (a version built from the delivered batch),
 * and those to its own agencies' subscriptions.
 */
export function whereDeliveryInScope(db: Knex, q: Knex.QueryBuilder, scope: { agencies: string[]; golden: GoldenVisibility }): void {
  const agencies = scope.agencies.length ? scope.agencies : [''];
  void q.where(function () {
    void this.whereIn('d.batch_id', db('batches').select('id').whereIn('agency', agencies));
    // A district: the batches that carried its subjects, kept as versions are written (migration 20261130150000).
    if (scope.golden.level === 'district') void this.orWhereIn('d.batch_id', db('batch_districts').select('batch_id').where('district', scope.golden.district));
    else {
      void this.orWhereExists(function () {
        void whereVisible(this.select(1).from('golden_versions as gv').join('golden_records as g', 'g.id', 'gv.golden_id')
          .whereRaw('gv.batch_id = d.batch_id'), scope.golden);
      });
    }
    void this.orWhereIn('d.subscription_id', db('subscriptions').select('id').whereIn('subscriber', agencies));
  });
}
