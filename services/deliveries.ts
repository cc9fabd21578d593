// Deliveries for operators and auditors: what went to which subscriber, what the catalogue's rules
// held back and why, and what is failing (a subscriber that is down: attempts and the last error).
// One reading of the deliveries table, shared by this list and forward lineage. Scoped (scope.ts);
// a delivery row holds counts and places, no personal data, so nothing in it is masked.
import type { Knex } from 'knex';
import type { Db } from '../db/connect.ts';
import { DELIVERY_STATUSES, deliveryCounts, deliveryPage, filteredDeliveries } from '../db/deliveries.ts';
import { whereDeliveryInScope } from '../db/queries/deliveries.ts';
import type { DeliveryFilter, DeliveryPageRow, DeliveryStatus } from '../db/deliveries.ts';
import { usageError } from '../domain/errors.ts';
import { Role, requireRole } from './identity.ts';
import type { Identity } from './identity.ts';
import { scopeOf } from './scope.ts';
import type { Scope } from './scope.ts';

/** status: delivered, withheld:<why> (the catalogue's rules), or failing (attempts, lastError). */
export interface DeliveryRow {
  id: number;
  subscription: string;
  batchId: string | null;
  key: string;
  status: string;
  records: number;
  tombstones: number;
  withheld: number;
  attempts: number;
  lastError: string | null;
  location: string | null;
  createdAt: Date;
  acknowledgedAt: Date | null;
}

interface Row {
  id: number; subscription_id: string; batch_id: string | null; idempotency_key: string; status: string; records: number; tombstones: number; withheld: number;
  attempts: number; last_error: string | null; location: string | null; created_at: Date; acknowledged_at: Date | null;
}

/** The deliveries a query over `deliveries` selects, as the API and the CLI show them. */
export async function readDeliveries(q: Knex.QueryBuilder): Promise<DeliveryRow[]> {
  const rows = (await q.select(
    'id',
    'subscription_id',
    'batch_id',
    'idempotency_key',
    'status',
    'records',
    'tombstones',
    'withheld',
    'attempts',
    'last_error',
    'location',
    'created_at',
    'acknowledged_at',
  )) as Row[];
  return rows.map((r) => ({
    id: Number(r.id),
    subscription: r.subscription_id,
    batchId: r.batch_id,
    key: r.idempotency_key,
    status: r.status,
    records: r.records,
    tombstones: r.tombstones,
    withheld: r.withheld,
    attempts: r.attempts,
    lastError: r.last_error,
    location: r.location,
    createdAt: r.created_at,
    acknowledgedAt: r.acknowledged_at,
  }));
}

const STATUSES = DELIVERY_STATUSES;

function checkStatus(status: string | undefined): DeliveryStatus | undefined {
  if (status && !(STATUSES as readonly string[]).includes(status)) {
    throw usageError(
      'CDF_STATUS_UNKNOWN',
      { zh: `状态应为 ${STATUSES.join('、')} 之一，实为 "${status}"`, en: `status is one of ${STATUSES.join(', ')}, got "${status}"` },
      { value: status },
    );
  }
  return status as DeliveryStatus | undefined;
}

/** The newest deliveries (the CLI's list): at most `limit`, 1,000 at most. */
export async function listDeliveries(db: Db, who: Identity, opts: { status?: string; subscription?: string; limit?: number } = {}): Promise<DeliveryRow[]> {
  requireRole(who, [Role.admin, Role.auditor, Role.steward], { zh: '查看分发记录', en: 'read deliveries' });
  const status = checkStatus(opts.status);
  const scope = await scopeOf(db, who);
  const q = filteredDeliveries(db, { ...(status ? { status } : {}), ...(opts.subscription ? { subscription: opts.subscription } : {}) },
    (x) => restrictDeliveries(db, x, scope));
  return (await deliveryPage(q, { limit: Math.min(opts.limit ?? 100, 1000), offset: 0 })).map(toDelivery);
}

export interface DeliveryListItem extends DeliveryRow {
  dataset: string | null;
  subscriptionName: { zh: string; en: string } | null;
}

/** A district's or street's counts are taken over its newest deliveries only (see deliveryCounts). */
const SCOPED_COUNT_CAP = 2000;

export interface DeliveryPage {
  total: number;
  /** The counts stopped at the cap: there are at least this many. */
  totalIsEstimate: boolean;
  /** Per status under the same filters without the status (a partly withheld delivery is delivered and withheld). */
  counts: Record<DeliveryStatus | 'all', number>;
  deliveries: DeliveryListItem[];
}

export interface DeliveryQuery {
  status?: string; subscription?: string; dataset?: string; batch?: string; from?: Date; to?: Date; limit: number; offset: number;
}

/** One page of deliveries, newest first, with the total and the counts per status under the same filters. */
export async function pageDeliveries(db: Db, who: Identity, opts: DeliveryQuery): Promise<DeliveryPage> {
  requireRole(who, [Role.admin, Role.auditor, Role.steward], { zh: '查看分发记录', en: 'read deliveries' });
  const status = checkStatus(opts.status);
  const scope = await scopeOf(db, who);
  const filter: DeliveryFilter = {
    ...(status ? { status } : {}), ...(opts.subscription ? { subscription: opts.subscription } : {}), ...(opts.dataset ? { dataset: opts.dataset } : {}),
    ...(opts.batch ? { batch: opts.batch } : {}), ...(opts.from ? { from: opts.from } : {}), ...(opts.to ? { to: opts.to } : {}),
  };
  const restrict = (q: Knex.QueryBuilder) => restrictDeliveries(db, q, scope);
  const cap = scope.all ? undefined : SCOPED_COUNT_CAP;
  const [rows, counts] = await Promise.all([
    deliveryPage(filteredDeliveries(db, filter, restrict), opts),
    deliveryCounts(db, filteredDeliveries(db, filter, restrict, true), cap),
  ]);
  return {
    total: status ? counts[status] : counts.all,
    totalIsEstimate: Boolean(cap && counts.all >= cap),
    counts,
    deliveries: rows.map((r) => ({
      ...toDelivery(r), dataset: r.dataset,
      subscriptionName: r.subscription_zh === null ? null : { zh: r.subscription_zh, en: r.subscription_en ?? r.subscription_zh },
    })),
  };
}

const toDelivery = (r: DeliveryPageRow): DeliveryRow => ({
  id: Number(r.id), subscription: r.subscription_id, batchId: r.batch_id, key: r.idempotency_key, status: r.status, records: r.records,
  tombstones: r.tombstones, withheld: r.withheld, attempts: r.attempts, lastError: r.last_error, location: r.location, createdAt: r.created_at,
  acknowledgedAt: r.acknowledged_at,
});

/** A district or street sees the deliveries of its agencies' batches, those that carried records
 * it sees, and those to its own agencies' subscriptions (whereDeliveryInScope). */
function restrictDeliveries(db: Db, q: Knex.QueryBuilder, scope: Scope): void {
  if (scope.all) return;
  whereDeliveryInScope(db, q, scope);
}
