// steward_tasks and steward_decisions as the steward activities and services change and read them:
// raising items (conflicts, suspected duplicates), settling them by earlier decisions, locking one
// to decide or undo it, and the queue's plain list. The paged queue is db/steward-queue.ts; the
// decisions' rows and undo state are db/steward-decisions.ts.
import type { Knex } from 'knex';
import { splicedField } from './field-name.ts';
import { jsonPlan, recordById } from './store-probes.ts';

type Conn = Knex | Knex.Transaction;

/**
 * One queue item per conflicting row of the batch (class conflict), with both sides' differing
 * `material` values, both sources and survivorship's suggestion: the side whose "agency|channel" is
 * in `authoritative` when only one side is, else the most recent. An item already there stays.
 */
export async function insertConflictTasks(trx: Conn, batchId: string, material: string[], authoritative: string[]): Promise<void> {
  await trx.raw(`
    with conflicts as (
      select c.batch_id, c.row_no, c.golden_id, c.fields as incoming, c.subject_uscc as incoming_subject,
             g.fields as held, g.subject_uscc as held_subject, g.version as held_version, s.batch_id as held_batch, s.row_no as held_row,
             hb.agency || '|' || hb.channel as held_source, b.agency || '|' || b.channel as incoming_source
        from clean_rows c
        join batches b on b.id = c.batch_id
        join golden_records g on g.id = c.golden_id
        left join record_sources s on s.golden_id = g.id and s.role = 'chosen'
        left join batches hb on hb.id = s.batch_id
       where c.batch_id = :batchId and c.class = 'conflict'
    ), judged as (
      -- Survivorship's suggestion: the authoritative side when only one side is, else the most recent.
      select *, case when incoming_source = any(cast(:auth as text[])) and not coalesce(held_source = any(cast(:auth as text[])), false)
                     then 'authoritative_incoming'
                     when held_source = any(cast(:auth as text[])) and not (incoming_source = any(cast(:auth as text[]))) then 'authoritative_held'
                     else 'most_recent' end as because
        from conflicts
    )
    insert into steward_tasks (kind, batch_id, row_no, golden_id, detail)
    select 'conflict', x.batch_id, x.row_no, x.golden_id, jsonb_build_object(
             'rule', 'material_differs',
             'differs', coalesce((select jsonb_agg(k order by k) from unnest(cast(:material as text[])) k
                                   where x.held->>k is distinct from x.incoming->>k), '[]')
                        || case when x.held_subject is distinct from x.incoming_subject then '["$subject"]'::jsonb else '[]'::jsonb end,
             'held', jsonb_build_object('values', (select jsonb_object_agg(k, x.held->k) from unnest(cast(:material as text[])) k
                                                    where x.held->>k is distinct from x.incoming->>k),
                                        'version', x.held_version, 'subjectUscc', x.held_subject, 'batchId', x.held_batch, 'rowNo', x.held_row,
                                        'source', x.held_source),
             'incoming', jsonb_build_object('values', (select jsonb_object_agg(k, x.incoming->k) from unnest(cast(:material as text[])) k
                                                        where x.held->>k is distinct from x.incoming->>k),
                                            'subjectUscc', x.incoming_subject, 'batchId', x.batch_id, 'rowNo', x.row_no, 'source', x.incoming_source),
             'suggested', case x.because when 'authoritative_held' then 'take_held' else 'take_incoming' end,
             'suggestedBecause', x.because)
      from judged x
    on conflict do nothing`, { batchId, material, auth: authoritative });
}

export interface SettledTask { id: number; row_no: number; golden_id: number; action: string; cites: number }

/**
 * The batch's open conflicts whose row offers content an earlier decision on the same record
 * overruled: decided now by that decision (the newest such), cited. Returns the items settled.
 */
export async function settleByEarlierDecisions(trx: Conn, batchId: string): Promise<SettledTask[]> {
  const settled = await trx.raw<{ rows: SettledTask[] }>(`
    with earlier as (
      select distinct on (t.id) t.id, t.row_no, t.golden_id, e.id as cites, e.decision->'decision'->>'action' as action
        from steward_tasks t
        join clean_rows c on c.batch_id = t.batch_id and c.row_no = t.row_no
        join steward_tasks e on e.golden_id = t.golden_id and e.kind = 'conflict' and e.status = 'decided' and e.id <> t.id
                            and e.decision->'overruled' @> to_jsonb(c.content_hash)
       where t.batch_id = :batchId and t.kind = 'conflict' and t.status = 'open'
       order by t.id, e.id desc
    )
    update steward_tasks t
       set status = 'decided', decided_at = now(), decided_by = 'earlier_decision',
           decision = jsonb_build_object('cites', x.cites, 'decision', jsonb_build_object('action', x.action))
      from earlier x where t.id = x.id
    returning t.id, t.row_no, t.golden_id, x.action, x.cites`, { batchId });
  return settled.rows;
}

/** Earlier decisions on the records the batch's open conflicts are about: reopened, and each new item names those it reopens. */
export async function reopenEarlierDecisions(trx: Conn, batchId: string): Promise<void> {
  await trx.raw(`
    with reopened as (
      update steward_tasks e set status = 'reopened'
        from steward_tasks t
       where t.batch_id = :batchId and t.kind = 'conflict' and t.status = 'open'
         and e.golden_id = t.golden_id and e.kind = 'conflict' and e.status = 'decided' and e.id <> t.id
      returning e.id, t.id as by
    )
    update steward_tasks t set detail = t.detail || jsonb_build_object('reopens', (select jsonb_agg(r.id order by r.id) from reopened r where r.by = t.id))
     where t.id in (select by from reopened)`, { batchId });
}

/** The batch's open conflicts survivorship settles for the authoritative incoming row, marked applied (once); returns them. */
export async function markSurvivorshipApplied(trx: Conn, batchId: string): Promise<Array<{ id: number; row_no: number; golden_id: number }>> {
  const { rows } = await trx.raw<{ rows: Array<{ id: number; row_no: number; golden_id: number }> }>(`
    update steward_tasks t set detail = t.detail || '{"applied": "take_incoming"}'
     where t.batch_id = :batchId and t.kind = 'conflict' and t.status = 'open' and t.detail->>'suggestedBecause' = 'authoritative_incoming'
       and t.detail->>'applied' is null
    returning t.id, t.row_no, t.golden_id`, { batchId });
  return rows;
}

/** A held record that may be a new record's near-duplicate, with both records' fields. */
export interface NearDuplicateCandidate {
  rowNo: number; goldenId: number; naturalKey: string; fields: Record<string, string>;
  candidateId: number; candidateKey: string; candidateFields: Record<string, string>; score: number;
}

/**
 * For each record the batch created (class new), the active records of the same dataset and subject
 * (and decision date, when `plain` has it) whose `plain` fields are equal and whose natural key is
 * one typo away (migration 20261205000000), most similar first (the score is the keys' trigram similarity). A subject is its USCC, or for a
 * record without one the ID number in `personId`, when the dataset has one (the index
 * golden_records_person_idx covers subject_id_no). Not a record this batch also carries: a file that
 * lists two document numbers lists two decisions (an inspector's consecutive numbers for one shop on
 * one day are one character apart), and the pair would otherwise come from both sides.
 */
export async function nearDuplicateCandidates(trx: Conn, batchId: string, plain: string[], personId: string | null): Promise<NearDuplicateCandidate[]> {
  const { rows } = await trx.raw<{ rows: NearDuplicateCandidate[] }>(candidatesSql(plain, personId), candidateBindings(batchId, plain));
  return rows.map((r) => ({ ...r, goldenId: Number(r.goldenId), candidateId: Number(r.candidateId) }));
}

/** The candidates' plan (JSON), for the test that holds it to probes of the store. */
export async function explainNearDuplicateCandidates(trx: Conn, batchId: string, plain: string[], personId: string | null): Promise<unknown> {
  return jsonPlan(trx, candidatesSql(plain, personId), candidateBindings(batchId, plain));
}

/** The decision date every dated disclosure names, the third key of the subject and person indexes
 * (migration 20261206010000): a new record meets only its subject's records of that day. */
const BLOCK_DAY = 'decision_date';

const candidateBindings = (batchId: string, plain: string[]) => ({ batchId, ...Object.fromEntries(plain.map((f, i) => [`p${i}`, f])) });

function candidatesSql(plain: string[], personId: string | null): string {
  // The values compared as plain conditions, one per field: a subquery over an unnest per pair of
  // records cost more than half the statement (a batch's new records meet many same-subject records).
  const sameValues = plain.length ? plain.map((_, i) => `(g.fields->>:p${i} is not distinct from o.fields->>:p${i})`).join(' and ') : 'true';
  // Each new row's record, its subject's other records and the batch's sources of a candidate are
  // probes (`offset 0`, store-probes.ts): joined plainly, the planner hashed every record of the store, and every
  // source row, for each batch.
  const pairs = (block: string, subject: string): string => `
    select c.row_no as "rowNo", g.id as "goldenId", g.natural_key as "naturalKey", g.fields,
           o.id as "candidateId", o.natural_key as "candidateKey", o.fields as "candidateFields",
           round(cast(similarity(g.natural_key, o.natural_key) as numeric), 3)::float8 as score
      from clean_rows c
      cross join lateral ${recordById('c.golden_id', 'r.id, r.dataset, r.natural_key, r.subject_uscc, r.fields')} g
      cross join lateral (select o.id, o.natural_key, o.fields from golden_records o
                           where o.dataset = g.dataset and ${block} and o.id <> g.id and o.status = 'active' offset 0) o
     where c.batch_id = :batchId and c.class = 'new' and ${subject}
       -- The values first (the same day and penalty types rule out most same-subject pairs), then
       -- the keys (a function call a pair), then this batch's sources (a probe): a CASE keeps the
       -- order the planner would change.
       and case when ${sameValues} then cdf_one_typo_apart(g.natural_key, o.natural_key)
                 and not exists (select 1 from record_sources s where s.golden_id = o.id and s.batch_id = c.batch_id offset 0)
                else false end`;
  const person = personId ? `fields->>'${splicedField(personId)}'` : null; // a literal, as the index has it
  // The day is compared anyway (one of the plain values): in the block it is one of the indexes' keys.
  const day = plain.includes(BLOCK_DAY) ? ` and o.fields->>'${BLOCK_DAY}' = g.fields->>'${BLOCK_DAY}'` : '';
  return `
    ${pairs(`o.subject_uscc = g.subject_uscc${day}`, 'g.subject_uscc is not null')}
    ${person ? `union all ${pairs(`o.subject_uscc is null and o.${person} = g.${person}${day}`, `g.subject_uscc is null and g.${person} is not null`)}` : ''}
     order by "rowNo", score desc, "candidateId"`;
}

/** The suspected duplicates (one a row: an item the row has already is kept); how many were raised. */
export async function insertSuspectedDuplicates(trx: Conn, batchId: string, items: NearDuplicateCandidate[]): Promise<number> {
  if (items.length === 0) return 0;
  const r = await trx.raw<{ rowCount: number }>(`
    insert into steward_tasks (kind, batch_id, row_no, golden_id, detail)
    select 'suspected_duplicate', :batchId, i."rowNo", i."goldenId", jsonb_build_object(
             'rule', 'near_duplicate_key', 'score', i.score, 'suggested', 'merge',
             'record', jsonb_build_object('goldenId', i."goldenId", 'naturalKey', i."naturalKey"),
             'candidate', jsonb_build_object('goldenId', i."candidateId", 'naturalKey', i."candidateKey"))
      from jsonb_to_recordset(:items::jsonb) as i("rowNo" int, "goldenId" bigint, "naturalKey" text, "candidateId" bigint, "candidateKey" text, score numeric)
    on conflict do nothing`, {
    batchId,
    items: JSON.stringify(items.map(({ rowNo, goldenId, naturalKey, candidateId, candidateKey, score }) =>
      ({ rowNo, goldenId, naturalKey, candidateId, candidateKey, score }))),
  });
  return r.rowCount;
}

/** A queue item as stored (every column), for the decision that changes it. */
export interface StewardTaskRow {
  id: number; kind: string; batch_id: string; row_no: number; status: string; golden_id: number | null; decision: unknown;
  detail: Record<string, unknown>; reopens: number; note: string | null; decided_by: string | null; decided_at: Date | null;
}

/** The item, locked for the decision's transaction; undefined when there is none. */
export async function lockTask<T = StewardTaskRow>(trx: Conn, id: number): Promise<T | undefined> {
  return (await trx('steward_tasks').where({ id }).forUpdate().first()) as T | undefined;
}

/** The item's state an undo needs, locked. */
export async function lockTaskForReopen(
  trx: Conn, id: number,
): Promise<{ id: number; kind: string; batch_id: string; status: string; reopens: number } | undefined> {
  return (await trx('steward_tasks').where({ id }).forUpdate().first('id', 'kind', 'batch_id', 'status', 'reopens')) as
    { id: number; kind: string; batch_id: string; status: string; reopens: number } | undefined;
}

/** How many items of the batch are open: its workflow waits while there are any. */
// A dispute over a measure's subject (case_dispute) is raised long after its batch and is decided
// outside the batch's run (services/cases): the batch neither waits for it nor escalates it.
export async function openTaskCount(db: Conn, batchId: string): Promise<number> {
  return Number(((await db('steward_tasks').where({ batch_id: batchId, status: 'open' }).whereNot({ kind: 'case_dispute' })
    .count({ n: '*' })) as Array<{ n: number }>)[0]!.n);
}

/** The item decided: who, the note, and the decision (JSON) with its outcome and what it overruled. */
export async function markTaskDecided(trx: Conn, id: number, d: { decidedBy: string; note: string | null; decision: string }): Promise<void> {
  await trx('steward_tasks').where({ id }).update({
    status: 'decided', decided_at: trx.fn.now(), decided_by: d.decidedBy, note: d.note,
    decision: d.decision,
  });
}

/** The queue's region filter follows the subject a link decision chose. */
export async function setTaskSubjectRegion(trx: Conn, id: number, region: string): Promise<void> {
  await trx('steward_tasks').where({ id }).update({ subject_region: region });
}

/** The batch's open items not yet escalated, marked now; returns how many. */
export async function escalateOpenTasks(db: Knex, batchId: string): Promise<number> {
  return db('steward_tasks').where({ batch_id: batchId, status: 'open' }).whereNot({ kind: 'case_dispute' }).whereNull('escalated_at')
    .update({ escalated_at: db.fn.now() });
}

/** How many times the item was reopened (undefined: no such item). */
export async function taskReopens(db: Conn, id: number): Promise<{ reopens: number } | undefined> {
  return (await db('steward_tasks').where({ id }).first('reopens')) as { reopens: number } | undefined;
}

/** What the newest undo of the item answered: a retried undo finds its own outcome. */
export async function lastUndoOutcome<T>(trx: Conn, taskId: number): Promise<{ undo_outcome: T } | undefined> {
  return (await trx('steward_decisions').where({ task_id: taskId }).whereNotNull('undone_at').orderBy('id', 'desc').first('undo_outcome')) as
    { undo_outcome: T } | undefined;
}

export interface ListedTask {
  id: number; kind: string; status: string; escalated_at: Date | null; batch_id: string; row_no: number; agency: string; dataset: string;
  detail: Record<string, unknown>; created_at: Date; subject_name: string | null; fields: Record<string, string> | null;
}

/**
 * Items with this status (and kind), escalated first then oldest, with their batch's agency and
 * dataset and the row's fields; `restrict` narrows it to the caller's scope (it may use `t`, `b`, `c`).
 */
export async function listTasks(
  db: Knex, opts: { status: string; kind?: string; limit: number }, restrict: (q: Knex.QueryBuilder) => void,
): Promise<ListedTask[]> {
  const q = db('steward_tasks as t')
    .join('batches as b', 'b.id', 't.batch_id')
    .leftJoin('clean_rows as c', function () {
      this.on('c.batch_id', 't.batch_id').andOn('c.row_no', 't.row_no');
    })
    .where('t.status', opts.status)
    .orderByRaw('t.escalated_at is null, t.id')
    .limit(opts.limit)
    .select(
      't.id',
      't.kind',
      't.status',
      't.escalated_at',
      't.batch_id',
      't.row_no',
      'b.agency',
      'b.dataset',
      't.detail',
      't.created_at',
      db.raw(`c.fields->>'subject_name' as subject_name`),
      'c.fields',
    );
  if (opts.kind) void q.where('t.kind', opts.kind);
  restrict(q);
  return (await q) as ListedTask[];
}

/**
 * Narrows listTasks to a district's or street's items: those its agencies raised (by the batch's
 * agency) and, for a district, those about subjects registered in it (a USCC's characters 3–8).
 */
export function whereTaskInScope(q: Knex.QueryBuilder, scope: { agencies: string[]; district?: string }): void {
  void q.where(function () {
    void this.whereIn('b.agency', scope.agencies.length ? scope.agencies : ['']);
    if (scope.district) void this.orWhereRaw('substr(c.subject_uscc, 3, 6) = ?', [scope.district]);
  });
}
