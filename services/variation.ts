// How far an agency's extracts are from the template (issue 12, part 8): per batch and per agency,
// the layout lines the factory had to skip (titles, unit lines, notes, blank lines, footers) and
// the cells each clean rule had to change, so the city can ask the agency to fix its template.
import { datasetDefinition } from '../catalog/dataset-definition.ts';
import { KIND_LABELS } from '../domain/layout/layout.ts';
import type { BatchLayout, SkipKind } from '../domain/layout/layout.ts';
import type { Batch } from '../db/batches.ts';
import type { Db } from '../db/connect.ts';
import { cleanChangeCounts } from '../db/queries/reports.ts';
import { ruleLabel } from '../domain/clean/rules.ts';
import { batchesFor } from './batches.ts';
import type { Identity } from './identity.ts';

export interface LayoutVariation { kind: SkipKind; zh: string; en: string; lines: number }
export interface FieldChanges { field: string; zh: string; en: string; cells: number }
export interface RuleVariation { rule: string; zh: string; en: string; cells: number; rows: number; fields: FieldChanges[] }
export interface Variation { layout: LayoutVariation[]; rules: RuleVariation[] }

export interface AgencyVariation extends Variation {
  agency: string;
  dataset: string;
  batches: number;
  received: number;
}

/** Skipped lines by kind, over one or more batches' layouts. */
export function layoutVariation(layouts: ReadonlyArray<BatchLayout | null>): LayoutVariation[] {
  const counts = new Map<SkipKind, number>();
  for (const l of layouts) {
    for (const s of [...(l?.above ?? []), ...(l?.footers ?? [])]) counts.set(s.kind, (counts.get(s.kind) ?? 0) + 1);
  }
  return (Object.keys(KIND_LABELS) as SkipKind[]).filter((k) => counts.has(k))
    .map((kind) => ({ kind, ...KIND_LABELS[kind], lines: counts.get(kind)! }));
}

async function variationOf(db: Db, dataset: string, batches: readonly Batch[]): Promise<Variation> {
  const def = datasetDefinition(dataset);
  const label = (field: string) => def.fields.find((f) => f.name === field);
  const counts = await cleanChangeCounts(db, batches.map((b) => b.id));
  const rules = counts.filter((c) => c.field === null).map((c): RuleVariation => ({
    rule: c.rule_id, ...ruleLabel(c.rule_id), cells: c.cells, rows: c.rows,
    fields: counts.filter((f) => f.rule_id === c.rule_id && f.field !== null).sort((a, b) => b.cells - a.cells)
      .map((f) => ({ field: f.field!, zh: label(f.field!)?.zh ?? f.field!, en: label(f.field!)?.en ?? f.field!, cells: f.cells })),
  }));
  rules.sort((a, b) => b.cells - a.cells || a.rule.localeCompare(b.rule));
  return { layout: layoutVariation(batches.map((b) => b.layout)), rules };
}

export const batchVariation = (db: Db, batch: Batch): Promise<Variation> => variationOf(db, batch.dataset, [batch]);

/** Per agency and dataset, over the finished batches the caller may read. */
export async function variationByAgency(db: Db, who: Identity, filter: { agency?: string; dataset?: string }): Promise<AgencyVariation[]> {
  const groups = new Map<string, Batch[]>();
  for (const b of await batchesFor(db, who)) {
    if ((filter.agency && b.agency !== filter.agency) || (filter.dataset && b.dataset !== filter.dataset) || b.status !== 'done') continue;
    const key = `${b.agency}\u0000${b.dataset}`;
    groups.set(key, [...(groups.get(key) ?? []), b]);
  }
  const out: AgencyVariation[] = [];
  for (const [key, batches] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const [agency, dataset] = key.split('\u0000') as [string, string];
    const received = batches.reduce((n, b) => n + (b.counts.received ?? 0), 0);
    out.push({ agency, dataset, batches: batches.length, received, ...(await variationOf(db, dataset, batches)) });
  }
  return out;
}
