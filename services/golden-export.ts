// `export golden`: the golden records of a dataset with their subject, status, version, fields and
// every source row (batch, row number, agency, channel, role), streamed in pages by id so that a
// million records never sit in memory, and only those the caller's level may see (visibility.ts).
import type { Db } from '../db/connect.ts';
import { exportPage } from '../db/queries/golden.ts';
import { datasetDefinition } from '../catalog/dataset-definition.ts';
import { csvLine } from '../domain/csv-safe.ts';
import { maskFields, maskNaturalKey } from '../domain/publication/personal.ts';
import { Role, requireRole } from './identity.ts';
import { restrictGolden, visibilityOf } from './visibility.ts';
import type { Visibility } from './visibility.ts';
import type { Identity } from './identity.ts';
import { auditUnmask, unmaskedFor } from './masking.ts';

export interface GoldenSource { batchId: string; rowNo: number; agency: string; channel: string; role: string }
export interface GoldenExport {
  id: number; dataset: string; naturalKey: string; subjectUscc: string | null; status: string; version: number;
  fields: Record<string, string>; sources: GoldenSource[];
}

async function* goldenPages(db: Db, dataset: string, pageSize: number, v: Visibility, asOf?: Date): AsyncGenerator<GoldenExport> {
  let after = 0;
  for (;;) {
    const rows = await exportPage(db, dataset, after, pageSize, (q) => { restrictGolden(q, v); }, asOf);
    for (const r of rows) {
      yield {
        id: r.id, dataset: r.dataset, naturalKey: r.natural_key, subjectUscc: r.subject_uscc, status: r.status, version: r.version,
        fields: r.fields, sources: r.sources,
      };
    }
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]!.id;
  }
}

export async function* exportGolden(
  db: Db,
  who: Identity,
  dataset: string,
  format: 'ndjson' | 'csv',
  opts: { asOf?: Date; pageSize?: number } = {},
): AsyncGenerator<string> {
  const pageSize = opts.pageSize ?? 2000;
  requireRole(who, [Role.steward, Role.auditor, Role.admin], { zh: '导出标准记录', en: 'export golden records' });
  const def = datasetDefinition(dataset);
  const v = await visibilityOf(db, who);
  // Personal data masked unless the caller holds the unmask right, which is audited once an export.
  const why = unmaskedFor(who);
  await auditUnmask(db, who, why, `dataset:${dataset}`, opts.asOf ? `golden_export:as_of:${opts.asOf.toISOString()}` : 'golden_export');
  const pages = async function* (): AsyncGenerator<GoldenExport> {
    for await (const g of goldenPages(db, dataset, pageSize, v, opts.asOf)) {
      yield why ? g : { ...g, naturalKey: maskNaturalKey(def, g.naturalKey), fields: maskFields(def, g.fields) };
    }
  };
  if (format === 'ndjson') {
    for await (const g of pages()) yield `${JSON.stringify(g)}\n`;
    return;
  }
  const names = def.fields.map((f) => f.name);
  yield '\uFEFF' + csvLine(['id', 'natural_key', 'subject_uscc', 'status', 'version', ...def.fields.map((f) => `${f.zh} ${f.name}`), '来源 sources']);
  for await (const g of pages()) {
    const sources = g.sources.map((s) => `${s.batchId}:${s.rowNo}:${s.agency}:${s.channel}:${s.role}`).join(';');
    yield csvLine([String(g.id), g.naturalKey, g.subjectUscc ?? '', g.status, String(g.version), ...names.map((n) => g.fields[n] ?? ''), sources]);
  }
}
