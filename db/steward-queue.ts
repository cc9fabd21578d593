// The steward queue's reads (issue 14): one page of items filtered and sorted on the columns the
// migration keeps on each item (20261130110000_steward_queue.ts: dataset, agency, subject_region,
// pattern, score, each indexed after status), capped counts for the filter badges, one item with
// its batch, and the decisions taken earlier on the same records or subject.
import type { Knex } from 'knex';
import type { Db } from './connect.ts';

/** Who may see which items, as the scope rule (services/scope.ts) puts it in columns. */
export type QueueScope = { all: true } | { all: false; agencies: string[]; district?: string };

export interface QueueFilter {
  status?: string;
  kind?: string;
  dataset?: string;
  agency?: string;
  /** Subjects registered in this region: a 6-digit district code, or a shorter prefix (12 = the city). */
  regionPrefix?: string;
  olderThanDays?: number;
  escalated?: boolean;
  pattern?: string;
}

export const QUEUE_SORTS = ['age', 'created', 'dataset', 'score'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

/** Counts stop here: past it the badge says "10,000+" rather than counting a million rows. */
export const COUNT_CAP = 10_000;

/**
 * The scope as separate branches, each a plain index range: a district's stewards see the items
 * its agencies raised OR those about subjects registered in it, and an OR defeats the ordered
 * index scans a page needs, so each side is read on its own (ordered, limited) and the two merged.
 */
function branches(db: Db, scope: QueueScope): Knex.QueryBuilder[] {
  if (scope.all) return [db('steward_tasks as t')];
  const out = scope.agencies.length ? [db('steward_tasks as t').whereIn('t.agency', scope.agencies)] : [];
  if (scope.district) out.push(db('steward_tasks as t').where('t.subject_region', scope.district));
  return out.length ? out : [db('steward_tasks as t').whereRaw('false')];
}

/** `((a) union (b)) as alias`: distinct rows, as an item in both branches is one item. */
const unionOf = (db: Db, parts: Knex.QueryBuilder[], alias: string): Knex.Raw =>
  db.raw(`(${parts.map(() => '(?)').join(' union ')}) as ${alias}`, parts);

export function applyScope(q: Knex.QueryBuilder, scope: QueueScope): Knex.QueryBuilder {
  if (scope.all) return q;
  return q.where(function () {
    void this.whereIn('t.agency', scope.agencies.length ? scope.agencies : ['']);
    if (scope.district) void this.orWhere('t.subject_region', scope.district);
  });
}

function applyFilter(q: Knex.QueryBuilder, f: QueueFilter, skip: 'kind' | 'status' | null = null): Knex.QueryBuilder {
  if (skip !== 'status' && f.status) void q.where('t.status', f.status);
  if (skip !== 'kind' && f.kind) void q.where('t.kind', f.kind);
  if (f.dataset) void q.where('t.dataset', f.dataset);
  if (f.agency) void q.where('t.agency', f.agency);
  if (f.regionPrefix) {
    if (f.regionPrefix.length >= 6) void q.where('t.subject_region', f.regionPrefix.slice(0, 6));
    else void q.where('t.subject_region', 'like', `${f.regionPrefix}%`);
  }
  if (f.olderThanDays !== undefined) void q.whereRaw(`t.created_at < now() - make_interval(days => ?)`, [f.olderThanDays]);
  if (f.escalated !== undefined) void (f.escalated ? q.whereNotNull('t.escalated_at') : q.whereNull('t.escalated_at'));
  if (f.pattern) void q.where('t.pattern', f.pattern);
  return q;
}

const ORDER: Record<QueueSort, (desc: boolean, a?: string) => string> = {
  // Ids grow with creation time, so age and creation order are the id order, which every index ends with.
  age: (d, a = 't') => (d ? `${a}.id` : `${a}.id desc`),
  created: (d, a = 't') => (d ? `${a}.id desc` : `${a}.id`),
  dataset: (d, a = 't') => (d ? `${a}.dataset desc, ${a}.id desc` : `${a}.dataset, ${a}.id`),
  // As the index (status, score desc nulls last, id) reads forwards or backwards.
  score: (d, a = 't') => (d ? `${a}.score desc nulls last, ${a}.id` : `${a}.score asc nulls first, ${a}.id desc`),
};

/** The order a sort takes when none is given: the oldest, the newest, A to Z, the highest score first. */
export const DEFAULT_DESC: Record<QueueSort, boolean> = { age: true, created: true, dataset: false, score: true };

export interface QueueRow {
  id: number; kind: string; status: string; batch_id: string; row_no: number; agency: string; dataset: string; detail: Record<string, unknown>;
  created_at: Date; escalated_at: Date | null; decided_at: Date | null; decided_by: string | null; subject_region: string | null;
  score: number | null; pattern: string | null; reopens: number; fields: Record<string, string> | null;
}

/** One page of the queue, with the clean row each item is about (for its subject's name). */
export async function queuePage(
  db: Db, scope: QueueScope, f: QueueFilter, sort: QueueSort, desc: boolean, page: { limit: number; offset: number },
): Promise<QueueRow[]> {
  const parts = branches(db, scope).map((q) => applyFilter(q, f).orderByRaw(ORDER[sort](desc)).limit(page.limit + page.offset)
    .select('t.id', 't.dataset', 't.score'));
  const ids = parts.length === 1
    ? applyFilter(branches(db, scope)[0]!, f).orderByRaw(ORDER[sort](desc)).limit(page.limit).offset(page.offset).select('t.id')
    : db.from(unionOf(db, parts, 'u')).orderByRaw(ORDER[sort](desc, 'u')).limit(page.limit).offset(page.offset).select('u.id');
  return (await db('steward_tasks as t')
    .join(ids.as('p'), 'p.id', 't.id')
    .leftJoin('clean_rows as c', function () { this.on('c.batch_id', 't.batch_id').andOn('c.row_no', 't.row_no'); })
    .orderByRaw(ORDER[sort](desc))
    .select('t.id', 't.kind', 't.status', 't.batch_id', 't.row_no', 't.agency', 't.dataset', 't.detail', 't.created_at', 't.escalated_at',
      't.decided_at', 't.decided_by', 't.subject_region', 't.score', 't.pattern', 't.reopens', 'c.fields')) as QueueRow[];
}

/** How many items match, counted up to COUNT_CAP + 1 (more means "at least COUNT_CAP"). */
export async function queueCount(db: Db, scope: QueueScope, f: QueueFilter): Promise<number> {
  // Each branch capped, then their union: above the cap when either is, exact when neither is.
  const parts = branches(db, scope).map((q) => applyFilter(q, f).limit(COUNT_CAP + 1).select('t.id'));
  const from = parts.length === 1 ? parts[0]!.as('x') : unionOf(db, parts, 'x');
  const [row] = (await db.from(from).count({ n: '*' })) as Array<{ n: string | number }>;
  return Number(row!.n);
}

/** Counts for the badges: per kind (under every other filter) and per status (likewise), each capped. */
export async function queueCounts(
  db: Db, scope: QueueScope, f: QueueFilter, kinds: readonly string[], statuses: readonly string[],
): Promise<{ byKind: Record<string, number>; byStatus: Record<string, number> }> {
  // Side by side: each is a short index scan, and the page waits for the slowest, not the sum.
  const [k, s] = await Promise.all([
    Promise.all(kinds.map((kind) => queueCount(db, scope, { ...f, kind }))),
    Promise.all(statuses.map((status) => queueCount(db, scope, { ...f, status }))),
  ]);
  return { byKind: Object.fromEntries(kinds.map((x, i) => [x, k[i]!])), byStatus: Object.fromEntries(statuses.map((x, i) => [x, s[i]!])) };
}

export interface TaskRow extends QueueRow {
  golden_id: number | null; note: string | null; decision: Record<string, unknown> | null; subject_uscc: string | null;
  channel: string; file_name: string; received_at: Date; catalog_version: number;
}

/** One item in scope, with its batch and row; undefined when it is not there or not in scope. */
export async function taskInScope(db: Db | Knex.Transaction, id: number, scope: QueueScope): Promise<TaskRow | undefined> {
  return (await applyScope(db('steward_tasks as t'), scope)
    .join('batches as b', 'b.id', 't.batch_id')
    .leftJoin('clean_rows as c', function () { this.on('c.batch_id', 't.batch_id').andOn('c.row_no', 't.row_no'); })
    .where('t.id', id)
    .first('t.id', 't.kind', 't.status', 't.batch_id', 't.row_no', 't.agency', 't.dataset', 't.detail', 't.created_at', 't.escalated_at',
      't.decided_at', 't.decided_by', 't.subject_region', 't.score', 't.pattern', 't.reopens', 't.golden_id', 't.note', 't.decision',
      'c.fields', 'c.subject_uscc', 'b.channel', 'b.file_name', 'b.created_at as received_at', 'b.catalog_version')) as TaskRow | undefined;
}

export interface SourceRow {
  batch_id: string; row_no: number; agency: string; channel: string; file_name: string; received_at: Date; fields: Record<string, string> | null;
}

/** A source row with its batch: where a value came from. */
export async function sourceRow(db: Db, batchId: string, rowNo: number): Promise<SourceRow | undefined> {
  return (await db('batches as b')
    .leftJoin('clean_rows as c', function () { this.on('c.batch_id', 'b.id').andOn('c.row_no', db.raw('?', [rowNo])); })
    .where('b.id', batchId)
    .first('b.id as batch_id', db.raw('? as row_no', [rowNo]), 'b.agency', 'b.channel', 'b.file_name', 'b.created_at as received_at', 'c.fields')) as
    SourceRow | undefined;
}

export interface RecordRow {
  id: number; dataset: string; status: string; version: number; fields: Record<string, string>; subject_uscc: string | null;
  batch_id: string; row_no: number;
}

/** A golden record as it stands, or as it stood at `version`, with the source row of that version. */
export async function recordAt(db: Db, id: number, version?: number): Promise<RecordRow | undefined> {
  return (await db('golden_records as g')
    .join('golden_version_values as v', function () {
      this.on('v.golden_id', 'g.id');
      if (version !== undefined) this.andOn('v.version', db.raw('?', [version]));
      else this.andOn('v.version', 'g.version');
    })
    .where('g.id', id)
    .first('g.id', 'g.dataset', 'g.status', 'v.version', 'v.fields', 'g.subject_uscc', 'v.batch_id', 'v.row_no')) as RecordRow | undefined;
}

export interface HistoryRow {
  id: number; task_id: number; golden_id: number | null; action: string; decision: Record<string, unknown>; note: string | null;
  decided_by: string; decided_at: Date; undone_at: Date | null; undone_by: string | null; undo_note: string | null;
}

/** Decisions on these records or this subject, newest first (the item's own included). */
export async function decisionsAbout(db: Db, goldenIds: number[], subject: string | null, limit = 20): Promise<HistoryRow[]> {
  return (await db('steward_decisions')
    .where(function () {
      void this.whereIn('golden_id', goldenIds.length ? goldenIds : [0]);
      if (subject) void this.orWhere('subject_uscc', subject);
    })
    .orderBy('id', 'desc').limit(limit)
    .select('id', 'task_id', 'golden_id', 'action', 'decision', 'note', 'decided_by', 'decided_at', 'undone_at', 'undone_by', 'undo_note')) as HistoryRow[];
}

/** Open items with this pattern in scope, oldest first, up to `cap` ids (the bulk preview). */
export async function openWithPattern(db: Db, scope: QueueScope, pattern: string, cap: number): Promise<Array<{ id: number; batch_id: string }>> {
  return (await applyScope(db('steward_tasks as t'), scope).where({ 't.status': 'open', 't.pattern': pattern })
    .orderBy('t.id').limit(cap).select('t.id', 't.batch_id')) as Array<{ id: number; batch_id: string }>;
}
