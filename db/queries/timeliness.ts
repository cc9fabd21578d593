// Who is late now (及时性): per catalogue entry, its last arrival, when the next one is due and by
// how much it is overdue. One statement over the entries passed in (the caller's scope already
// applied), one index probe per entry into batches (batches_agency_dataset_created_idx) and one into
// pull_sources by its key, so 5,000 entries stay fast however many batches there are.
//
// - Last arrival: the newest batch (not failed) of the entry's agency, dataset and channel, or the
//   newest successful pull of it (pull_sources.last_success_at), whichever is later: an agency's
//   system that answered on time with nothing new is on time.
// - Due: the end of the calendar period (China time) after the one holding the last arrival, i.e.
//   the next period's supply is due by that period's end, as the dashboard's per-period counts
//   (db/quality.ts) judge it; `realtime` is due `realtimeMinutes` after the last arrival.
// - Never seen: no arrival ever. It has been expected since its entry appeared in the catalogue
//   (the import time of the oldest version of the unbroken run of versions, up to the newest, that
//   hold it: an entry dropped and added back is expected from its return); that moment stands in
//   for an arrival when its due time is computed, so a new entry has one full period to send.
import type { Knex } from 'knex';

/** One catalogue entry as the query reads it (frequency: realtime | daily | weekly | monthly | quarterly). */
export interface TimelinessEntry { agency: string; dataset: string; region: string; channel: string; frequency: string }

export type TimelinessStatus = 'overdue' | 'never_seen' | 'on_time';

export interface EntryTimeliness extends TimelinessEntry {
  status: TimelinessStatus;
  /** The newest batch or successful pull at or before `now`; null: never seen. */
  lastArrival: Date | null;
  /** What the last arrival was: a batch or a pull that may have found nothing new. */
  lastArrivalKind: 'batch' | 'pull' | null;
  lastBatchId: string | null;
  due: Date | null;
  /** Seconds past due (0 when not yet due). */
  lateSeconds: number;
  /** Never seen: since when the catalogue has expected it (null when the catalogue's history has no version holding it). */
  expectedSince: Date | null;
  /** The entry's pull, when the factory pulls it from the agency's own system; null otherwise. */
  pull: { lastSuccessAt: Date | null; lastAttemptAt: Date | null; failures: number; failingSince: Date | null; lastError: unknown } | null;
}

/** The unit of a frequency in date_trunc's words; realtime has none (it is a tolerance, not a calendar period). */
const FREQUENCY_SQL = `case x.frequency when 'daily' then 'day' when 'weekly' then 'week' when 'monthly' then 'month'
  when 'quarterly' then 'quarter' when 'realtime' then null else 'day' end`;

interface Row extends TimelinessEntry {
  last_arrival: Date | null; last_batch_at: Date | null; last_batch_id: string | null; due: Date | null; late_seconds: number; expected_since: Date | null;
  is_pull: boolean; last_success_at: Date | null; last_attempt_at: Date | null; failures: number | null; failing_since: Date | null; last_error: unknown;
}

/**
 * Every entry's state at `now`, overdue first (most overdue first), then never seen (longest
 * expected first), then on time (next due first).
 */
export async function entryTimeliness(
  db: Knex | Knex.Transaction, entries: readonly TimelinessEntry[], now: Date, realtimeMinutes: number,
): Promise<EntryTimeliness[]> {
  if (!entries.length) return [];
  const { rows } = (await db.raw(`
    with e as (
      select x.*, ${FREQUENCY_SQL} as unit
        from jsonb_to_recordset(?::jsonb) as x(agency text, dataset text, region text, channel text, frequency text)
    ),
    a as (
      select e.*, lb.id as last_batch_id, lb.created_at as last_batch_at, ps.agency is not null as is_pull,
             ps.last_success_at, ps.last_attempt_at, ps.failures, ps.failing_since, ps.last_error,
             greatest(lb.created_at, case when ps.last_success_at <= ? then ps.last_success_at end) as last_arrival
        from e
        left join lateral (
          select b.id, b.created_at from batches b
           where b.agency = e.agency and b.dataset = e.dataset and b.channel = e.channel and b.status <> 'failed' and b.created_at <= ?
           order by b.created_at desc limit 1
        ) lb on true
        left join pull_sources ps on ps.agency = e.agency and ps.dataset = e.dataset and ps.channel = e.channel
    ),
    -- The catalogue's history, only when some entry was never seen: each version's entries once.
    v as (select id, imported_at, row_number() over (order by id) as n from catalog_versions where exists (select 1 from a where last_arrival is null)),
    held as (
      select distinct x.agency, x.dataset, x.channel, v.n, v.imported_at
        from v join catalog_versions cv on cv.id = v.id
        cross join lateral jsonb_to_recordset(cv.content->'entries') as x(agency text, dataset text, channel text)
       where (x.agency, x.dataset, x.channel) in (select agency, dataset, channel from a where last_arrival is null)
    ),
    -- Gaps and islands: consecutive versions holding the entry share n - row_number(); the island
    -- that reaches the newest version holding it starts when the entry (re)appeared.
    runs as (
      select agency, dataset, channel, n - row_number() over (partition by agency, dataset, channel order by n) as island, n, imported_at from held
    ),
    since as (
      select distinct on (agency, dataset, channel) agency, dataset, channel, min(imported_at) as expected_since
        from runs group by agency, dataset, channel, island
       order by agency, dataset, channel, max(n) desc
    ),
    d as (
      select a.*, s.expected_since,
             case when a.unit is null then coalesce(a.last_arrival, s.expected_since) + make_interval(mins => ?)
                  else ((date_trunc(a.unit, coalesce(a.last_arrival, s.expected_since) at time zone 'Asia/Shanghai')
                         + 2 * case a.unit when 'quarter' then interval '3 months' else ('1 ' || a.unit)::interval end) at time zone 'Asia/Shanghai')
             end as due
        from a left join since s on a.last_arrival is null and s.agency = a.agency and s.dataset = a.dataset and s.channel = a.channel
    )
    select d.*, greatest(0, floor(extract(epoch from (?::timestamptz - d.due))))::bigint::float8 as late_seconds
      from d`,
  [JSON.stringify(entries), now, now, realtimeMinutes, now])) as { rows: Row[] };
  return rows.map(toEntry).sort(byUrgency);
}

const RANK: Record<TimelinessStatus, number> = { overdue: 0, never_seen: 1, on_time: 2 };
const time = (d: Date | null): number => (d ? d.getTime() : Number.POSITIVE_INFINITY);

/** Overdue first (most overdue first), then never seen (longest expected first), then on time (next due first); ties by agency, dataset, channel. */
export function byUrgency(a: EntryTimeliness, b: EntryTimeliness): number {
  return RANK[a.status] - RANK[b.status] || b.lateSeconds - a.lateSeconds
    || (a.status === 'never_seen' ? time(a.expectedSince) - time(b.expectedSince) : time(a.due) - time(b.due))
    || a.agency.localeCompare(b.agency) || a.dataset.localeCompare(b.dataset) || a.channel.localeCompare(b.channel);
}

function toEntry(r: Row): EntryTimeliness {
  const late = Number(r.late_seconds ?? 0);
  const status: TimelinessStatus = !r.last_arrival ? 'never_seen' : late > 0 ? 'overdue' : 'on_time';
  const kind = !r.last_arrival ? null : r.last_batch_at && r.last_batch_at.getTime() === r.last_arrival.getTime() ? 'batch' : 'pull';
  return {
    agency: r.agency, dataset: r.dataset, region: r.region, channel: r.channel, frequency: r.frequency, status,
    lastArrival: r.last_arrival, lastArrivalKind: kind, lastBatchId: r.last_batch_id, due: r.due, lateSeconds: late,
    expectedSince: status === 'never_seen' ? r.expected_since : null,
    pull: r.is_pull
      ? {
        lastSuccessAt: r.last_success_at, lastAttemptAt: r.last_attempt_at, failures: r.failures ?? 0, failingSince: r.failing_since,
        lastError: r.last_error,
      }
      : null,
  };
}
