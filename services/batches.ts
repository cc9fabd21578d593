// Reading batches as their uploaders, stewards and auditors see them (within their scope: scope.ts):
// the batch, its counts and its rejected rows (streamed, as CSV ready to fix and re-upload, or NDJSON).
import { datasetDefinition } from '../catalog/dataset-definition.ts';
import { batchPage, stewardItemsByBatch } from '../db/agency.ts';
import type { BatchSummary } from '../db/agency.ts';
import { findBatch, listBatches } from '../db/batches.ts';
import type { Batch } from '../db/batches.ts';
import type { Db } from '../db/connect.ts';
import { rejectRowsAfter } from '../db/queries/reports.ts';
import type { RejectRow } from '../db/queries/reports.ts';
import { csvLine } from '../domain/csv-safe.ts';
import type { DatasetDefinition } from '../domain/dataset.ts';
import { lineOf } from '../domain/layout/layout.ts';
import { isNaturalPerson, maskCells, maskText, maskValue, personalValues } from '../domain/publication/personal.ts';
import { Role, requireAgencyScope, requireRole } from './identity.ts';
import type { Identity } from './identity.ts';
import { auditUnmask, unmaskedFor } from './masking.ts';
import { batchInScope, scopeOf, unknownBatch } from './scope.ts';

/** A batch the caller may read: an agency its own (another's is forbidden, as it always was); a
 * district or street only its agencies' batches, any other being "not found" like an unknown id. */
export async function getBatch(db: Db, who: Identity, id: string): Promise<Batch> {
  if (who.role !== Role.agency) requireRole(who, [Role.admin, Role.steward, Role.auditor], { zh: '查看批次', en: 'read batches' });
  const batch = await findBatch(db, id);
  if (!batch) throw unknownBatch(id);
  if (who.role === Role.agency) requireAgencyScope(who, batch.agency);
  else if (!batchInScope(await scopeOf(db, who), batch.agency)) throw unknownBatch(id);
  return batch;
}

export async function batchesFor(db: Db, who: Identity): Promise<Batch[]> {
  if (who.role === Role.agency) return listBatches(db, { agency: who.agency! });
  requireRole(who, [Role.admin, Role.steward, Role.auditor], { zh: '查看批次', en: 'read batches' });
  const scope = await scopeOf(db, who);
  return listBatches(db, scope.all ? {} : { agencies: scope.agencies });
}

/** A batch's quality figures as the history shows them: suspected duplicates apart from conflicts,
 * and new golden records apart from new versions of records held (a same-source update). */
export interface BatchFigures {
  rows: number; accepted: number; rejected: number; duplicates: number; suspectedDuplicates: number; conflicts: number;
  outOfResponsibility: number; newRecords: number; newVersions: number; delivered: number;
  /** 换码率: the share of rows without a USCC whose subject was linked through another code; null when not linked. */
  conversionRate: number | null;
  /** Where the batch's agency's variation report is (the normalisations its files needed). */
  variation: string;
}

export function figuresOf(b: Pick<Batch, 'agency' | 'dataset' | 'counts'>, raised: Record<string, number> = {}): BatchFigures {
  const c = b.counts;
  // Batches finished before new versions were counted apart: new rows are the new records.
  const split = c.goldenVersions !== undefined;
  return {
    rows: c.received ?? 0, accepted: c.accepted ?? 0, rejected: c.rejected ?? 0, duplicates: c.duplicates ?? 0,
    suspectedDuplicates: c.suspectedDuplicates ?? raised['suspected_duplicate'] ?? 0, conflicts: c.conflicts ?? 0,
    outOfResponsibility: c.outOfResponsibility ?? 0,
    newRecords: split ? (c.goldenCreated ?? 0) : (c.new ?? c.goldenCreated ?? 0),
    newVersions: split ? c.goldenVersions! : (c.updates ?? 0),
    delivered: c.delivered ?? 0,
    conversionRate: c.link?.conversionRate ?? null,
    variation: `/api/quality/variation?agency=${encodeURIComponent(b.agency)}&dataset=${encodeURIComponent(b.dataset)}`,
  };
}

export interface BatchQuery { dataset?: string; status?: string; agency?: string; limit: number; offset: number }

/** The caller's batches a page at a time, newest first, with their figures. */
export async function batchHistory(db: Db, who: Identity, q: BatchQuery): Promise<{ total: number; batches: Array<BatchSummary & { figures: BatchFigures }> }> {
  let agencies: readonly string[] | undefined;
  if (who.role === Role.agency) agencies = [who.agency!];
  else {
    requireRole(who, [Role.admin, Role.steward, Role.auditor], { zh: '查看批次', en: 'read batches' });
    const scope = await scopeOf(db, who);
    agencies = scope.all ? undefined : scope.agencies;
  }
  if (q.agency) agencies = agencies ? agencies.filter((a) => a === q.agency) : [q.agency];
  const filter = { ...(agencies ? { agencies } : {}), ...(q.dataset ? { dataset: q.dataset } : {}), ...(q.status ? { status: q.status } : {}) };
  const page = await batchPage(db, filter, { limit: q.limit, offset: q.offset });
  const raised = await stewardItemsByBatch(db, page.items.map((b) => b.id));
  return { total: page.total, batches: page.items.map((b) => ({ ...b, figures: figuresOf(b, raised.get(b.id)) })) };
}

async function* rejectRows(db: Db, batchId: string, pageSize = 2000): AsyncGenerator<RejectRow> {
  let after = 0;
  for (;;) {
    const rows = await rejectRowsAfter(db, batchId, after, pageSize);
    yield* rows;
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]!.row_no;
  }
}

/** A rejected row as the caller may see it: cells, values and reasons with personal data masked
 * unless `plain`; several reasons of one row joined as they always were. */
function shownReject(def: DatasetDefinition, batch: Batch, r: RejectRow, plain: boolean) {
  const joined = (xs: string[], sep: string) => xs.join(sep);
  if (plain) {
    return { cells: r.cells, field: joined(r.fields, '; '), code: joined(r.codes, '; '), value: joined(r.values, '; '),
      zh: joined(r.messages_zh, '；'), en: joined(r.messages_en, '; ') };
  }
  const byField: Record<string, string> = {};
  batch.columnMap.forEach((f, i) => { if (f) byField[f] = r.cells[i] ?? ''; });
  const person = isNaturalPerson(def, byField);
  const secrets = personalValues(def, byField);
  const text = (m: string) => maskText(m, secrets);
  return {
    cells: maskCells(def, batch.columnMap, r.cells),
    field: joined(r.fields, '; '),
    code: joined(r.codes, '; '),
    value: joined(r.values.map((v, i) => text(maskValue(def, r.fields[i], v, person))), '; '),
    zh: joined(r.messages_zh.map(text), '；'),
    en: joined(r.messages_en.map(text), '; '),
  };
}

/** The rejected rows: CSV keeps the file's own columns and adds the reasons and the row's physical
 * line in the file (title lines above the header make it differ from the row number); NDJSON one
 * object a row. Personal data masked unless the caller sent the batch or holds the unmask right
 * (masking.ts); the latter is audited once per export. */
export async function* exportRejects(db: Db, who: Identity, batch: Batch, format: 'csv' | 'ndjson'): AsyncGenerator<string> {
  const def = datasetDefinition(batch.dataset);
  const why = unmaskedFor(who, batch.agency);
  await auditUnmask(db, who, why, `batch:${batch.id}`, 'rejects');
  const show = (r: RejectRow) => shownReject(def, batch, r, why !== null);
  // Batches from before layouts were recorded had their header on the first line.
  const line = (row: number): number => (batch.layout ? lineOf(batch.layout, row) : row + 1);
  if (format === 'csv') {
    yield '\uFEFF' + csvLine(['行号 row', ...batch.headers, '字段 field', '错误代码 code', '原因', 'reason', '文件行 line']);
    for await (const raw of rejectRows(db, batch.id)) {
      const r = show(raw);
      const cells = batch.headers.map((_, i) => r.cells[i] ?? '');
      yield csvLine([raw.row_no, ...cells, r.field, r.code, r.zh, r.en, line(raw.row_no)]);
    }
    return;
  }
  for await (const raw of rejectRows(db, batch.id)) {
    const r = show(raw);
    const original = Object.fromEntries(batch.headers.map((h, i) => [h, r.cells[i] ?? '']));
    yield JSON.stringify({
      row: raw.row_no, line: line(raw.row_no), field: r.field, code: r.code, value: r.value, reason: r.zh, reasonEn: r.en, original,
    }) + '\n';
  }
}
