// Forward lineage: a batch (or one of its rows) → the golden records its rows became a source of,
// the versions they made and every delivery that carried them. Paged over the batch's rows (a batch
// may hold millions: 100 a page unless asked); a batch outside the caller's scope answers as an
// unknown one (scope.ts). Roles and record statuses come with their names, for a page to show.
import { batchRowsPage, subscriptionNames, versionsOfRows } from '../../db/lineage-forward.ts';
import type { Db } from '../../db/connect.ts';
import { batchAgency } from '../../db/queries/batches.ts';
import { batchDeliveriesQuery } from '../../db/queries/deliveries.ts';
import type { Bilingual } from '../../domain/errors.ts';
import { nameOf, RECORD_STATUS_NAMES, SOURCE_ROLE_NAMES } from '../../domain/lineage/labels.ts';
import { readDeliveries } from '../deliveries.ts';
import type { DeliveryRow } from '../deliveries.ts';
import { requireRole } from '../identity.ts';
import type { Identity } from '../identity.ts';
import { batchInScope, scopeOf, unknownBatch } from '../scope.ts';
import { AUDIT_ROLES } from './record.ts';

export interface BatchLineage {
  batchId: string;
  /** This page of the batch's rows that are sources of golden records. */
  rows: Array<{ rowNo: number; goldenId: number; role: string }>;
  /** The records those rows are sources of, with their status now. */
  records: Array<{ goldenId: number; status: string; statusName: Bilingual }>;
  /** The names of the roles on this page. */
  roleNames: Record<string, Bilingual>;
  versions: Array<{ goldenId: number; version: number; rowNo: number; validFrom: Date }>;
  /** The batch's deliveries; for one row, those of the batch and of the decisions on that row. */
  deliveries: DeliveryRow[];
  /** The names of the deliveries' subscriptions. */
  subscriptionNames: Record<string, Bilingual>;
  /** Rows in all, counted up to ROW_COUNT_CAP (then totalIsEstimate: it is a floor). */
  total: number;
  totalIsEstimate: boolean;
}

export interface BatchPage { limit: number; offset: number }

/** Counting a batch of millions of rows exactly is not worth a page's wait: counted up to here. */
export const ROW_COUNT_CAP = 10_000;

export async function batchLineage(
  db: Db, who: Identity, batchId: string, rowNo?: number, page: BatchPage = { limit: 100, offset: 0 },
): Promise<BatchLineage> {
  requireRole(who, AUDIT_ROLES, { zh: '查看数据血缘', en: 'read lineage' });
  const agency = await batchAgency(db, batchId);
  if (agency === undefined || !batchInScope(await scopeOf(db, who), agency)) throw unknownBatch(batchId);
  const { rows, total } = await batchRowsPage(db, batchId, rowNo, page, ROW_COUNT_CAP);
  const versions = await versionsOfRows(db, batchId, rowNo !== undefined ? [rowNo] : rows.map((r) => r.row_no));
  // One row: the batch's own deliveries, and those of decisions taken on this row.
  const deliveries = await readDeliveries(batchDeliveriesQuery(db, batchId, rowNo));
  const records = new Map(rows.map((r) => [Number(r.golden_id), r.status]));
  return {
    batchId,
    rows: rows.map((r) => ({ rowNo: r.row_no, goldenId: Number(r.golden_id), role: r.role })),
    records: [...records].map(([goldenId, status]) => ({ goldenId, status, statusName: nameOf(RECORD_STATUS_NAMES, status) })),
    roleNames: Object.fromEntries([...new Set(rows.map((r) => r.role))].map((role) => [role, nameOf(SOURCE_ROLE_NAMES, role)])),
    versions: versions.map((v) => ({ goldenId: Number(v.golden_id), version: v.version, rowNo: v.row_no, validFrom: v.valid_from })),
    deliveries,
    subscriptionNames: await subscriptionNames(db, deliveries.map((d) => d.subscription)),
    total,
    totalIsEstimate: total >= ROW_COUNT_CAP,
  };
}
