// `export golden`: the golden records of a dataset with their subject, status, version, fields and
// every source row (batch, row number, agency, channel, role), streamed in pages by id so that a
// million records never sit in memory, and only those the caller's level may see (visibility.ts).
import type { Db } from '../db/connect.ts';
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
    let q = restrictGolden(db('golden_records as g').where('g.dataset', dataset).andWhere('g.id', '>', after), v).orderBy('g.id').limit(pageSize);
    // As of a moment: each record as its newest version then was (history is appended, never
    // overwritten), with the sources it had then; records created later are left out.
    q = asOf
      ? q.joinRaw(
        `join lateral (select gv.version, gv.fields from golden_versions gv
                        where gv.golden_id = g.id and gv.valid_from <= ? order by gv.version desc limit 1) cur on true`,
        [asOf],
      )
      : q.joinRaw('cross join lateral (select g.version, g.fields) cur');
    const rows = (await q.select(
      'g.id',
      'g.dataset',
      'g.natural_key',
      'g.subject_uscc',
      'g.status',
      'cur.version',
      'cur.fields',
      db.raw(
        `
             coalesce((select jsonb_agg(jsonb_build_object('batchId', s.batch_id, 'rowNo', s.row_no, 'agency', b.agency, 'channel', b.channel, 'role', s.role)
                                  order by s.batch_id, s.row_no)
                         from record_sources s join batches b on b.id = s.batch_id
                        where s.golden_id = g.id and s.created_at <= coalesce(?, now())), '[]') as sources`,
        [asOf ?? null],
      ),
    )) as Array<{
      id: number;
      dataset: string;
      natural_key: string;
      subject_uscc: string | null;
      status: string;
      version: number;
      fields: Record<string, string>;
      sources: GoldenSource[];
    }>;
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
