// A batch's validation report, as an agency reads it: the figures, the rejects grouped by reason
// and by field (with the field's Chinese and English names), the first rejected rows with the line
// of the file they start on, the lines skipped around the data and why, and what had to be cleaned.
import { datasetDefinition } from '../catalog/dataset-definition.ts';
import { KIND_LABELS, lineOf } from '../domain/layout/layout.ts';
import type { SkipKind } from '../domain/layout/layout.ts';
import type { Batch } from '../db/batches.ts';
import type { Db } from '../db/connect.ts';
import { rejectSample, rejectsByField, rejectsByReason } from '../db/queries/reports.ts';
import { codeText } from '../domain/errors.ts';
import type { Bilingual } from '../domain/errors.ts';
import { isNaturalPerson, maskText, maskValue, personalValues } from '../domain/publication/personal.ts';
import type { Identity } from './identity.ts';
import { auditUnmask, unmaskedFor } from './masking.ts';
import { batchVariation } from './variation.ts';
import type { Variation } from './variation.ts';

export interface ValidationReport {
  batch: Batch;
  figures: { received: number; accepted: number; rejected: number; acceptedShare: number };
  /** zh/en: the reason's title from the error table; `next`: what the agency should do about it. */
  byReason: Array<{ code: string; rows: number; zh: string; en: string; next: Bilingual }>;
  byField: Array<{ field: string; zh: string; en: string; rows: number }>;
  /** The header's line and the lines skipped above it and after the data, with why. */
  layout: { headerLine: number; skipped: Array<{ line: number; kind: SkipKind; text: string; zh: string; en: string }> };
  variation: Variation;
  /** `line`: the physical line of the file where the row starts. */
  sample: Array<{
    row: number;
    line: number;
    field: string | null;
    fieldZh: string | null;
    fieldEn: string | null;
    code: string;
    value: string | null;
    path: string | null;
    zh: string;
    en: string;
  }>;
}

/** `batch` comes from getBatch (scope checked there). The sample's values and reasons are masked
 * unless the caller sent the batch or holds the unmask right (masking.ts); the latter is audited. */
export async function validationReport(db: Db, who: Identity, batch: Batch, sampleSize = 100): Promise<ValidationReport> {
  const def = datasetDefinition(batch.dataset);
  const why = unmaskedFor(who, batch.agency);
  const label = (field: string) => def.fields.find((f) => f.name === field);
  const byReason = await rejectsByReason(db, batch.id);
  const byField = await rejectsByField(db, batch.id);
  const sample = await rejectSample(db, batch.id, sampleSize);
  const layout = batch.layout ?? { header: { index: 1, line: 1 }, above: [] };
  const skipped = [...layout.above, ...(layout.footers ?? [])].map((l) => ({ ...l, ...KIND_LABELS[l.kind] }));
  // A sample row masked by its own cells: whether it is a natural person's, and its personal values.
  const masked = (r: { cells: string[] | null; field: string | null; value: string | null; message_zh: string; message_en: string }) => {
    const byField: Record<string, string> = {};
    batch.columnMap.forEach((f, i) => { if (f) byField[f] = r.cells?.[i] ?? ''; });
    const secrets = personalValues(def, byField);
    return {
      value: r.value === null ? null : maskText(maskValue(def, r.field, r.value, isNaturalPerson(def, byField)), secrets),
      message_zh: maskText(r.message_zh, secrets),
      message_en: maskText(r.message_en, secrets),
    };
  };
  await auditUnmask(db, who, why, `batch:${batch.id}`, 'report');
  const received = batch.counts.received ?? 0;
  const accepted = batch.counts.accepted ?? 0;
  return {
    batch,
    figures: { received, accepted, rejected: batch.counts.rejected ?? 0, acceptedShare: received ? accepted / received : 0 },
    byReason: byReason.map((r) => {
      const t = codeText(r.code);
      return { ...r, ...t.title, next: t.next };
    }),
    byField: byField.map((r) => ({ ...r, zh: label(r.field)?.zh ?? r.field, en: label(r.field)?.en ?? r.field })),
    layout: { headerLine: layout.header.line, skipped },
    variation: await batchVariation(db, batch),
    sample: sample.map((r) => ({ ...r, ...(why ? {} : masked(r)) })).map((r) => ({
      row: r.row_no,
      line: lineOf(layout, r.row_no),
      field: r.field,
      fieldZh: r.field ? (label(r.field)?.zh ?? r.field) : null,
      fieldEn: r.field ? (label(r.field)?.en ?? r.field) : null,
      code: r.code,
      value: r.value,
      path: r.path,
      zh: r.message_zh,
      en: r.message_en,
    })),
  };
}
