// A golden record's lineage as a graph an auditor can walk, left to right: source rows as received
// → the clean rules that changed them → how the subject was linked → steward decisions → the
// record's versions → the deliveries that carried them. Every node carries its evidence (the raw
// row with its headers, before/after values, who decided what and when, the version's fields, the
// delivery's outcome) and a code with its bilingual name, so a page never shows a raw code. As of a
// moment it is built from backward lineage as of that moment (record.ts). With a field, `trace`
// names the nodes that field's current value came through, back to its source row.
import { datasetDefinition } from '../../catalog/dataset-definition.ts';
import type { Db } from '../../db/connect.ts';
import type { FieldSource } from '../../db/golden.ts';
import type { Bilingual } from '../../domain/errors.ts';
import {
  ACTION_NAMES, DELIVERY_STATUS_NAMES, LINEAGE_LABELS, LINK_METHOD_NAMES, nameOf, SOURCE_ROLE_NAMES, TASK_STATUS_NAMES,
} from '../../domain/lineage/labels.ts';
import type { GraphColumn, LineageLabels } from '../../domain/lineage/labels.ts';
import { isNaturalPerson, maskCells, maskValue } from '../../domain/publication/personal.ts';
import { activeCatalog } from '../../db/catalog.ts';
import { subscriptionNames } from '../../db/lineage-forward.ts';
import { deliveriesOfBatchesQuery } from '../../db/queries/deliveries.ts';
import { versionsOfRecord } from '../../db/queries/golden.ts';
import { readDeliveries } from '../deliveries.ts';
import type { Identity } from '../identity.ts';
import { unmaskedFor } from '../masking.ts';
import { TASK_KINDS } from '../steward.ts';
import { recordLineage, sourceRows } from './record.ts';
import type { MergeLink, RecordLineage } from './record.ts';

export interface GraphNode {
  id: string; column: GraphColumn; kind: GraphColumn;
  /** What the node is, in both languages (a row and its file, a rule, a decision, a version…). */
  title: Bilingual;
  /** The code behind it (a role, method, action, status) and its name. */
  code?: string; codeName?: Bilingual;
  at?: Date | null;
  /** The fields this node concerns (empty: the whole row or record). */
  fields: string[];
  evidence: Record<string, unknown>;
}
export interface GraphEdge { from: string; to: string; kind: 'cleaned' | 'linked' | 'decided' | 'made' | 'confirmed' | 'next' | 'delivered' }

export interface LineageGraph {
  record: RecordLineage['record'] & { statusName: Bilingual };
  asOf?: Date;
  columns: Array<{ id: GraphColumn; name: Bilingual }>;
  nodes: GraphNode[];
  edges: GraphEdge[];
  mergedInto: MergeLink | null;
  mergedFrom: MergeLink[];
  trace?: { field: string; value: string | null; nodes: string[] };
  labels: LineageLabels;
}

interface Version {
  version: number; valid_from: Date; batch_id: string; row_no: number; fields: Record<string, string>; field_sources: Record<string, FieldSource> | null;
}

export async function lineageGraph(db: Db, who: Identity, id: number, asOf?: Date, field?: string): Promise<LineageGraph> {
  const l = await recordLineage(db, who, id, undefined, asOf);
  const def = datasetDefinition(l.record.dataset);
  const unmasked = Boolean(unmaskedFor(who));
  const versions: Version[] = await versionsOfRecord(db, id, asOf);
  const raw = l.sources.length ? await sourceRows(db, l.sources.map((s) => [s.batchId, s.rowNo])) : [];
  const rawOf = new Map(raw.map((r) => [`${r.batch_id}:${r.row_no}`, r]));
  const batchIds = [...new Set([...versions.map((v) => v.batch_id), ...l.decisions.map((d) => d.batchId)])];
  const deliveries = batchIds.length
    ? await readDeliveries(deliveriesOfBatchesQuery(db, batchIds, asOf))
    : [];
  const subs = await subscriptionNames(db, deliveries.map((d) => d.subscription));
  const agencies = new Map((await activeCatalog(db)).content.agencies.map((a) => [a.code, a.name]));
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const row = (b: string, r: number) => `${b}:${r}`;

  for (const s of l.sources) {
    const key = row(s.batchId, s.rowNo);
    const r = rawOf.get(key)!;
    const cells = unmasked ? r.cells : maskCells(def, r.column_map, r.cells);
    nodes.push({
      id: `source:${key}`, column: 'source', kind: 'source', code: s.role, codeName: nameOf(SOURCE_ROLE_NAMES, s.role), at: s.receivedAt, fields: [],
      // A pulled row is named by the system and query it was read from, and its place in that pull.
      title: s.origin
        ? { zh: `${s.origin.source} ${s.origin.query} 抽取的第 ${s.rowNo} 条`, en: `${s.origin.source} ${s.origin.query}, pulled record ${s.rowNo}` }
        : { zh: `${s.fileName} 第 ${s.rowNo} 行`, en: `${s.fileName} row ${s.rowNo}` },
      evidence: {
        batchId: s.batchId, rowNo: s.rowNo, agency: s.agency, agencyName: agencies.get(s.agency) ?? { zh: s.agency, en: s.agency },
        channel: s.channel, fileName: s.fileName, fileSha256: s.fileSha256, ...(s.origin ? { origin: s.origin } : {}),
        catalogVersion: s.catalogVersion, receivedAt: s.receivedAt, role: s.role, ...(s.movedTo ? { movedTo: s.movedTo } : {}),
        cells: cells.map((value, i) => ({ column: r.headers[i] ?? String(i + 1), field: r.column_map[i] ?? null, value })),
      },
    });
    let from = `source:${key}`;
    if (s.cleanChanges.length) {
      nodes.push({
        id: `clean:${key}`, column: 'clean', kind: 'clean', fields: [...new Set(s.cleanChanges.map((c) => c.field))],
        title: { zh: `${s.cleanChanges.length} 处规范化`, en: `${s.cleanChanges.length} normalisation${s.cleanChanges.length === 1 ? '' : 's'}` },
        evidence: { changes: s.cleanChanges },
      });
      edges.push({ from, to: `clean:${key}`, kind: 'cleaned' });
      from = `clean:${key}`;
    }
    nodes.push({
      id: `link:${key}`, column: 'link', kind: 'link', code: s.link.method ?? 'none', codeName: s.link.method ? nameOf(LINK_METHOD_NAMES, s.link.method)
        : { zh: '未关联主体', en: 'no subject linked' },
      fields: [def.subject?.uscc, def.subject?.name].filter((x): x is string => Boolean(x)),
      title: { zh: s.link.subjectUscc ?? '未关联', en: s.link.subjectUscc ?? 'not linked' },
      evidence: { ...s.link },
    });
    edges.push({ from, to: `link:${key}`, kind: 'linked' });
  }

  for (const d of l.decisions) {
    const values = (d.decision as { decision?: { values?: Record<string, string> } } | null)?.decision?.values;
    nodes.push({
      id: `decision:${d.id}`, column: 'decision', kind: 'decision', code: d.action ?? d.status,
      codeName: d.action ? nameOf(ACTION_NAMES, d.action) : nameOf(TASK_STATUS_NAMES, d.status), at: d.decidedAt, fields: values ? Object.keys(values) : [],
      title: { zh: `#${d.id} ${TASK_KINDS[d.kind]?.zh ?? d.kind}`, en: `#${d.id} ${TASK_KINDS[d.kind]?.en ?? d.kind}` },
      evidence: {
        id: d.id, kind: d.kind, kindName: TASK_KINDS[d.kind] ?? { zh: d.kind, en: d.kind }, status: d.status, statusName: nameOf(TASK_STATUS_NAMES, d.status),
        action: d.action, decidedBy: d.decidedBy, decidedAt: d.decidedAt, note: d.note, batchId: d.batchId, rowNo: d.rowNo, ...(values ? { values } : {}),
      },
    });
    if (rawOf.has(row(d.batchId, d.rowNo))) edges.push({ from: `link:${row(d.batchId, d.rowNo)}`, to: `decision:${d.id}`, kind: 'decided' });
  }

  const person = isNaturalPerson(def, versions[versions.length - 1]?.fields ?? {});
  const maskFields = (f: Record<string, string>) =>
    unmasked ? f : Object.fromEntries(Object.entries(f).map(([k, v]) => [k, typeof v === 'string' ? maskValue(def, k, v, person) : v]));
  versions.forEach((v, i) => {
    const prev = versions[i - 1];
    const changed = prev ? Object.keys(v.fields).filter((k) => v.fields[k] !== prev.fields[k]) : [];
    nodes.push({
      id: `version:${v.version}`, column: 'version', kind: 'version', at: v.valid_from, fields: changed,
      title: { zh: `第 ${v.version} 版`, en: `version ${v.version}` },
      evidence: {
        version: v.version, validFrom: v.valid_from, batchId: v.batch_id, rowNo: v.row_no, fields: maskFields(v.fields), fieldSources: v.field_sources ?? {},
      },
    });
    if (prev) edges.push({ from: `version:${prev.version}`, to: `version:${v.version}`, kind: 'next' });
    // A version made by a decision stands on the item's row and is stamped in the same transaction.
    const byDecision = l.decisions.find((d) => d.batchId === v.batch_id && d.rowNo === v.row_no && sameTime(d.decidedAt, v.valid_from));
    if (byDecision) edges.push({ from: `decision:${byDecision.id}`, to: `version:${v.version}`, kind: 'made' });
    else if (rawOf.has(row(v.batch_id, v.row_no))) edges.push({ from: `link:${row(v.batch_id, v.row_no)}`, to: `version:${v.version}`, kind: 'made' });
  });
  // A duplicate row confirms the version in force when it arrived.
  for (const s of l.sources) {
    if (versions.some((v) => v.batch_id === s.batchId && v.row_no === s.rowNo)) continue;
    if (l.decisions.some((d) => d.batchId === s.batchId && d.rowNo === s.rowNo)) continue;
    const then = [...versions].reverse().find((v) => v.valid_from <= s.receivedAt) ?? versions[0];
    if (then) edges.push({ from: `link:${row(s.batchId, s.rowNo)}`, to: `version:${then.version}`, kind: 'confirmed' });
  }

  for (const dv of deliveries) {
    const task = /:task(\d+)$/.exec(dv.key)?.[1];
    const decision = task ? l.decisions.find((d) => d.id === Number(task)) : undefined;
    // A batch's delivery carries the versions its rows made; a decision's, what the decision made.
    const made = decision ? null
      : versions.filter((v) => v.batch_id === dv.batchId && !l.decisions.some((d) => d.batchId === v.batch_id && d.rowNo === v.row_no));
    if (task && !decision) continue;
    if (made && !made.length) continue;
    const statusCode = dv.status.split(':')[0]!;
    nodes.push({
      id: `delivery:${dv.id}`, column: 'delivery', kind: 'delivery', code: dv.status, codeName: nameOf(DELIVERY_STATUS_NAMES, statusCode), at: dv.createdAt,
      fields: [],
      title: subs[dv.subscription] ?? { zh: dv.subscription, en: dv.subscription }, evidence: { ...dv },
    });
    if (decision) {
      const v = versions.find((x) => x.batch_id === decision.batchId && x.row_no === decision.rowNo && sameTime(decision.decidedAt, x.valid_from));
      edges.push({ from: v ? `version:${v.version}` : `decision:${decision.id}`, to: `delivery:${dv.id}`, kind: 'delivered' });
    } else for (const v of made!) edges.push({ from: `version:${v.version}`, to: `delivery:${dv.id}`, kind: 'delivered' });
  }

  return {
    record: { ...l.record, statusName: nameOf(LINEAGE_LABELS.statuses, l.record.status) },
    ...(asOf ? { asOf } : {}),
    columns: Object.entries(LINEAGE_LABELS.columns).map(([c, name]) => ({ id: c as GraphColumn, name })),
    nodes, edges, mergedInto: l.mergedInto, mergedFrom: l.mergedFrom,
    ...(field ? { trace: traceField(field, versions, nodes, edges, maskFields) } : {}),
    labels: LINEAGE_LABELS,
  };
}

const sameTime = (a: Date | null, b: Date): boolean => a?.getTime() === b.getTime();

/** The nodes the field's value in the last version came through: back from that version along the
 * edges to the row (or decision) the value was taken from; a clean node only if it changed the field. */
function traceField(
  field: string, versions: Version[], nodes: GraphNode[], edges: GraphEdge[], mask: (f: Record<string, string>) => Record<string, string>
): LineageGraph['trace'] {
  const last = versions[versions.length - 1];
  if (!last) return { field, value: null, nodes: [] };
  const fs = last.field_sources?.[field];
  const origin = fs && 'batchId' in fs ? `${fs.batchId}:${fs.rowNo}` : `${last.batch_id}:${last.row_no}`;
  const picked = new Set<string>([`version:${last.version}`]);
  const into = (to: string) => edges.filter((e) => e.to === to);
  // Back from the version: the decision that made it (entered values stop there), else its row.
  const made = into(`version:${last.version}`).find((e) => e.kind === 'made');
  if (made?.from.startsWith('decision:')) picked.add(made.from);
  if (!(fs && ('task' in fs || 'entered' in fs))) {
    picked.add(`link:${origin}`);
    const clean = nodes.find((n) => n.id === `clean:${origin}`);
    if (clean?.fields.includes(field)) picked.add(clean.id);
    picked.add(`source:${origin}`);
  }
  for (const e of edges) if (e.from === `version:${last.version}` && e.kind === 'delivered') picked.add(e.to);
  return { field, value: mask(last.fields)[field] ?? null, nodes: [...picked] };
}
