// Joint measures' cases for the API and the CLI (联合奖惩反馈): the lists a department and an
// operator read, one case, a department's feedback, feedback rows a pull brings, the figures, and
// a steward's decision on a dispute. A department sees and answers its own cases only; another's
// case is, for it, not there (scope.ts); stewards and operators read them but never answer for a
// department. Feedback goes to the case's workflow as an update (the workflow writes the case's
// end); a case whose workflow has ended or never started is answered directly, in the same way.
import { WorkflowNotFoundError } from '@temporalio/client';
import { activeCatalog } from '../../db/catalog.ts';
import { applyFeedback, resolveDisputeTask, unknownCase } from '../../db/cases.ts';
import { caseById, caseFigures, casePage } from '../../db/queries/cases.ts';
import type { CaseFilter, CaseRow } from '../../db/queries/cases.ts';
import { CASE_STATUSES, caseWorkflowId, checkFeedback } from '../../domain/cases.ts';
import type { CaseAnswer, CaseFeedback, CaseOutcome, CaseStatus, DisputeDecision, FeedbackDetail } from '../../domain/cases.ts';
import { CdfError, usageError } from '../../domain/errors.ts';
import type { Bilingual } from '../../domain/errors.ts';
import type { DecisionOutcome, StewardDecision } from '../../domain/steward/decision.ts';
import { caseFeedbackUpdate } from '../../workflows/contract.ts';
import type { ServiceContext } from '../context.ts';
import { Role, requireRole } from '../identity.ts';
import type { Identity } from '../identity.ts';
import { scopeOf } from '../scope.ts';
import { fromTemporal } from '../temporal-errors.ts';

export interface CaseView {
  id: number; department: string; departmentName: Bilingual | null; measure: string; measureName: Bilingual | null; action: string | null;
  dataset: string; goldenId: number; version: number; subjectUscc: string | null; subscription: string; deliveryKey: string;
  deliveryId: number | null; batchId: string | null; openedAt: Date; dueAt: Date; status: CaseStatus; overdue: boolean;
  outcome: CaseOutcome | null; detail: FeedbackDetail | null; feedbackBy: string | null; feedbackAt: Date | null; disputeTaskId: number | null;
  resolution: Record<string, unknown> | null; resolvedBy: string | null; resolvedAt: Date | null; workflowId: string;
}

interface Names { agencies: Map<string, Bilingual>; measures: Map<string, { name: Bilingual; action: string }> }

async function names(ctx: ServiceContext): Promise<Names> {
  const c = (await activeCatalog(ctx.db)).content;
  return {
    agencies: new Map(c.agencies.map((a) => [a.code, a.name])),
    measures: new Map((c.measures ?? []).map((m) => [m.code, { name: m.name, action: m.action }])),
  };
}

const viewOf = (c: CaseRow, n: Names, now: number): CaseView => ({
  id: Number(c.id), department: c.department, departmentName: n.agencies.get(c.department) ?? null, measure: c.measure,
  measureName: n.measures.get(c.measure)?.name ?? null, action: n.measures.get(c.measure)?.action ?? null, dataset: c.dataset,
  goldenId: Number(c.golden_id), version: c.version, subjectUscc: c.subject_uscc, subscription: c.subscription_id, deliveryKey: c.delivery_key,
  deliveryId: c.delivery_id === null ? null : Number(c.delivery_id), batchId: c.batch_id, openedAt: c.opened_at, dueAt: c.due_at, status: c.status,
  overdue: c.status === 'overdue' || (c.status === 'open' && c.due_at.getTime() < now), outcome: c.outcome, detail: c.detail,
  feedbackBy: c.feedback_by, feedbackAt: c.feedback_at, disputeTaskId: c.dispute_task_id === null ? null : Number(c.dispute_task_id),
  resolution: c.resolution, resolvedBy: c.resolved_by, resolvedAt: c.resolved_at, workflowId: caseWorkflowId({ id: Number(c.id), batchId: c.batch_id }),
});

const READERS = [Role.agency, Role.steward, Role.auditor, Role.admin];

/** The departments whose cases the caller sees: an agency its own; a district's steward or auditor its agencies; undefined: all. */
async function departmentsOf(ctx: ServiceContext, who: Identity): Promise<string[] | undefined> {
  requireRole(who, READERS, { zh: '查看联合奖惩案件', en: 'read measure cases' });
  if (who.role === Role.agency) return who.agency ? [who.agency] : [];
  const scope = await scopeOf(ctx.db, who);
  return scope.all ? undefined : scope.agencies;
}

export interface CaseQuery { status?: string; measure?: string; dataset?: string; department?: string; overdue?: boolean }

function filterOf(q: CaseQuery, departments: string[] | undefined): CaseFilter {
  if (q.status && !(CASE_STATUSES as readonly string[]).includes(q.status)) {
    throw usageError('CDF_STATUS_UNKNOWN', {
      zh: `案件状态应为 ${CASE_STATUSES.join('、')} 之一，实为 "${q.status}"`, en: `a case's status is one of ${CASE_STATUSES.join(', ')}, got "${q.status}"`,
    }, { value: q.status });
  }
  return {
    ...(q.status ? { status: q.status as CaseStatus } : {}), ...(q.measure ? { measure: q.measure } : {}), ...(q.dataset ? { dataset: q.dataset } : {}),
    ...(q.department ? { department: q.department } : {}), ...(q.overdue ? { overdue: true } : {}), ...(departments ? { departments } : {}),
  };
}

/** A page of the cases the caller sees, overdue first, then by deadline. */
export async function listCases(
  ctx: ServiceContext, who: Identity, q: CaseQuery & { limit: number; offset: number },
): Promise<{ total: number; cases: CaseView[] }> {
  const filter = filterOf(q, await departmentsOf(ctx, who));
  const [page, n] = await Promise.all([casePage(ctx.db, filter, { limit: q.limit, offset: q.offset }), names(ctx)]);
  const now = ctx.clock.now().getTime();
  return { total: page.total, cases: page.rows.map((c) => viewOf(c, n, now)) };
}

async function visibleCase(ctx: ServiceContext, who: Identity, id: number): Promise<CaseRow> {
  const departments = await departmentsOf(ctx, who);
  const c = await caseById(ctx.db, id);
  if (!c || (departments && !departments.includes(c.department))) throw unknownCase(id);
  return c;
}

export async function getCase(ctx: ServiceContext, who: Identity, id: number): Promise<CaseView> {
  const c = await visibleCase(ctx, who, id);
  return viewOf(c, await names(ctx), ctx.clock.now().getTime());
}

function checked(body: unknown): CaseFeedback {
  const why = checkFeedback(body);
  if (why) throw usageError('CDF_CASE_FEEDBACK_INVALID', why);
  const b = body as CaseFeedback;
  return { outcome: b.outcome, detail: b.detail ?? {} };
}

/** Through the case's workflow while it runs; directly (idempotently) when it has ended or never started. */
async function send(ctx: ServiceContext, c: CaseRow, f: CaseFeedback, by: string): Promise<CaseAnswer> {
  const handle = ctx.temporal.workflow.getHandle(caseWorkflowId({ id: Number(c.id), batchId: c.batch_id }));
  if (c.workflow_started_at) {
    try {
      return await handle.executeUpdate(caseFeedbackUpdate, { args: [{ ...f, by }] });
    } catch (e) {
      const ours = fromTemporal(e);
      if (ours) throw ours;
      if (!(e instanceof WorkflowNotFoundError) && !/complet|closed|not found/i.test(String((e as Error).message))) throw e;
    }
  }
  return applyFeedback(ctx.db, Number(c.id), { ...f, by });
}

/** A department's feedback on one of its own cases (an agency account or token; nobody answers for it). */
export async function submitFeedback(ctx: ServiceContext, who: Identity, id: number, body: unknown): Promise<CaseAnswer> {
  requireRole(who, [Role.agency], { zh: '反馈联合奖惩措施的执行情况（只有被推送的部门可以反馈）', en: 'answer a measure case (only the department it was pushed to may)' });
  const f = checked(body);
  const c = await visibleCase(ctx, who, id);
  return send(ctx, c, f, who.user);
}

export interface FeedbackRow { caseId: number; department: string; outcome: unknown; detail?: unknown; by?: string }
export type FeedbackRowResult =
  | { row: number; caseId: number; ok: true; answer: CaseAnswer }
  | { row: number; caseId: number; ok: false; code: string; message: Bilingual };

/**
 * Feedback a pull brings from a department's own system (a feedback table): each row checked and
 * recorded on its own, as the department it names (the case must be that department's), so one
 * bad row is reported with its number and reason and the others go ahead. For pull connectors.
 */
export async function recordFeedbackRows(ctx: ServiceContext, rows: FeedbackRow[]): Promise<FeedbackRowResult[]> {
  const out: FeedbackRowResult[] = [];
  for (const [i, r] of rows.entries()) {
    const row = i + 1;
    try {
      const who: Identity = { role: Role.agency, agency: r.department, user: r.by ?? `${r.department}@pull`, via: 'token' };
      out.push({ row, caseId: r.caseId, ok: true, answer: await submitFeedback(ctx, who, Number(r.caseId), { outcome: r.outcome, detail: r.detail ?? {} }) });
    } catch (e) {
      if (!(e instanceof CdfError)) throw e;
      out.push({ row, caseId: r.caseId, ok: false, code: e.code, message: { zh: `第 ${row} 行：${e.messages.zh}`, en: `row ${row}: ${e.messages.en}` } });
    }
  }
  return out;
}

export interface CaseFigure {
  department: string; departmentName: Bilingual | null; measure: string; measureName: Bilingual | null; dataset: string;
  opened: number; closed: number; overdue: number; disputed: number; open: number; late: number;
  /** closed ÷ opened, 0..1. */
  closureRate: number; medianHours: number | null; meanHours: number | null;
}

/** Per department, measure and list (one named query): what was opened, answered, overdue, and how fast. */
export async function listCaseFigures(ctx: ServiceContext, who: Identity, q: Omit<CaseQuery, 'status' | 'overdue'>): Promise<CaseFigure[]> {
  const filter = filterOf(q, await departmentsOf(ctx, who));
  const [rows, n] = await Promise.all([caseFigures(ctx.db, filter), names(ctx)]);
  const round = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);
  return rows.map((r) => ({
    department: r.department, departmentName: n.agencies.get(r.department) ?? null, measure: r.measure, measureName: n.measures.get(r.measure)?.name ?? null,
    dataset: r.dataset, opened: r.opened, closed: r.closed, overdue: r.overdue, disputed: r.disputed, open: r.open, late: r.late,
    closureRate: r.opened ? Math.round((r.closed / r.opened) * 10_000) / 10_000 : 0, medianHours: round(r.median_hours), meanHours: round(r.mean_hours),
  }));
}

/**
 * A steward's decision on a dispute item (kind case_dispute): take_held upholds the listing, link
 * names the subject the department says it is. Recorded on the item and closes every case it carries.
 */
export async function decideCaseDispute(
  ctx: ServiceContext, taskId: number, decision: StewardDecision['decision'], by: string, note?: string,
): Promise<DecisionOutcome> {
  if (decision.action !== 'take_held' && decision.action !== 'link') {
    throw usageError('CDF_DECISION_INVALID', {
      zh: '主体异议只能维持列入（take_held）或更正主体（link，给出正确的统一社会信用代码）',
      en: 'a dispute is decided by upholding the listing (take_held) or correcting the subject (link, with the right USCC)',
    }, { task: taskId });
  }
  const d: DisputeDecision & { note?: string } = decision.action === 'link' ? { action: 'link', uscc: decision.uscc } : { action: 'take_held' };
  const r = await resolveDisputeTask(ctx.db, taskId, { ...d, ...(note ? { note } : {}) }, by);
  return { taskId, action: decision.action, goldenId: r.goldenId, version: null, open: 0 };
}
