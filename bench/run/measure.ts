// What the benchmark measures besides wall time: the peak memory of a process, the time each
// pipeline step took (from the workflow's own history), and PostgreSQL's size per record.
import { readFileSync } from 'node:fs';
import type { Client } from '@temporalio/client';
import type { Db } from '../../db/connect.ts';
import { stepOfActivity } from '../../domain/pipeline.ts';

/** Peak resident set size (VmHWM) of a live process, in MB. */
export function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1] ?? NaN);
  return Math.round(kb / 1024);
}

/** Each step's span in each run (seconds since the epoch), from the workflows' histories: from
 * its first activity's scheduling to its last one's completion. */
export interface StepSpan { step: string; from: number; to: number }

export async function stepSpans(temporal: Client, workflowIds: string[]): Promise<StepSpan[]> {
  const spans: StepSpan[] = [];
  for (const id of workflowIds) {
    const history = await temporal.workflow.getHandle(id).fetchHistory();
    const scheduled = new Map<string, { step: string; at: number }>();
    // A step run in parts (plan, parts at once, finish) spans its first scheduling to its last completion.
    const span = new Map<string, { from: number; to: number }>();
    for (const e of history.events ?? []) {
      const at = Number(e.eventTime?.seconds ?? 0) + (e.eventTime?.nanos ?? 0) / 1e9;
      const s = e.activityTaskScheduledEventAttributes;
      if (s) scheduled.set(String(e.eventId), { step: stepOfActivity(s.activityType?.name ?? '?'), at });
      const c = e.activityTaskCompletedEventAttributes;
      const from = c && scheduled.get(String(c.scheduledEventId));
      if (from) {
        const t = span.get(from.step);
        span.set(from.step, { from: Math.min(t?.from ?? from.at, from.at), to: Math.max(t?.to ?? at, at) });
      }
    }
    for (const [step, t] of span) spans.push({ step, ...t });
  }
  return spans;
}

/** Seconds each activity type spent from scheduled to completed, summed over the given runs. */
export async function stepSeconds(temporal: Client, workflowIds: string[]): Promise<Record<string, number>> {
  return secondsOf(await stepSpans(temporal, workflowIds));
}

export function secondsOf(spans: readonly StepSpan[]): Record<string, number> {
  const total: Record<string, number> = {};
  for (const { step, from, to } of spans) total[step] = (total[step] ?? 0) + (to - from);
  return total;
}

const DATA_TABLES = ['batches', 'raw_rows', 'clean_rows', 'rejects', 'golden_records', 'golden_versions', 'deliveries'];
const LINEAGE_TABLES = ['record_sources', 'record_source_history', 'clean_changes', 'batch_steps'];

async function bytes(db: Db, tables: string[]): Promise<number> {
  const { rows } = (await db.raw(`select coalesce(sum(pg_total_relation_size(t::regclass)), 0)::bigint as n from unnest(?::text[]) t`, [tables])) as {
    rows: Array<{ n: number }>;
  };
  return rows[0]!.n;
}

/** Bytes per 1,000 golden records: the data itself, and the lineage that explains it. */
export async function bytesPer1000Records(db: Db): Promise<{ records: number; lineage: number; goldenRecords: number }> {
  const [{ n }] = (await db('golden_records').count({ n: '*' })) as [{ n: number }];
  const per = (b: number) => (n ? Math.round((b / n) * 1000) : 0);
  return { records: per(await bytes(db, DATA_TABLES)), lineage: per(await bytes(db, LINEAGE_TABLES)), goldenRecords: n };
}
