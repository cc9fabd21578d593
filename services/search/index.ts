// Golden-record search for auditors, stewards and admins: one box, whatever was typed (a record id,
// a USCC, a document number in any form, part of a name), detected (detect.ts) and answered one
// page at a time, within the caller's visibility (a district sees its own subjects only; out of
// scope is simply not found) and with personal data masked unless the caller has the unmask right.
// Natural persons are found by name only by a caller who may read their names.
import { datasetCodes, datasetDefinition } from '../../catalog/dataset-definition.ts';
import type { Db } from '../../db/connect.ts';
import { recordsByIds, searchGoldenIds } from '../../db/search.ts';
import type { Bilingual } from '../../domain/errors.ts';
import { usageError } from '../../domain/errors.ts';
import { RECORD_STATUS_NAMES, nameOf } from '../../domain/lineage/labels.ts';
import { isNaturalPerson, maskValue } from '../../domain/publication/personal.ts';
import { Role, requireRole } from '../identity.ts';
import type { Identity } from '../identity.ts';
import { auditUnmask, unmaskedFor } from '../masking.ts';
import { restrictGolden, visibilityOf } from '../visibility.ts';
import { detectQuery, KIND_NAMES, MIN_NAME_CHARS } from './detect.ts';
import type { QueryKind } from './detect.ts';

/** Matches counted, and names ranked, up to here; beyond it the total is a floor (totalIsEstimate). */
export const SEARCH_CAP = 1000;

export interface SearchItem {
  id: number; dataset: string; status: string; statusName: Bilingual; version: number;
  subjectName: string | null; subjectUscc: string | null; documentNumber: string | null; updatedAt: Date; score: number | null;
}

export interface SearchPage {
  query: string; kind: QueryKind; kindName: Bilingual; key: string; valid?: boolean; hint?: Bilingual;
  total: number; totalIsEstimate: boolean; items: SearchItem[];
}

export async function searchRecords(
  db: Db, who: Identity, opts: { q: string; dataset?: string; limit: number; offset: number },
): Promise<SearchPage> {
  requireRole(who, [Role.auditor, Role.steward, Role.admin], { zh: '查询标准记录', en: 'search golden records' });
  if (opts.dataset && !datasetCodes().includes(opts.dataset))
    throw usageError(
      'CDF_REQUEST_INVALID',
      { zh: `参数 dataset 应为 ${datasetCodes().join('、')} 之一，实为“${opts.dataset}”`, en: `dataset is one of ${datasetCodes().join(', ')}, got "${opts.dataset}"` },
      { parameter: 'dataset', value: opts.dataset },
    );
  const d = detectQuery(opts.q);
  const base = { query: opts.q, kind: d.kind, kindName: KIND_NAMES[d.kind], key: d.key, ...(d.valid === undefined ? {} : { valid: d.valid }),
    ...(d.hint ? { hint: d.hint } : {}) };
  if (d.kind === 'name' && [...d.key].length < MIN_NAME_CHARS) return { ...base, total: 0, totalIsEstimate: false, items: [] };
  const why = unmaskedFor(who);
  const visibility = await visibilityOf(db, who);
  const { hits, total, capped } = await searchGoldenIds(db, {
    kind: d.kind, key: d.key, ...(opts.dataset ? { dataset: opts.dataset } : {}), limit: opts.limit, offset: opts.offset, cap: SEARCH_CAP,
    noPersons: !why, restrict: (q) => restrictGolden(q, visibility),
  });
  const byId = new Map((await recordsByIds(db, hits.map((h) => h.id))).map((r) => [r.id, r]));
  let persons = 0;
  const items = hits.flatMap((h): SearchItem[] => {
    const r = byId.get(h.id);
    if (!r) return [];
    const def = datasetDefinition(r.dataset);
    const person = isNaturalPerson(def, r.fields);
    if (person) persons++;
    const nameField = def.subject?.name ?? 'name';
    const name = r.fields[nameField] ?? null;
    const docField = def.naturalKey.find((k) => def.fields.find((f) => f.name === k)?.kind === 'docno');
    return [{
      id: r.id, dataset: r.dataset, status: r.status, statusName: nameOf(RECORD_STATUS_NAMES, r.status), version: r.version,
      subjectName: name === null || why ? name : maskValue(def, nameField, name, person),
      subjectUscc: r.subject_uscc, documentNumber: docField ? (r.fields[docField] ?? null) : null, updatedAt: r.updated_at, score: h.score,
    }];
  });
  if (persons) await auditUnmask(db, who, why, 'search', `search:${d.kind}`);
  return { ...base, total, totalIsEstimate: capped, items };
}
