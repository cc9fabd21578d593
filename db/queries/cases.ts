// measure_cases and measure_case_pending (migration 20261202010000): staging what a delivery shaped
// with measures, opening cases from it once the delivery is recorded (set-based, in chunks,
// idempotent), the workflows still to start, a case's feedback, escalation and dispute, the lists
// a department and an operator read, a record's cases for lineage, and the figures.
import type { Knex } from 'knex';
import type { CaseOutcome, CaseStatus, DisputeDecision, FeedbackDetail } from '../../domain/cases.ts';

type Conn = Knex | Knex.Transaction;

export interface PendingCase { goldenId: number; version: number; subjectUscc: string | null; measures: string[] }

/** What a delivery shaped with measures, written as it streams (a retried attempt writes the same rows again). */
export async function stagePendingCases(db: Conn, key: string, rows: PendingCase[]): Promise<void> {
  if (!rows.length) return;
  await db('measure_case_pending')
    .insert(rows.map((r) => ({ delivery_key: key, golden_id: r.goldenId, version: r.version, subject_uscc: r.subjectUscc, measures: r.measures })))
    .onConflict(['delivery_key', 'golden_id']).merge(['version', 'subject_uscc', 'measures']);
}

export interface CaseOpening { key: string; department: string; dataset: string; feedbackDays: number }

/**
 * The delivery's staged records as cases, one per record and measure, a chunk per statement:
 * each chunk moves its staged rows (deleted as they become cases) in one statement, and the
 * unique (delivery, record, measure) makes a repeat open nothing twice. Returns the cases opened.
 */
export async function openPendingCases(db: Knex, o: CaseOpening, chunk = 1000): Promise<number> {
  let opened = 0;
  for (;;) {
    const { rows } = await db.raw<{ rows: Array<{ moved: number; opened: number }> }>(`
      with moved as (
        delete from measure_case_pending where (delivery_key, golden_id) in (
          select delivery_key, golden_id from measure_case_pending where delivery_key = :key order by golden_id limit :chunk)
        returning golden_id, version, subject_uscc, measures
      ), d as (select id, subscription_id, batch_id from deliveries where idempotency_key = :key),
      ins as (
        insert into measure_cases (delivery_key, delivery_id, batch_id, subscription_id, department, golden_id, version, dataset, measure,
                                   subject_uscc, due_at)
        select :key, d.id, d.batch_id, d.subscription_id, :department, m.golden_id, m.version, :dataset, code, m.subject_uscc,
               now() + make_interval(secs => :seconds)
          from moved m cross join d cross join unnest(m.measures) code
        on conflict (delivery_key, golden_id, measure) do nothing
        returning 1
      )
      select (select count(*) from moved)::int as moved, (select count(*) from ins)::int as opened`,
    { key: o.key, chunk, department: o.department, dataset: o.dataset, seconds: o.feedbackDays * 86_400 });
    opened += rows[0]!.opened;
    if (rows[0]!.moved < chunk) return opened;
  }
}

export interface UnstartedCase { id: number; batch_id: string | null; due_at: Date }

/** Cases of the batch's deliveries whose workflow is still to start, after `after`, by id. */
export async function unstartedCases(db: Conn, batchId: string, after: number, limit: number): Promise<UnstartedCase[]> {
  return (await db('measure_cases').where({ batch_id: batchId }).whereNull('workflow_started_at').where('id', '>', after)
    .orderBy('id').limit(limit).select('id', 'batch_id', 'due_at')) as UnstartedCase[];
}

export async function markWorkflowsStarted(db: Conn, ids: number[]): Promise<void> {
  if (ids.length) await db('measure_cases').whereIn('id', ids).update({ workflow_started_at: db.fn.now() });
}

export interface CaseRow {
  id: number; delivery_key: string; delivery_id: number | null; batch_id: string | null; subscription_id: string; department: string;
  golden_id: number; version: number; dataset: string; measure: string; subject_uscc: string | null; opened_at: Date; due_at: Date;
  status: CaseStatus; escalated_at: Date | null; outcome: CaseOutcome | null; detail: FeedbackDetail | null; feedback_by: string | null;
  feedback_at: Date | null; dispute_task_id: number | null; resolution: (DisputeDecision & { note?: string }) | null; resolved_by: string | null;
  resolved_at: Date | null; workflow_started_at: Date | null;
}

export async function caseById(db: Conn, id: number): Promise<CaseRow | undefined> {
  return (await db('measure_cases').where({ id }).first()) as CaseRow | undefined;
}

export async function lockCase(trx: Knex.Transaction, id: number): Promise<CaseRow | undefined> {
  return (await trx('measure_cases').where({ id }).forUpdate().first()) as CaseRow | undefined;
}

export async function setCaseFeedback(
  trx: Conn, id: number, f: { status: CaseStatus; outcome: CaseOutcome; detail: FeedbackDetail; by: string; disputeTaskId?: number | null },
): Promise<void> {
  await trx('measure_cases').where({ id }).update({
    status: f.status, outcome: f.outcome, detail: JSON.stringify(f.detail), feedback_by: f.by, feedback_at: trx.fn.now(),
    dispute_task_id: f.disputeTaskId ?? null,
  });
}

/** The case overdue, when it is still open; returns whether it changed. */
export async function markCaseOverdue(db: Conn, id: number): Promise<boolean> {
  return (await db('measure_cases').where({ id, status: 'open' }).update({ status: 'overdue', escalated_at: db.fn.now() })) > 0;
}

/**
 * The steward item of a dispute: one per record version's source row (kind case_dispute), so
 * several departments disputing one record meet in one item; each case is added to its detail.
 */
export async function upsertDisputeTask(
  trx: Knex.Transaction, c: CaseRow, claim: Record<string, unknown>,
): Promise<{ id: number; status: string; decision: DisputeDecision | null; decided_by: string | null } | undefined> {
  const { rows } = await trx.raw<{ rows: Array<{ id: number; status: string; decision: DisputeDecision | null; decided_by: string | null }> }>(`
    insert into steward_tasks (kind, batch_id, row_no, golden_id, detail)
    select 'case_dispute', v.batch_id, v.row_no, :golden, jsonb_build_object('reason', 'case_dispute', 'cases', jsonb_build_array(:id::bigint),
             'claims', jsonb_build_array(:claim::jsonb), 'goldenId', :golden::bigint, 'version', :version::int, 'subjectUscc', :subject::text)
      from golden_versions v where v.golden_id = :golden and v.version = :version
    on conflict (kind, batch_id, row_no) do update
      set detail = steward_tasks.detail || jsonb_build_object(
        'cases', (steward_tasks.detail->'cases') || to_jsonb(:id::bigint), 'claims', (steward_tasks.detail->'claims') || :claim::jsonb)
    returning id, status, decision, decided_by`,
  { id: c.id, golden: c.golden_id, version: c.version, subject: c.subject_uscc, claim: JSON.stringify(claim) });
  return rows[0];
}

/** The open disputes an item carries (its decision closes them). */
export async function disputedCasesOfTask(db: Conn, taskId: number): Promise<CaseRow[]> {
  return (await db('measure_cases').where({ dispute_task_id: taskId, status: 'disputed' }).orderBy('id')) as CaseRow[];
}

export async function setCaseResolution(trx: Conn, id: number, r: { decision: DisputeDecision & { note?: string }; by: string }): Promise<void> {
  await trx('measure_cases').where({ id, status: 'disputed' }).update({
    status: 'closed', resolution: JSON.stringify(r.decision), resolved_by: r.by, resolved_at: trx.fn.now(),
  });
}

export interface CaseFilter {
  status?: CaseStatus; measure?: string; dataset?: string; department?: string;
  /** Overdue now: escalated, or open past its deadline. */
  overdue?: boolean;
  /** Only these departments (a department's own, a district's agencies); undefined: all. */
  departments?: string[];
}

function filtered(db: Knex, f: CaseFilter): Knex.QueryBuilder {
  return db('measure_cases as c').modify((q) => {
    if (f.status) void q.where('c.status', f.status);
    if (f.measure) void q.where('c.measure', f.measure);
    if (f.dataset) void q.where('c.dataset', f.dataset);
    if (f.department) void q.where('c.department', f.department);
    if (f.departments) void q.whereIn('c.department', f.departments);
    if (f.overdue) {
      void q.where((w) => void w.where('c.status', 'overdue').orWhere((o) => void o.where('c.status', 'open').where('c.due_at', '<', db.fn.now())));
    }
  });
}

/** A page of cases, overdue first, then by deadline; and how many match. */
export async function casePage(db: Knex, f: CaseFilter, page: { limit: number; offset: number }): Promise<{ total: number; rows: CaseRow[] }> {
  const [rows, count] = await Promise.all([
    filtered(db, f).select('c.*').orderByRaw(`(c.status = 'overdue') desc, (c.status in ('open', 'overdue')) desc, c.due_at, c.id`)
      .limit(page.limit).offset(page.offset) as Promise<CaseRow[]>,
    filtered(db, f).count({ n: '*' }) as Promise<Array<{ n: string | number }>>,
  ]);
  return { total: Number(count[0]!.n), rows };
}

/** A record's cases, oldest first (its lineage: delivery → measure → feedback). */
export async function casesOfRecord(db: Conn, goldenId: number): Promise<CaseRow[]> {
  return (await db('measure_cases').where({ golden_id: goldenId }).orderBy('id')) as CaseRow[];
}

export interface CaseFigureRow {
  department: string; measure: string; dataset: string; opened: number; closed: number; overdue: number; disputed: number; open: number;
  late: number; median_hours: number | null; mean_hours: number | null;
}

/** Per department, measure and list: cases opened, closed, overdue, disputed, still open, answered
 * after the deadline, and the median and mean hours from opening to feedback. */
export async function caseFigures(db: Knex, f: CaseFilter): Promise<CaseFigureRow[]> {
  const hours = `extract(epoch from (c.feedback_at - c.opened_at)) / 3600.0`;
  const rows = (await filtered(db, { ...f, status: undefined, overdue: undefined })
    .select('c.department', 'c.measure', 'c.dataset', db.raw(`
      count(*)::int as opened,
      (count(*) filter (where c.status = 'closed'))::int as closed,
      (count(*) filter (where c.status = 'overdue'))::int as overdue,
      (count(*) filter (where c.status = 'disputed'))::int as disputed,
      (count(*) filter (where c.status = 'open'))::int as open,
      (count(*) filter (where c.feedback_at > c.due_at))::int as late,
      (percentile_cont(0.5) within group (order by ${hours}) filter (where c.feedback_at is not null))::float8 as median_hours,
      (avg(${hours}) filter (where c.feedback_at is not null))::float8 as mean_hours`))
    .groupBy('c.department', 'c.measure', 'c.dataset').orderBy(['c.department', 'c.dataset', 'c.measure'])) as CaseFigureRow[];
  return rows;
}
