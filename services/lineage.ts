// Lineage for auditors. Backward: a golden record (and one field) → its versions, the source rows
// they came from (batch, row number, agency, channel, file and its hash, catalogue version), the
// cell as received, the clean rules that changed it, how the subject was linked, and the steward
// decisions taken on it. Forward: a batch (or one row) → every record and version built from it and
// every delivery that carried them. Read from the tables the pipeline writes; nothing is recomputed.
import { datasetDefinition } from '../catalog/dataset-definition.ts';
import type { Db } from '../db/connect.ts';
import type { FieldSource } from '../db/golden.ts';
import { notFoundError, usageError } from '../domain/errors.ts';
import { isNaturalPerson, maskDeep, maskNaturalKey, maskValue } from '../domain/publication/personal.ts';
import { readDeliveries } from './deliveries.ts';
import type { DeliveryRow } from './deliveries.ts';
import { Role, requireRole } from './identity.ts';
import type { Identity } from './identity.ts';
import { auditUnmask, unmaskedFor } from './masking.ts';
import { batchInScope, scopeOf, unknownBatch, unknownRecord } from './scope.ts';
import { restrictGolden, visibilityOf } from './visibility.ts';

const AUDIT_ROLES = [Role.auditor, Role.steward, Role.admin];

export interface SourceLineage {
  batchId: string; rowNo: number; role: string; agency: string; channel: string; fileName: string; fileSha256: string; catalogVersion: number;
  receivedAt: Date; value?: string | null; received?: string | null;
  cleanChanges: Array<{ field: string; ruleId: string; ruleVersion: number; before: string | null; after: string | null }>;
  link: { method: string | null; confidence: number | null; subjectUscc: string | null };
}

export interface RecordLineage {
  record: { id: number; dataset: string; naturalKey: string; subjectUscc: string | null; status: string; version: number; value?: string | null };
  field?: string;
  /** The record as it stood at this time: later versions, sources and decisions are left out. */
  asOf?: Date;
  /** fieldSource: where the version's value of the field came from when not its own source row. */
  versions: Array<{ version: number; validFrom: Date; batchId: string; rowNo: number; value?: string | null; fieldSource?: FieldSource }>;
  sources: SourceLineage[];
  decisions: Array<{ id: number; kind: string; status: string; decision: unknown; decidedBy: string | null; decidedAt: Date | null; note: string | null }>;
}

export async function recordLineage(db: Db, who: Identity, id: number, field?: string, asOf?: Date): Promise<RecordLineage> {
  requireRole(who, AUDIT_ROLES, { zh: '查看数据血缘', en: 'read lineage' });
  if (asOf && Number.isNaN(asOf.getTime()))
    throw usageError('CDF_DATE_INVALID', {
      zh: '--as-of 应为日期或时间，如 2026-11-01 或 2026-11-01T12:00:00+08:00',
      en: '--as-of takes a date or time, e.g. 2026-11-01 or 2026-11-01T12:00:00+08:00',
    });
  const g = (await restrictGolden(db('golden_records as g').where('g.id', id), await visibilityOf(db, who)).first('g.*')) as
    | { id: number; dataset: string; natural_key: string; subject_uscc: string | null; status: string; version: number; fields: Record<string, string> }
    | undefined;
  if (!g) throw unknownRecord(id);
  const pick = (fields: Record<string, string> | null | undefined) => (field ? { value: fields?.[field] ?? null } : {});
  const versions = (await db('golden_versions')
    .where({ golden_id: id })
    .modify((q) => {
      if (asOf) void q.where('valid_from', '<=', asOf);
    })
    .orderBy('version')
    .select('version', 'valid_from', 'batch_id', 'row_no', 'fields', 'field_sources')) as Array<{
    version: number;
    valid_from: Date;
    batch_id: string;
    row_no: number;
    fields: Record<string, string>;
    field_sources: Record<string, FieldSource> | null;
  }>;
  const then = versions[versions.length - 1];
  if (asOf && !then)
    throw notFoundError(
      'CDF_RECORD_NOT_YET',
      { zh: `标准记录 ${id} 在 ${asOf.toISOString()} 时尚不存在`, en: `golden record ${id} did not exist yet at ${asOf.toISOString()}` },
      { value: String(id) },
    );
  const sources = (await db('record_sources as s')
    .join('batches as b', 'b.id', 's.batch_id')
    .join('clean_rows as c', function () {
      this.on('c.batch_id', 's.batch_id').andOn('c.row_no', 's.row_no');
    })
    .join('raw_rows as w', function () {
      this.on('w.batch_id', 's.batch_id').andOn('w.row_no', 's.row_no');
    })
    .where('s.golden_id', id)
    .modify((q) => {
      if (asOf) void q.where('s.created_at', '<=', asOf);
    })
    .orderBy(['s.created_at', 's.batch_id', 's.row_no'])
    .select(
      's.batch_id',
      's.row_no',
      's.role',
      'b.agency',
      'b.channel',
      'b.file_name',
      'b.file_sha256',
      'b.catalog_version',
      'b.created_at',
      'b.column_map',
      'c.fields',
      'c.link_method',
      'c.link_confidence',
      'c.subject_uscc',
      'w.cells',
    )) as Array<{
    batch_id: string;
    row_no: number;
    role: string;
    agency: string;
    channel: string;
    file_name: string;
    file_sha256: string;
    catalog_version: number;
    created_at: Date;
    column_map: Array<string | null>;
    fields: Record<string, string>;
    link_method: string | null;
    link_confidence: number | null;
    subject_uscc: string | null;
    cells: string[];
  }>;
  const changes = sources.length
    ? ((await db('clean_changes')
        .whereIn(
          ['batch_id', 'row_no'],
          sources.map((s) => [s.batch_id, s.row_no]),
        )
        .modify((q) => {
          if (field) void q.where('field', field);
        })
        .orderBy(['batch_id', 'row_no', 'field'])
        .select('batch_id', 'row_no', 'field', 'rule_id', 'rule_version', 'before', 'after')) as Array<{
        batch_id: string;
        row_no: number;
        field: string;
        rule_id: string;
        rule_version: number;
        before: string | null;
        after: string | null;
      }>)
    : [];
  const tasks = (await db('steward_tasks').where({ golden_id: id }).modify((q) => { if (asOf) void q.where('created_at', '<=', asOf); })
    .orderBy('id').select('id', 'kind', 'status', 'decision', 'decided_by', 'decided_at', 'note')) as
    Array<{ id: number; kind: string; status: string; decision: unknown; decided_by: string | null; decided_at: Date | null; note: string | null }>;
  // As of a time, an item decided later was still open.
  const decisions = tasks.map((d) =>
    asOf && d.decided_at && d.decided_at > asOf ? { ...d, status: 'open', decision: null, decided_by: null, decided_at: null, note: null } : d,
  );
  const current = asOf ? { ...g, fields: then!.fields, version: then!.version, status: then!.version === g.version ? g.status : 'active' } : g;
  const why = unmaskedFor(who);
  await auditUnmask(db, who, why, `record:${g.id}`, field ? `lineage:${field}` : 'lineage');
  const answer: RecordLineage = {
    record: {
      id: g.id,
      dataset: g.dataset,
      naturalKey: g.natural_key,
      subjectUscc: g.subject_uscc,
      status: current.status,
      version: current.version,
      ...pick(current.fields),
    },
    ...(field ? { field } : {}),
    ...(asOf ? { asOf } : {}),
    versions: versions.map((v) => ({
      version: v.version,
      validFrom: v.valid_from,
      batchId: v.batch_id,
      rowNo: v.row_no,
      ...pick(v.fields),
      ...(field && v.field_sources?.[field] ? { fieldSource: v.field_sources[field] } : {}),
    })),
    sources: sources.map((s) => ({
      batchId: s.batch_id,
      rowNo: s.row_no,
      role: s.role,
      agency: s.agency,
      channel: s.channel,
      fileName: s.file_name,
      fileSha256: s.file_sha256,
      catalogVersion: s.catalog_version,
      receivedAt: s.created_at,
      ...pick(s.fields),
      ...(field ? { received: s.column_map.indexOf(field) >= 0 ? (s.cells[s.column_map.indexOf(field)] ?? null) : null } : {}),
      cleanChanges: changes
        .filter((c) => c.batch_id === s.batch_id && c.row_no === s.row_no)
        .map((c) => ({ field: c.field, ruleId: c.rule_id, ruleVersion: c.rule_version, before: c.before, after: c.after })),
      link: { method: s.link_method, confidence: s.link_confidence, subjectUscc: s.subject_uscc },
    })),
    decisions: decisions.map((d) => ({
      id: d.id,
      kind: d.kind,
      status: d.status,
      decision: d.decision,
      decidedBy: d.decided_by,
      decidedAt: d.decided_at,
      note: d.note,
    })),
  };
  return why ? answer : maskedLineage(answer, g.fields, sources.map((s) => s.fields));
}

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

export interface BatchLineage {
  batchId: string;
  rows: Array<{ rowNo: number; goldenId: number; role: string }>;
  versions: Array<{ goldenId: number; version: number; rowNo: number; validFrom: Date }>;
  deliveries: DeliveryRow[];
}

/** Forward from a batch: a batch outside the caller's scope answers as an unknown one (scope.ts). */
export async function batchLineage(db: Db, who: Identity, batchId: string, rowNo?: number): Promise<BatchLineage> {
  requireRole(who, AUDIT_ROLES, { zh: '查看数据血缘', en: 'read lineage' });
  const batch = (await db('batches').where({ id: batchId }).first('agency')) as { agency: string } | undefined;
  if (!batch || !batchInScope(await scopeOf(db, who), batch.agency)) throw unknownBatch(batchId);
  const rows = (await db('record_sources').where({ batch_id: batchId }).modify((q) => { if (rowNo !== undefined) void q.where('row_no', rowNo); })
    .orderBy('row_no').select('row_no', 'golden_id', 'role')) as Array<{ row_no: number; golden_id: number; role: string }>;
  const versions = (await db('golden_versions')
    .where({ batch_id: batchId })
    .modify((q) => {
      if (rowNo !== undefined) void q.where('row_no', rowNo);
    })
    .orderBy(['golden_id', 'version'])
    .select('golden_id', 'version', 'row_no', 'valid_from')) as Array<{ golden_id: number; version: number; row_no: number; valid_from: Date }>;
  const deliveries = await readDeliveries(db('deliveries').where({ batch_id: batchId }).orderBy('id'));
  return {
    batchId,
    rows: rows.map((r) => ({ rowNo: r.row_no, goldenId: r.golden_id, role: r.role })),
    versions: versions.map((v) => ({ goldenId: v.golden_id, version: v.version, rowNo: v.row_no, validFrom: v.valid_from })),
    deliveries,
  };
}
