// Deliveries for operators and auditors: what went to which subscriber, what the catalogue's rules
// held back and why, and what is failing (a subscriber that is down: attempts and the last error).
// One reading of the deliveries table, shared by this list and forward lineage. Scoped (scope.ts);
// a delivery row holds counts and places, no personal data, so nothing in it is masked.
import type { Knex } from 'knex';
import type { Db } from '../db/connect.ts';
import { usageError } from '../domain/errors.ts';
import { Role, requireRole } from './identity.ts';
import type { Identity } from './identity.ts';
import { scopeOf } from './scope.ts';
import type { Scope } from './scope.ts';
import { restrictGolden } from './visibility.ts';

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

const STATUSES = ['delivered', 'withheld', 'failing'] as const;

export async function listDeliveries(db: Db, who: Identity, opts: { status?: string; subscription?: string; limit?: number } = {}): Promise<DeliveryRow[]> {
  requireRole(who, [Role.admin, Role.auditor, Role.steward], { zh: '查看分发记录', en: 'read deliveries' });
  if (opts.status && !(STATUSES as readonly string[]).includes(opts.status)) {
    throw usageError(
      'CDF_STATUS_UNKNOWN',
      { zh: `状态应为 ${STATUSES.join('、')} 之一，实为 "${opts.status}"`, en: `status is one of ${STATUSES.join(', ')}, got "${opts.status}"` },
      { value: opts.status },
    );
  }
  const scope = await scopeOf(db, who);
  return readDeliveries(db('deliveries').orderBy('id', 'desc').limit(Math.min(opts.limit ?? 100, 1000)).modify((q) => {
    if (opts.status === 'withheld') void q.whereLike('status', 'withheld:%');
    else if (opts.status) void q.where({ status: opts.status });
    if (opts.subscription) void q.where({ subscription_id: opts.subscription });
    restrictDeliveries(db, q, scope);
  }));
}

/** A district or street sees the deliveries of its agencies' batches, those that carried records
 * it sees (a version built from the delivered batch), and those to its own agencies' subscriptions. */
function restrictDeliveries(db: Db, q: Knex.QueryBuilder, scope: Scope): void {
  if (scope.all) return;
  const agencies = scope.agencies.length ? scope.agencies : [''];
  void q.where(function () {
    void this.whereIn('deliveries.batch_id', db('batches').select('id').whereIn('agency', agencies))
      .orWhereExists(function () {
        void restrictGolden(this.select(1).from('golden_versions as gv').join('golden_records as g', 'g.id', 'gv.golden_id')
          .whereRaw('gv.batch_id = deliveries.batch_id'), scope.golden);
      })
      .orWhereIn('deliveries.subscription_id', db('subscriptions').select('id').whereIn('subscriber', agencies));
  });
}
