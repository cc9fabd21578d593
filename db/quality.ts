// Named queries behind the quality dashboard. Every figure is summed from the batches' own counts
// (batches.counts, written by each step), never from their rows: the dashboard reads one row per
// batch however many golden records there are. Timeliness compares the uploads that arrived with
// the periods the catalogue's frequency promises, one index probe per entry and period.
import type { Knex } from 'knex';
import type { Db } from './connect.ts';

/** The figures one group of batches adds up to (the link step's counts, compare's classes, rejects). */
export interface BatchSums {
  batches: number; received: number; accepted: number; rejected: number;
  organisations: number; withoutUscc: number; converted: number; codeConflictRows: number;
  duplicates: number; outOfResponsibility: number; conflicts: number;
}

export const SUM_KEYS = [
  'batches', 'received', 'accepted', 'rejected', 'organisations', 'withoutUscc', 'converted', 'codeConflictRows',
  'duplicates', 'outOfResponsibility', 'conflicts',
] as const satisfies ReadonlyArray<keyof BatchSums>;

const SUMS = `
  count(*)::int as "batches",
  coalesce(sum((b.counts->>'received')::int), 0)::int as "received",
  coalesce(sum((b.counts->>'accepted')::int), 0)::int as "accepted",
  coalesce(sum((b.counts->>'rejected')::int), 0)::int as "rejected",
  coalesce(sum((b.counts->'link'->>'organisations')::int), 0)::int as "organisations",
  coalesce(sum((b.counts->'link'->>'withoutUscc')::int), 0)::int as "withoutUscc",
  coalesce(sum((b.counts->'link'->>'converted')::int), 0)::int as "converted",
  coalesce(sum((b.counts->'link'->>'codeConflictRows')::int), 0)::int as "codeConflictRows",
  coalesce(sum((b.counts->>'duplicates')::int), 0)::int as "duplicates",
  coalesce(sum((b.counts->>'outOfResponsibility')::int), 0)::int as "outOfResponsibility",
  coalesce(sum((b.counts->>'conflicts')::int), 0)::int as "conflicts"`;

export interface BatchWindow { from: Date; to: Date; restrict: (q: Knex.QueryBuilder) => void }

/** Finished batches received in the window, as `batches as b` (the caller's scope applied by `restrict` on b.agency). */
function finished(db: Db, w: BatchWindow): Knex.QueryBuilder {
  return db('batches as b').where('b.status', 'done').where('b.created_at', '>=', w.from).where('b.created_at', '<', w.to)
    .modify((q: Knex.QueryBuilder) => w.restrict(q));
}

/** The sums per agency and dataset (the service rolls them up by region, agency or dataset). */
type Sums<K extends string> = Array<BatchSums & Record<K, string>>;

export async function sumsByAgencyDataset(db: Db, w: BatchWindow): Promise<Sums<'agency' | 'dataset'>> {
  return (await finished(db, w).groupBy('b.agency', 'b.dataset').select('b.agency', 'b.dataset', db.raw(SUMS))) as Sums<'agency' | 'dataset'>;
}

/** The sums per period: a China day, or a week from its Monday (YYYY-MM-DD). */
export async function sumsByPeriod(db: Db, w: BatchWindow, bucket: 'day' | 'week'): Promise<Sums<'period'>> {
  const period = `to_char(date_trunc('${bucket === 'week' ? 'week' : 'day'}', b.created_at at time zone 'Asia/Shanghai'), 'YYYY-MM-DD')`;
  return (await finished(db, w).groupByRaw(period).orderByRaw(period).select(db.raw(`${period} as period`), db.raw(SUMS))) as Sums<'period'>;
}

/** Rows rejected per reason code (the clean step's counts.rejectedByCode), per agency and dataset. */
export async function rejectsByCode(db: Db, w: BatchWindow): Promise<Array<{ agency: string; dataset: string; code: string; rows: number }>> {
  return (await finished(db, w).joinRaw(`cross join lateral jsonb_each_text(coalesce(b.counts->'rejectedByCode', '{}'::jsonb)) as r(code, n)`)
    .groupBy('b.agency', 'b.dataset', 'r.code')
    .select('b.agency', 'b.dataset', 'r.code', db.raw('sum(r.n::int)::int as rows'))) as Array<{ agency: string; dataset: string; code: string; rows: number }>;
}

/** One catalogue entry an agency must upload for, and how often: a calendar period (China time), or
 * 'realtime', whose periods are `realtimeMinutes` long (from China midnight), the same tolerance the
 * now-status (db/queries/timeliness.ts) gives a realtime entry. */
export interface ExpectedUpload { agency: string; dataset: string; channel: string; unit: 'realtime' | 'day' | 'week' | 'month' | 'quarter' }

export interface Timeliness { agency: string; dataset: string; channel: string; expected: number; onTime: number; late: number; missing: number }

/**
 * Per entry, the periods that began in the window and have ended by `now`: on time when an upload
 * (a batch not failed) of the dataset through the entry's channel arrived within the period, or the
 * entry's pull last succeeded within it (a pull that found nothing new makes no batch, yet the
 * agency's system answered: pull_sources keeps only the latest success, so only that one counts);
 * late when none did but one arrived in the next period; missing otherwise. A period still running
 * counts only once its upload is in (then on time).
 */
export async function timeliness(
  db: Db, w: BatchWindow, now: Date, entries: readonly ExpectedUpload[], realtimeMinutes = 60,
): Promise<Timeliness[]> {
  if (!entries.length) return [];
  const { rows } = (await db.raw(`
    with e as (
      select x.*, case x.unit when 'quarter' then interval '3 months' when 'realtime' then make_interval(mins => ?)
                  else ('1 ' || x.unit)::interval end as step
        from jsonb_to_recordset(?::jsonb) as x(agency text, dataset text, channel text, unit text)
    ),
    p as (
      select e.agency, e.dataset, e.channel, ps.last_success_at,
             (gs at time zone 'Asia/Shanghai') as start,
             ((gs + e.step) at time zone 'Asia/Shanghai') as stop,
             ((gs + 2 * e.step) at time zone 'Asia/Shanghai') as grace
        from e
        left join pull_sources ps on ps.agency = e.agency and ps.dataset = e.dataset and ps.channel = e.channel,
        generate_series(case when e.unit = 'realtime' then date_bin(e.step, ?::timestamptz at time zone 'Asia/Shanghai', timestamp '2000-01-01')
                             else date_trunc(e.unit, ?::timestamptz at time zone 'Asia/Shanghai') end,
                        (?::timestamptz at time zone 'Asia/Shanghai') - interval '1 microsecond', e.step) gs
    ),
    -- Materialized: each period's two probes run once, not once per count that reads them.
    s as materialized (
      select p.*,
        exists (select 1 from batches b where b.agency = p.agency and b.dataset = p.dataset and b.channel = p.channel and b.status <> 'failed'
                   and b.created_at >= p.start and b.created_at < p.stop)
          or coalesce(p.last_success_at >= p.start and p.last_success_at < p.stop, false) as on_time,
        exists (select 1 from batches b where b.agency = p.agency and b.dataset = p.dataset and b.channel = p.channel and b.status <> 'failed'
                   and b.created_at >= p.stop and b.created_at < p.grace)
          or coalesce(p.last_success_at >= p.stop and p.last_success_at < p.grace, false) as next_one
        from p
    )
    select agency, dataset, channel,
           count(*) filter (where on_time or stop <= ?)::int as expected,
           count(*) filter (where on_time)::int as "onTime",
           count(*) filter (where not on_time and stop <= ? and next_one)::int as late,
           count(*) filter (where not on_time and stop <= ? and not next_one)::int as missing
      from s group by agency, dataset, channel`,
  [realtimeMinutes, JSON.stringify(entries), w.from, w.from, w.to, now, now, now])) as { rows: Timeliness[] };
  return rows;
}
