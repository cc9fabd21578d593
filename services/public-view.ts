// The public disclosure view: what a credit website may show of a dataset's golden records, with
// no identity needed. Only datasets the catalogue publishes, only active records whose publicity
// period runs today (China's date), personal data masked. Paged by record id.
import { datasetDefinition } from '../catalog/dataset-definition.ts';
import { endedBoundsFor, publicationFor } from '../catalog/publication/rules.ts';
import type { Db } from '../db/connect.ts';
import { publicCandidatesAfter } from '../db/queries/golden.ts';
import { chinaToday } from '../domain/china-day.ts';
import { usageError } from '../domain/errors.ts';
import { publicFields } from '../domain/publication/public-view.ts';
import type { Publicity } from '../domain/publication/public-view.ts';

export interface PublicRecord { id: number; subjectUscc: string | null; fields: Record<string, string>; publicity: Publicity }

export async function publicRecords(
  db: Db,
  dataset: string,
  opts: { subject?: string; after?: number; limit?: number; today?: string } = {},
): Promise<{ records: PublicRecord[]; next: number | null }> {
  const def = datasetDefinition(dataset);
  if (!def.publication.public || !def.publication.period) {
    throw usageError('CDF_NOT_PUBLISHED', {
      zh: `数据集「${def.name.zh}」不对外公示：${def.publication.zh}`,
      en: `dataset "${def.name.en}" is not published: ${def.publication.en}`,
    });
  }
  const published = publicationFor(def.publication.period);
  const today = opts.today ?? chinaToday();
  const limit = Math.min(opts.limit ?? 100, 1000);
  const records: PublicRecord[] = [];
  let after = opts.after ?? 0;
  // Expired records are skipped, so a page is filled from as many rows as it takes; those that
  // surely ended are skipped by the store, unread (endedBefore).
  const ended = endedBoundsFor(def.publication.period)(today);
  for (;;) {
    const rows = await publicCandidatesAfter(db, dataset, after, limit, opts.subject, ended);
    for (const r of rows) {
      const p = published(r.fields, today);
      if (p?.published) records.push({ id: r.id, subjectUscc: r.subject_uscc, fields: publicFields(def, r.fields), publicity: p });
      if (records.length === limit) return { records, next: r.id };
    }
    if (rows.length < limit) return { records, next: null };
    after = rows[rows.length - 1]!.id;
  }
}
