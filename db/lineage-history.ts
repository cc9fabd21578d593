// What a golden record's source rows were, and its merges, at a moment. A source row's story is
// record_source_history when it has one (written from the row's first change or removal on, by
// triggers: migrations 20261130120000 and 20261204010000), else the row itself as record_sources
// holds it since its created_at; and the suspected-duplicate items a steward merged.
import type { Db } from './connect.ts';

/** A row that was ever a source of the record, as it stood at the moment asked. */
export interface SourceStateRow {
  batch_id: string;
  row_no: number;
  /** Its role the last time it was this record's (at or before the moment). */
  own_role: string;
  /** Where it was at the moment: this record, or the one it had moved to. */
  golden_id: number;
  role: string;
  /** When it first became a source of any record: the order lineage lists sources in. */
  first_at: Date;
}

const FAR_FUTURE = new Date('9999-12-31T00:00:00Z');

/** The source row `s` never changed: record_sources alone tells its story. */
const NO_HISTORY = 'not exists (select 1 from record_source_history x where x.batch_id = s.batch_id and x.row_no = s.row_no)';

/** Every row that was a source of `goldenId` at or before `asOf` (now when absent), with where it stood then. */
export async function sourceStatesAt(db: Db, goldenId: number, asOf?: Date): Promise<SourceStateRow[]> {
  const t = asOf ?? FAR_FUTURE;
  const { rows } = await db.raw<{ rows: SourceStateRow[] }>(
    `with mine as (
       select distinct on (e.batch_id, e.row_no) e.batch_id, e.row_no, e.role as own_role
         from (select h.batch_id, h.row_no, h.role, h.at, h.id from record_source_history h where h.golden_id = :id and h.at <= :t
               union all
               select s.batch_id, s.row_no, s.role, s.created_at, 0 from record_sources s
                where s.golden_id = :id and s.created_at <= :t and ${NO_HISTORY}) e
        order by e.batch_id, e.row_no, e.at desc, e.id desc
     )
     select m.batch_id, m.row_no, m.own_role, c.golden_id, c.role, c.first_at
       from mine m
       cross join lateral (
         select e.golden_id, e.role, e.first_at from (
           (select h.golden_id, h.role, h.at, h.id,
                   (select min(f.at) from record_source_history f where f.batch_id = m.batch_id and f.row_no = m.row_no) as first_at
              from record_source_history h
             where h.batch_id = m.batch_id and h.row_no = m.row_no and h.at <= :t
             order by h.at desc, h.id desc limit 1)
           union all
           select s.golden_id, s.role, s.created_at, 0, s.created_at from record_sources s
            where s.batch_id = m.batch_id and s.row_no = m.row_no and s.created_at <= :t and ${NO_HISTORY}
         ) e order by e.at desc, e.id desc limit 1
       ) c
      order by c.first_at, m.batch_id, m.row_no`,
    { id: goldenId, t },
  );
  return rows.map((r) => ({ ...r, golden_id: Number(r.golden_id) }));
}

/** A steward's merge of a suspected duplicate: `from` merged into `into`. */
export interface MergeRow {
  task_id: number;
  from_id: number;
  into_id: number;
  decided_at: Date;
  decided_by: string | null;
  note: string | null;
}

/** Merges decided at or before `asOf` that took this record away or into which it took another. */
export async function mergesOf(db: Db, goldenId: number, asOf?: Date): Promise<MergeRow[]> {
  const { rows } = await db.raw<{ rows: MergeRow[] }>(
    `select id as task_id, golden_id as from_id, (detail->'candidate'->>'goldenId')::bigint as into_id, decided_at, decided_by, note
       from steward_tasks
      where kind = 'suspected_duplicate' and status = 'decided' and decision->'decision'->>'action' = 'merge'
        and (golden_id = :id or (detail->'candidate'->>'goldenId')::bigint = :id)
        and decided_at <= :t
      order by decided_at, id`,
    { id: goldenId, t: asOf ?? FAR_FUTURE },
  );
  return rows.map((r) => ({ ...r, task_id: Number(r.task_id), from_id: Number(r.from_id), into_id: Number(r.into_id) }));
}

/** Steward items on the record (created by then), and merges into it (decided by then). */
export interface TaskRow {
  id: number; kind: string; status: string; decision: { decision?: { action?: string } } | null;
  decided_by: string | null; decided_at: Date | null; note: string | null; created_at: Date; batch_id: string; row_no: number;
}

export async function tasksOf(db: Db, goldenId: number, asOf?: Date): Promise<TaskRow[]> {
  const { rows } = await db.raw<{ rows: TaskRow[] }>(
    `select id, kind, status, decision, decided_by, decided_at, note, created_at, batch_id, row_no
       from steward_tasks
      where (golden_id = :id and created_at <= :t)
         or (kind = 'suspected_duplicate' and (detail->'candidate'->>'goldenId')::bigint = :id and status = 'decided' and decided_at <= :t)
      order by id`,
    { id: goldenId, t: asOf ?? FAR_FUTURE },
  );
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}
