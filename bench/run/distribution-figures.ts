// Distribution and lineage figures for a benchmark run: what the distribute steps delivered (to how
// many subscriptions, withheld by the catalogue's rules) and at what rate, how long the daily
// end-of-publication sweep takes over all records, and how fast an auditor's
// lineage queries answer at this size — backward for a record and a field, the same as of a
// moment, and forward from a batch row — timed as the CLI and the API run them (services/lineage).
import type { Db } from '../../db/connect.ts';
import { parseIdentity } from '../../services/identity.ts';
import { batchLineage, recordLineage } from '../../services/lineage.ts';
import type { ServiceContext } from '../../services/context.ts';
import { runExpiry } from '../../services/publication.ts';
import { chinaToday } from '../../domain/china-day.ts';

export interface DistributionFigures {
  /** The daily end-of-publication sweep over all golden records: the first one (everything
   * already ended) and the next day's (the usual daily cost). */
  expiry: { firstSweepSeconds: number; firstExpired: number; nextDaySweepSeconds: number; nextDayExpired: number };
  delivery: { subscriptions: number; records: number; tombstones: number; withheld: number; recordsPerSecond: number };
  lineage: {
    bytesPerGoldenRecord: number;
    probe: { lookups: number; backwardMedianMs: number; backwardP95Ms: number; asOfMedianMs: number; forwardMedianMs: number; forwardP95Ms: number };
  };
}

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))]! * 100) / 100 : 0;
};

// Lineage is what explains a record: its source rows and roles (and their history of changes), the
// clean rules' changes, the per-field sources of versions where they differ from the version's row,
// and the audit log.
const LINEAGE_TABLES = ['record_sources', 'record_source_history', 'clean_changes', 'audit_log'];

async function lineageBytesPerRecord(db: Db): Promise<number> {
  const { rows } = await db.raw<{ rows: Array<{ tables: string; fields: string; n: string }> }>(`
    select (select coalesce(sum(pg_total_relation_size(t::regclass)), 0) from unnest(?::text[]) t)::bigint as tables,
           (select coalesce(sum(pg_column_size(field_sources)), 0) from golden_versions where field_sources is not null)::bigint as fields,
           (select count(*) from golden_records)::bigint as n`, [LINEAGE_TABLES]);
  const r = rows[0]!;
  return Number(r.n) ? Math.round((Number(r.tables) + Number(r.fields)) / Number(r.n)) : 0;
}

/** Times `lookups` lineage queries on records spread evenly over the golden records. */
async function probeLineage(db: Db, lookups = 200): Promise<DistributionFigures['lineage']['probe']> {
  const who = parseIdentity('auditor@bench');
  const { rows } = await db.raw<{ rows: Array<{ id: number; batch_id: string; row_no: number; valid_from: Date }> }>(`
    select g.id, v.batch_id, v.row_no, v.valid_from from (
      select id, row_number() over (order by id) as i, count(*) over () as n from golden_records) g
      join golden_versions v on v.golden_id = g.id and v.version = 1
     where g.i % greatest(1, g.n / ?) = 0 limit ?`, [lookups, lookups]);
  const back: number[] = [];
  const asOf: number[] = [];
  const fwd: number[] = [];
  for (const r of rows) {
    let t = performance.now();
    await recordLineage(db, who, r.id, 'fine_amount');
    back.push(performance.now() - t);
    t = performance.now();
    await recordLineage(db, who, r.id, 'fine_amount', new Date(r.valid_from.getTime() + 1));
    asOf.push(performance.now() - t);
    t = performance.now();
    await batchLineage(db, who, r.batch_id, r.row_no);
    fwd.push(performance.now() - t);
  }
  return {
    lookups: rows.length, backwardMedianMs: quantile(back, 0.5), backwardP95Ms: quantile(back, 0.95), asOfMedianMs: quantile(asOf, 0.5),
    forwardMedianMs: quantile(fwd, 0.5), forwardP95Ms: quantile(fwd, 0.95),
  };
}

/** Runs the sweep as the schedule does (a workflow on the factory's worker), for today and tomorrow. */
async function sweeps(ctx: ServiceContext): Promise<DistributionFigures['expiry']> {
  const admin = parseIdentity('admin@bench');
  const today = chinaToday();
  const tomorrow = chinaToday(new Date(Date.now() + 86_400_000));
  let t = performance.now();
  const first = await runExpiry(ctx, admin, today);
  const firstSweepSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  const next = await runExpiry(ctx, admin, tomorrow);
  return {
    firstSweepSeconds: Math.round(firstSweepSeconds * 100) / 100,
    firstExpired: first.expired,
    nextDaySweepSeconds: Math.round((performance.now() - t) / 10) / 100,
    nextDayExpired: next.expired,
  };
}

export async function distributionFigures(ctx: ServiceContext, batchIds: string[], distributeSeconds: number): Promise<DistributionFigures> {
  const db = ctx.db;
  const { rows } = await db.raw<{ rows: Array<{ subscriptions: number; records: number; tombstones: number; withheld: number }> }>(`
    select count(distinct subscription_id)::int as subscriptions, coalesce(sum(records), 0)::int as records,
           coalesce(sum(tombstones), 0)::int as tombstones, coalesce(sum(withheld), 0)::int as withheld
      from deliveries where batch_id = any(?)`, [batchIds]);
  const d = rows[0]!;
  const lineage = { bytesPerGoldenRecord: await lineageBytesPerRecord(db), probe: await probeLineage(db) };
  return {
    expiry: await sweeps(ctx),
    delivery: { ...d, recordsPerSecond: Math.round((d.records + d.tombstones + d.withheld) / (distributeSeconds || Infinity)) },
    lineage,
  };
}
