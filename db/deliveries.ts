// Named queries over deliveries for the paged list: one page newest first, the total and the
// counts per status under the same filters. A status filter and its count use the one predicate
// (STATUS_SQL), so the list and its counts cannot disagree.
import type { Knex } from 'knex';
import type { Db } from './connect.ts';

export const DELIVERY_STATUSES = ['delivered', 'withheld', 'failing'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * withheld: the whole delivery held back by the catalogue's rules (status withheld:<why>) or a
 * delivery that held back some of its records (withheld > 0: out of the subscription's scope or
 * publicity period). The old filter matched only the first, so a list that said "N withheld" showed
 * none; a partly withheld delivery now counts as delivered and as withheld.
 */
export const STATUS_SQL: Record<DeliveryStatus, string> = {
  delivered: "d.status = 'delivered'",
  withheld: "(d.status like 'withheld:%' or d.withheld > 0)",
  failing: "d.status = 'failing'",
};

export interface DeliveryFilter {
  status?: DeliveryStatus;
  subscription?: string;
  dataset?: string;
  batch?: string;
  from?: Date;
  to?: Date;
}

/** `deliveries as d` under the filter (the status too unless `withoutStatus`); `restrict` adds the caller's scope. */
export function filteredDeliveries(db: Db, f: DeliveryFilter, restrict: (q: Knex.QueryBuilder) => void, withoutStatus = false): Knex.QueryBuilder {
  return db('deliveries as d').modify((q: Knex.QueryBuilder) => {
    if (f.status && !withoutStatus) void q.whereRaw(STATUS_SQL[f.status]);
    if (f.subscription) void q.where('d.subscription_id', f.subscription);
    if (f.dataset) void q.whereIn('d.subscription_id', db('subscriptions').select('id').where({ dataset: f.dataset }));
    if (f.batch) void q.where('d.batch_id', f.batch);
    if (f.from) void q.where('d.created_at', '>=', f.from);
    if (f.to) void q.where('d.created_at', '<', f.to);
    restrict(q);
  });
}

export interface DeliveryPageRow {
  id: number; subscription_id: string; batch_id: string | null; idempotency_key: string; status: string; records: number; tombstones: number;
  withheld: number; attempts: number; last_error: string | null; location: string | null; created_at: Date; acknowledged_at: Date | null;
  dataset: string | null; subscription_zh: string | null; subscription_en: string | null;
}

/** One page, newest first (id follows creation; deliveries_newest_idx serves it). */
export async function deliveryPage(q: Knex.QueryBuilder, page: { limit: number; offset: number }): Promise<DeliveryPageRow[]> {
  return (await q.clone()
    .leftJoin('subscriptions as s', 's.id', 'd.subscription_id')
    .orderBy('d.id', 'desc').limit(page.limit).offset(page.offset)
    .select('d.id', 'd.subscription_id', 'd.batch_id', 'd.idempotency_key', 'd.status', 'd.records', 'd.tombstones', 'd.withheld', 'd.attempts',
      'd.last_error', 'd.location', 'd.created_at', 'd.acknowledged_at',
      's.dataset', 's.name_zh as subscription_zh', 's.name_en as subscription_en')) as DeliveryPageRow[];
}

/** The number of deliveries per status under the filter without its status, and all of them; with
 * `cap`, counted over the newest `cap` deliveries only (a scope that reaches through records makes
 * each row cost a probe: a capped count keeps a page fast, and the answer says it is capped). */
export async function deliveryCounts(db: Db, q: Knex.QueryBuilder, cap?: number): Promise<Record<DeliveryStatus | 'all', number>> {
  const over: Knex.QueryBuilder = cap ? db.from(q.clone().select('d.status', 'd.withheld').orderBy('d.id', 'desc').limit(cap).as('d')) : q.clone();
  const sums = DELIVERY_STATUSES.map((s) => `(count(*) filter (where ${STATUS_SQL[s]}))::int as ${s}`).join(', ');
  const [row] = (await over.select(db.raw(`count(*)::int as "all", ${sums}`))) as Array<Record<DeliveryStatus | 'all', number>>;
  return row!;
}
