// The steward queue as people work it (issue 14): a page at a time with the total and the counts
// the filter badges show, filtered by kind, dataset, agency, region, age, escalation and status,
// sorted by age, creation, dataset or score; and one item side by side (every field on each side
// with its source, what differs, the rule and the suggestion in plain words, earlier decisions).
// Scope: a district's stewards and auditors see only items about subjects registered in the
// district or raised by its agencies (services/scope.ts); any other item answers as unknown.
import { datasetDefinition } from '../../catalog/dataset-definition.ts';
import { activeCatalog } from '../../db/catalog.ts';
import type { Db } from '../../db/connect.ts';
import { COUNT_CAP, DEFAULT_DESC, decisionsAbout, queueCounts, queuePage, recordAt, sourceRow, taskInScope } from '../../db/steward-queue.ts';
import type { QueueFilter, QueueRow, QueueScope, QueueSort, SourceRow, TaskRow } from '../../db/steward-queue.ts';
import type { Bilingual } from '../../domain/errors.ts';
import { notFoundError } from '../../domain/errors.ts';
import { isNaturalPerson, maskDeep, maskValue } from '../../domain/publication/personal.ts';
import { ACTION_NAMES, ACTIONS_BY_KIND, ruleText, suggestedSide, suggestionText, TASK_KINDS, TASK_REASONS } from '../../domain/steward/explain.ts';
import { SUBJECT_FIELD } from '../../domain/steward/fields.ts';
import { Role, requireRole } from '../identity.ts';
import type { Identity } from '../identity.ts';
import { auditUnmask, unmaskedFor } from '../masking.ts';
import { scopeOf } from '../scope.ts';

export const TASK_STATUSES: Record<string, Bilingual> = {
  open: { zh: '待处理', en: 'open' },
  decided: { zh: '已处理', en: 'decided' },
  reopened: { zh: '因来源变化重新打开', en: 'reopened by a changed source' },
};

export async function queueScope(db: Db, who: Identity): Promise<QueueScope> {
  const s = await scopeOf(db, who);
  if (s.all) return { all: true };
  return { all: false, agencies: s.agencies, ...(s.golden.level === 'district' ? { district: s.golden.district } : {}) };
}

export const unknownTask = (id: number) =>
  notFoundError('CDF_TASK_UNKNOWN', { zh: `待处理事项 ${id} 不存在`, en: `queue item ${id} does not exist` }, { value: String(id) });

const READERS = [Role.steward, Role.admin, Role.auditor];

export interface QueueItem {
  id: number; kind: string; status: string; batchId: string; rowNo: number; agency: string; dataset: string; subjectName: string | null;
  subjectRegion: string | null; detail: Record<string, unknown>; createdAt: Date; escalatedAt: Date | null; decidedAt: Date | null;
  decidedBy: string | null; score: number | null; differs: string[]; kindName: Bilingual; reasonName: Bilingual; agencyName: Bilingual | null;
}

export interface QueuePage {
  total: number; totalIsEstimate: boolean; tasks: QueueItem[];
  counts: { byKind: Record<string, number>; byStatus: Record<string, number>; capped: number };
}

const reasonOf = (detail: Record<string, unknown>): Bilingual => {
  const code = String(detail['reason'] ?? detail['rule'] ?? '');
  return TASK_REASONS[code] ?? { zh: code, en: code };
};

async function agencyNames(db: Db): Promise<Map<string, Bilingual>> {
  return new Map((await activeCatalog(db)).content.agencies.map((a) => [a.code, a.name]));
}

function masker(who: Identity, dataset: string, fields: Record<string, string> | null) {
  const why = unmaskedFor(who);
  const def = datasetDefinition(dataset);
  const person = isNaturalPerson(def, fields ?? {});
  return {
    why,
    value: (field: string | null, v: string | null | undefined): string | null =>
      (v === null || v === undefined ? null : why ? v : maskValue(def, field, v, person)),
    deep: <T>(x: T): T => (why ? x : (maskDeep(def, x, person) as T)),
  };
}

export async function listQueue(
  db: Db, who: Identity, f: QueueFilter, sort: QueueSort, order: 'asc' | 'desc' | undefined, page: { limit: number; offset: number },
): Promise<QueuePage> {
  requireRole(who, READERS, { zh: '查看待处理队列', en: 'read the steward queue' });
  const scope = await queueScope(db, who);
  const filter = { status: 'open', ...f };
  const desc = order ? order === 'desc' : DEFAULT_DESC[sort];
  const statuses = Object.keys(TASK_STATUSES);
  const [rows, counts, names] = await Promise.all([
    queuePage(db, scope, filter, sort, desc, page),
    queueCounts(db, scope, filter, Object.keys(TASK_KINDS), statuses.includes(filter.status) ? statuses : [...statuses, filter.status]),
    agencyNames(db),
  ]);
  // The count under every filter is the badge of the status asked for.
  const counted = counts.byStatus[filter.status] ?? 0;
  const why = unmaskedFor(who);
  await auditUnmask(db, who, why, 'steward_queue', `tasks:${rows.map((r) => r.id).join(',')}`);
  return {
    total: Math.min(counted, COUNT_CAP), totalIsEstimate: counted > COUNT_CAP,
    tasks: rows.map((r) => queueItem(who, r, names)),
    counts: { ...counts, capped: COUNT_CAP },
  };
}

/** A few items of a filter without counting anything (a bulk preview's sample), masked as the queue is. */
export async function sampleOf(db: Db, who: Identity, scope: QueueScope, f: QueueFilter, limit: number): Promise<QueueItem[]> {
  const [rows, names] = await Promise.all([queuePage(db, scope, { status: 'open', ...f }, 'age', true, { limit, offset: 0 }), agencyNames(db)]);
  await auditUnmask(db, who, unmaskedFor(who), 'steward_queue', `tasks:${rows.map((r) => r.id).join(',')}`);
  return rows.map((r) => queueItem(who, r, names));
}

function queueItem(who: Identity, r: QueueRow, names: Map<string, Bilingual>): QueueItem {
  const m = masker(who, r.dataset, r.fields);
  const def = datasetDefinition(r.dataset);
  const name = r.fields?.[def.subject?.name ?? 'subject_name'] ?? null;
  return {
    id: Number(r.id), kind: r.kind, status: r.status, batchId: r.batch_id, rowNo: r.row_no, agency: r.agency, dataset: r.dataset,
    subjectName: m.value(def.subject?.name ?? 'subject_name', name), subjectRegion: r.subject_region, detail: m.deep(r.detail),
    createdAt: r.created_at, escalatedAt: r.escalated_at, decidedAt: r.decided_at, decidedBy: r.decided_by, score: r.score,
    differs: Array.isArray(r.detail['differs']) ? (r.detail['differs'] as string[]) : [],
    kindName: TASK_KINDS[r.kind] ?? { zh: r.kind, en: r.kind }, reasonName: reasonOf(r.detail), agencyName: names.get(r.agency) ?? null,
  };
}

export interface Source {
  batchId: string; rowNo: number; agency: string; agencyName: Bilingual | null; channel: string; fileName: string; receivedAt: Date;
  goldenId?: number; version?: number;
}

export interface FieldPair { name: string; label: Bilingual; a: string | null; b: string | null; differs: boolean; material: boolean }

export interface TaskView extends QueueItem {
  note: string | null;
  rule: { code: string } & Bilingual;
  suggestion: { side: 'a' | 'b' | null; action: string | null } & Bilingual | null;
  /** a: what is held (the golden record, or the existing record of a suspected duplicate); b: what arrived. */
  sides: { a: Source | null; b: Source | null };
  fields: FieldPair[];
  subject: { a: string | null; b: string | null; differs: boolean };
  candidates: unknown[];
  /** Survivorship already applied B (authoritative source): deciding otherwise reverts it. */
  applied: boolean;
  actions: Array<{ action: string } & Bilingual>;
  decision: Record<string, unknown> | null;
  /** A measure dispute (kind case_dispute): the cases it carries and what each department claims. */
  dispute?: { cases: number[]; claims: Array<Record<string, unknown>> };
  history: Array<{
    id: number; taskId: number; goldenId: number | null; action: string; actionName: Bilingual; decision: Record<string, unknown>; note: string | null;
    decidedBy: string; decidedAt: Date; undoneAt: Date | null; undoneBy: string | null; undoNote: string | null;
  }>;
}

const sourceOf = (s: SourceRow | undefined, names: Map<string, Bilingual>, record?: { goldenId: number; version: number }): Source | null =>
  s ? {
    batchId: s.batch_id, rowNo: Number(s.row_no), agency: s.agency, agencyName: names.get(s.agency) ?? null, channel: s.channel,
    fileName: s.file_name, receivedAt: s.received_at, ...(record ?? {}),
  } : null;

/** Both sides of an item as they are to be decided. */
export async function sidesOf(db: Db, t: TaskRow): Promise<{ a: Record<string, string> | null; b: Record<string, string> | null; aSrc: SourceRow | undefined;
  bSrc: SourceRow | undefined; aRecord?: { goldenId: number; version: number }; bRecord?: { goldenId: number; version: number };
  subjectA: string | null; subjectB: string | null }> {
  const d = t.detail as { applied?: string; held?: { version?: number; subjectUscc?: string | null }; candidate?: { goldenId: number } };
  if (t.kind === 'suspected_duplicate' && d.candidate) {
    const [a, b] = await Promise.all([recordAt(db, Number(d.candidate.goldenId)), t.golden_id ? recordAt(db, Number(t.golden_id)) : undefined]);
    return {
      a: a?.fields ?? null, b: b?.fields ?? t.fields, aSrc: a ? await sourceRow(db, a.batch_id, a.row_no) : undefined,
      bSrc: await sourceRow(db, b?.batch_id ?? t.batch_id, b?.row_no ?? t.row_no),
      ...(a ? { aRecord: { goldenId: Number(a.id), version: a.version } } : {}), ...(b ? { bRecord: { goldenId: Number(b.id), version: b.version } } : {}),
      subjectA: a?.subject_uscc ?? null, subjectB: b?.subject_uscc ?? t.subject_uscc,
    };
  }
  const bSrc = await sourceRow(db, t.batch_id, t.row_no);
  if (t.kind !== 'conflict' || !t.golden_id) return { a: null, b: t.fields, aSrc: undefined, bSrc, subjectA: null, subjectB: t.subject_uscc };
  // After survivorship applied B, A is the version the item was raised against.
  const held = await recordAt(db, Number(t.golden_id), d.applied && d.held?.version ? d.held.version : undefined);
  return {
    a: held?.fields ?? null, b: t.fields, aSrc: held ? await sourceRow(db, held.batch_id, held.row_no) : undefined, bSrc,
    ...(held ? { aRecord: { goldenId: Number(held.id), version: held.version } } : {}),
    subjectA: d.applied ? (d.held?.subjectUscc ?? null) : (held?.subject_uscc ?? null), subjectB: t.subject_uscc,
  };
}

/** A measure dispute's cases and claims, each with the department's and the measure's names. */
async function disputeOf(
  db: Db, detail: Record<string, unknown>, names: Map<string, Bilingual>, mask: <T>(x: T) => T,
): Promise<NonNullable<TaskView['dispute']>> {
  const measures = new Map(((await activeCatalog(db)).content.measures ?? []).map((x) => [x.code, x.name]));
  const claims = ((detail['claims'] ?? []) as Array<Record<string, unknown>>).map((c) => ({
    ...c, departmentName: names.get(String(c['department'])) ?? null, measureName: measures.get(String(c['measure'])) ?? null,
  }));
  return { cases: ((detail['cases'] ?? []) as unknown[]).map(Number), claims: mask(claims) };
}

export async function taskView(db: Db, who: Identity, id: number): Promise<TaskView> {
  requireRole(who, READERS, { zh: '查看待处理事项', en: 'read a queue item' });
  const t = await taskInScope(db, id, await queueScope(db, who));
  if (!t) throw unknownTask(id);
  const names = await agencyNames(db);
  const def = datasetDefinition(t.dataset);
  const s = await sidesOf(db, t);
  const m = masker(who, t.dataset, s.b ?? s.a ?? t.fields);
  await auditUnmask(db, who, m.why, 'steward_queue', `task:${id}`);
  const material = new Set(def.material);
  const fields: FieldPair[] = def.fields
    .filter((f) => (s.a?.[f.name] ?? '') !== '' || (s.b?.[f.name] ?? '') !== '')
    .map((f) => {
      const a = s.a ? (s.a[f.name] ?? '') : null;
      const b = s.b ? (s.b[f.name] ?? '') : null;
      return { name: f.name, label: { zh: f.zh, en: f.en }, a: m.value(f.name, a), b: m.value(f.name, b), differs: s.a !== null && s.b !== null && a !== b,
        material: material.has(f.name) };
    });
  const detail = t.detail;
  const code = String(detail['rule'] ?? detail['reason'] ?? '');
  const side = suggestedSide(detail);
  const suggestion = suggestionText(t.kind, detail);
  const golden = [t.golden_id, (detail['candidate'] as { goldenId?: number } | undefined)?.goldenId].filter((x) => x !== null && x !== undefined).map(Number);
  const history = await decisionsAbout(db, golden, t.subject_uscc);
  const item = queueItem(who, t, names);
  return {
    ...item,
    note: t.note,
    rule: { code, ...ruleText(code) },
    suggestion: suggestion ? { side, action: typeof detail['suggested'] === 'string' ? detail['suggested'] : null, ...suggestion } : null,
    sides: { a: sourceOf(s.aSrc, names, s.aRecord), b: sourceOf(s.bSrc, names, s.bRecord) },
    fields,
    subject: { a: s.subjectA, b: s.subjectB, differs: s.a !== null && s.subjectA !== s.subjectB },
    candidates: m.deep(Array.isArray(detail['candidates']) ? (detail['candidates'] as unknown[]) : []),
    applied: detail['applied'] === 'take_incoming',
    actions: (ACTIONS_BY_KIND[t.kind] ?? []).map((a) => ({ action: a, ...(ACTION_NAMES[a] ?? { zh: a, en: a }) })),
    decision: t.decision ? m.deep(t.decision) : null,
    ...(t.kind === 'case_dispute' ? { dispute: await disputeOf(db, detail, names, m.deep) } : {}),
    history: history.map((h) => ({
      id: Number(h.id), taskId: Number(h.task_id), goldenId: h.golden_id === null ? null : Number(h.golden_id), action: h.action,
      actionName: ACTION_NAMES[h.action] ?? { zh: h.action, en: h.action }, decision: m.deep(h.decision), note: h.note, decidedBy: h.decided_by,
      decidedAt: h.decided_at, undoneAt: h.undone_at, undoneBy: h.undone_by, undoNote: h.undo_note,
    })),
  };
}

/** The fields that differ on a conflict, as a decision must choose them ('$subject' when the subject differs). */
export function differingOf(view: Pick<TaskView, 'fields' | 'subject'>): string[] {
  return [...view.fields.filter((f) => f.differs).map((f) => f.name), ...(view.subject.differs ? [SUBJECT_FIELD] : [])];
}
