// Backward lineage of a golden record (and one field): its versions, the source rows they came from
// (batch, row number, agency, channel, file and its hash, catalogue version), the cell as received,
// the clean rules that changed it, how the subject was linked, and the steward decisions taken on
// it. As of a moment, every source row plays the role it played then (record_source_history), the
// record has the status it had then, and merges are read from both ends: a merged-away record keeps
// the rows it stood on (each says where it went) and names the record it was merged into
// (mergedInto); that record lists the merge decision and what it took in (mergedFrom).
import { datasetDefinition } from '../../catalog/dataset-definition.ts';
import type { Db } from '../../db/connect.ts';
import type { FieldSource } from '../../db/golden.ts';
import { mergesOf, sourceStatesAt, tasksOf } from '../../db/lineage-history.ts';
import { activeCatalog } from '../../db/catalog.ts';
import { casesOfRecord } from '../../db/queries/cases.ts';
import { versionsOfRecord, visibleGolden } from '../../db/queries/golden.ts';
import { cleanChangesOfRows, sourceRowDetails } from '../../db/queries/sources.ts';
import type { SourceRowDetail } from '../../db/queries/sources.ts';
import { notFoundError, usageError } from '../../domain/errors.ts';
import type { Bilingual } from '../../domain/errors.ts';
import { isNaturalPerson, maskDeep, maskNaturalKey, maskValue } from '../../domain/publication/personal.ts';
import { Role, requireRole } from '../identity.ts';
import type { Identity } from '../identity.ts';
import { auditUnmask, unmaskedFor } from '../masking.ts';
import { unknownRecord } from '../scope.ts';
import { restrictGolden, visibilityOf } from '../visibility.ts';
import type { BatchOrigin } from '../../db/batches.ts';

export const AUDIT_ROLES = [Role.auditor, Role.steward, Role.admin];

export interface SourceLineage {
  batchId: string; rowNo: number; role: string; agency: string; channel: string; fileName: string; fileSha256: string; catalogVersion: number;
  receivedAt: Date; value?: string | null; received?: string | null;
  /** A pulled row: the system, query and cursor range it was read with (its row number is its place in the pull). */
  origin?: BatchOrigin;
  /** The row has since left this record (a merge, a steward keeping it apart): where it is now, and its role there. */
  movedTo?: { goldenId: number; role: string };
  cleanChanges: Array<{ field: string; ruleId: string; ruleVersion: number; before: string | null; after: string | null }>;
  link: { method: string | null; confidence: number | null; subjectUscc: string | null };
}

export interface MergeLink { goldenId: number; at: Date; taskId: number; decidedBy: string | null; note: string | null }

export interface RecordLineage {
  record: { id: number; dataset: string; naturalKey: string; subjectUscc: string | null; status: string; version: number; value?: string | null };
  field?: string;
  /** The record as it stood at this time: later versions, sources and decisions are left out. */
  asOf?: Date;
  /** fieldSource: where the version's value of the field came from when not its own source row. */
  versions: Array<{ version: number; validFrom: Date; batchId: string; rowNo: number; value?: string | null; fieldSource?: FieldSource }>;
  sources: SourceLineage[];
  /** action: the decision's action code (take_incoming, merge…), for a label; null while open. */
  decisions: Array<{
    id: number; kind: string; status: string; action: string | null; decision: unknown; decidedBy: string | null; decidedAt: Date | null; note: string | null;
    /** The queue item's row (batch and row number). */
    batchId: string; rowNo: number;
  }>;
  mergedInto: MergeLink | null;
  mergedFrom: MergeLink[];
  /** Forward to the departments: each delivery of the record with a joint measure, the case it
   * opened and the department's feedback (record → delivery → measure → feedback). */
  cases: CaseLink[];
}

export interface CaseLink {
  id: number; deliveryKey: string; deliveryId: number | null; subscription: string; department: string; measure: string; version: number;
  departmentName: Bilingual | null; measureName: Bilingual | null;
  openedAt: Date; dueAt: Date; status: string; outcome: string | null; detail: Record<string, unknown> | null; feedbackBy: string | null;
  feedbackAt: Date | null; disputeTaskId: number | null; resolution: Record<string, unknown> | null;
}

interface GoldenRow {
  id: number; dataset: string; natural_key: string; subject_uscc: string | null; status: string; version: number; fields: Record<string, string>;
}
type SourceRow = SourceRowDetail;

export function checkAsOf(asOf: Date | undefined): void {
  if (asOf && Number.isNaN(asOf.getTime()))
    throw usageError('CDF_DATE_INVALID', {
      zh: 'asOf（--as-of）应为日期或时间，如 2026-11-01 或 2026-11-01T12:00:00+08:00',
      en: 'asOf (--as-of) takes a date or time, e.g. 2026-11-01 or 2026-11-01T12:00:00+08:00',
    });
}

/** The record if the caller may see it, else the one not-found answer (scope.ts). */
export async function visibleRecord(db: Db, who: Identity, id: number): Promise<GoldenRow> {
  const v = await visibilityOf(db, who);
  const g: GoldenRow | undefined = await visibleGolden(db, id, (q) => { restrictGolden(q, v); });
  if (!g) throw unknownRecord(id);
  return { ...g, id: Number(g.id) };
}

export async function recordLineage(db: Db, who: Identity, id: number, field?: string, asOf?: Date): Promise<RecordLineage> {
  requireRole(who, AUDIT_ROLES, { zh: '查看数据血缘', en: 'read lineage' });
  checkAsOf(asOf);
  const g = await visibleRecord(db, who, id);
  const pick = (fields: Record<string, string> | null | undefined) => (field ? { value: fields?.[field] ?? null } : {});
  const versions = await versionsOfRecord(db, id, asOf);
  const then = versions[versions.length - 1];
  if (asOf && !then)
    throw notFoundError(
      'CDF_RECORD_NOT_YET',
      { zh: `标准记录 ${id} 在 ${asOf.toISOString()} 时尚不存在`, en: `golden record ${id} did not exist yet at ${asOf.toISOString()}` },
      { value: String(id) },
    );
  const states = await sourceStatesAt(db, id, asOf);
  const sources = states.length ? await sourceRows(db, states.map((s) => [s.batch_id, s.row_no])) : [];
  const byRow = new Map(sources.map((s) => [`${s.batch_id}:${s.row_no}`, s]));
  const changes = states.length ? await cleanChangesOfRows(db, states.map((s) => [s.batch_id, s.row_no]), field) : [];
  const tasks = await tasksOf(db, id, asOf);
  const merges = await mergesOf(db, id, asOf);
  const cases = (await casesOfRecord(db, id)).filter((c) => !asOf || c.opened_at <= asOf);
  const catalog = cases.length ? (await activeCatalog(db)).content : null;
  const agencyName = new Map(catalog?.agencies.map((a) => [a.code, a.name]) ?? []);
  const measureName = new Map((catalog?.measures ?? []).map((m) => [m.code, m.name]));
  const into = merges.find((m) => m.from_id === id);
  // As of a time, an item decided later was still open.
  const decisions = tasks.map((d) =>
    asOf && d.decided_at && d.decided_at > asOf ? { ...d, status: 'open', decision: null, decided_by: null, decided_at: null, note: null } : d,
  );
  // Merged later than asked: it was still in force then.
  const statusThen = asOf ? (g.status === 'merged' && !into ? 'active' : then!.version === g.version ? g.status : 'active') : g.status;
  const current = asOf ? { ...g, fields: then!.fields, version: then!.version, status: statusThen } : g;
  const why = unmaskedFor(who);
  await auditUnmask(db, who, why, `record:${g.id}`, field ? `lineage:${field}` : 'lineage');
  const link = (m: (typeof merges)[number], other: number): MergeLink =>
    ({ goldenId: other, at: m.decided_at, taskId: m.task_id, decidedBy: m.decided_by, note: m.note });
  const answer: RecordLineage = {
    record: {
      id: g.id, dataset: g.dataset, naturalKey: g.natural_key, subjectUscc: g.subject_uscc, status: current.status, version: current.version,
      ...pick(current.fields),
    },
    ...(field ? { field } : {}),
    ...(asOf ? { asOf } : {}),
    versions: versions.map((v) => ({
      version: v.version, validFrom: v.valid_from, batchId: v.batch_id, rowNo: v.row_no, ...pick(v.fields),
      ...(field && v.field_sources?.[field] ? { fieldSource: v.field_sources[field] } : {}),
    })),
    sources: states.flatMap((st) => {
      const s = byRow.get(`${st.batch_id}:${st.row_no}`);
      if (!s) return [];
      const moved = st.golden_id !== id;
      return [{
        batchId: s.batch_id, rowNo: s.row_no, role: moved ? st.own_role : st.role, agency: s.agency, channel: s.channel, fileName: s.file_name,
        fileSha256: s.file_sha256, catalogVersion: s.catalog_version, receivedAt: s.created_at, ...(s.origin ? { origin: s.origin } : {}), ...pick(s.fields),
        ...(field ? { received: s.column_map.indexOf(field) >= 0 ? (s.cells[s.column_map.indexOf(field)] ?? null) : null } : {}),
        ...(moved ? { movedTo: { goldenId: st.golden_id, role: st.role } } : {}),
        cleanChanges: changes
          .filter((c) => c.batch_id === s.batch_id && c.row_no === s.row_no)
          .map((c) => ({ field: c.field, ruleId: c.rule_id, ruleVersion: c.rule_version, before: c.before, after: c.after })),
        link: { method: s.link_method, confidence: s.link_confidence, subjectUscc: s.subject_uscc },
      }];
    }),
    decisions: decisions.map((d) => ({
      id: d.id, kind: d.kind, status: d.status, action: d.decision?.decision?.action ?? null, decision: d.decision,
      decidedBy: d.decided_by, decidedAt: d.decided_at, note: d.note, batchId: d.batch_id, rowNo: d.row_no,
    })),
    mergedInto: into ? link(into, into.into_id) : null,
    mergedFrom: merges.filter((m) => m.into_id === id).map((m) => link(m, m.from_id)),
    cases: cases.map((c) => ({
      id: Number(c.id), deliveryKey: c.delivery_key, deliveryId: c.delivery_id === null ? null : Number(c.delivery_id), subscription: c.subscription_id,
      department: c.department, measure: c.measure, version: c.version, openedAt: c.opened_at, dueAt: c.due_at,
      departmentName: agencyName.get(c.department) ?? null, measureName: measureName.get(c.measure) ?? null,
      // As of a time, feedback given later had not arrived.
      ...(asOf && c.feedback_at && c.feedback_at > asOf
        ? { status: 'open', outcome: null, detail: null, feedbackBy: null, feedbackAt: null, disputeTaskId: null, resolution: null }
        : { status: c.status, outcome: c.outcome, detail: c.detail as Record<string, unknown> | null, feedbackBy: c.feedback_by, feedbackAt: c.feedback_at,
          disputeTaskId: c.dispute_task_id === null ? null : Number(c.dispute_task_id), resolution: c.resolution as Record<string, unknown> | null }),
    })),
  };
  return why ? answer : maskedLineage(answer, g.fields, answer.sources.map((s) => byRow.get(`${s.batchId}:${s.rowNo}`)!.fields));
}

/** The source rows named, with their batch, cleaned fields, link and cells as received. */
export const sourceRows = (db: Db, pairs: Array<[string, number]>): Promise<SourceRow[]> => sourceRowDetails(db, pairs);

/** Backward lineage as a reader without the unmask right sees it: the key, every value of a personal
 * field (the record's, its versions', its sources' as cleaned and as received, the clean rules'
 * before and after) and the decisions' values masked (domain/publication/personal.ts). */
function maskedLineage(l: RecordLineage, fields: Record<string, string>, sourceFields: Array<Record<string, string>>): RecordLineage {
  const def = datasetDefinition(l.record.dataset);
  const person = isNaturalPerson(def, fields);
  const f = l.field;
  const m = (v: string | null | undefined, name = f) => (v === null || v === undefined ? v : maskValue(def, name, v, person));
  const value = <T extends { value?: string | null }>(x: T): T => ('value' in x ? { ...x, value: m(x.value) } : x);
  return {
    ...l,
    record: { ...value(l.record), naturalKey: maskNaturalKey(def, l.record.naturalKey) },
    versions: l.versions.map(value),
    sources: l.sources.map((s, i) => {
      const own = isNaturalPerson(def, sourceFields[i] ?? {}) || person;
      const ms = (v: string | null | undefined, name = f) => (v === null || v === undefined ? v : maskValue(def, name, v, own));
      return {
        ...s,
        ...('value' in s ? { value: ms(s.value) } : {}),
        ...('received' in s ? { received: ms(s.received) } : {}),
        cleanChanges: s.cleanChanges.map((c) => ({ ...c, before: ms(c.before, c.field) ?? null, after: ms(c.after, c.field) ?? null })),
      };
    }),
    decisions: l.decisions.map((d) => ({ ...d, decision: maskDeep(def, d.decision, person) })),
  };
}
