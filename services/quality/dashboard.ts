// The quality dashboard (issue 14): per region, agency or dataset over a time window, the figures
// the factory keeps per batch, added up and turned into rates, with a trend per day or week.
//
// - 换码率 (conversionRate): of the organisation rows that did not carry a valid USCC of their own
//   (legacy code, name, placeholder, typo), the share the link step resolved to a USCC
//   (domain/quality.ts; 1 when every row carried its USCC).
// - 重错码率 (wrongCodePerMille): rows with at least one code conflict the link step recorded
//   (code_conflicts: codes that disagree with each other, with the registry or with other rows) per
//   1,000 organisation rows.
// - double reporting: rows compare found to be a disclosure already held, unchanged (duplicates: the
//   same disclosure again, through another channel or another extract), plus rows another authority
//   is the catalogue's source of (out of responsibility, 一数一源); the rate is per accepted row.
// - timeliness: per catalogue entry, the periods its frequency promises, on time, late or missing;
//   and now, how many entries are overdue or were never seen (services/quality/timeliness.ts).
// - rejects by reason: rows the clean step refused, per error code.
// Only finished batches in the caller's scope count; sums are added before rates are taken, so a
// large batch weighs more than a small one.
import { datasetDefinition } from '../../catalog/dataset-definition.ts';
import { activeCatalog } from '../../db/catalog.ts';
import type { Db } from '../../db/connect.ts';
import { rejectsByCode, SUM_KEYS, sumsByAgencyDataset, sumsByPeriod, timeliness } from '../../db/quality.ts';
import type { BatchSums, BatchWindow, ExpectedUpload } from '../../db/quality.ts';
import type { CatalogFile } from '../../domain/catalog.ts';
import type { Bilingual } from '../../domain/errors.ts';
import { usageError } from '../../domain/errors.ts';
import { linkQuality } from '../../domain/quality.ts';
import { Role, requireRole } from '../identity.ts';
import type { Identity } from '../identity.ts';
import { restrictBatches, scopeOf } from '../scope.ts';
import type { TimeRange } from './range.ts';
import { entryOf, PERIOD_UNIT, timelinessNow } from './timeliness.ts';
import { boundedWindow } from './range.ts';

export const DASHBOARD_GROUPINGS = ['region', 'agency', 'dataset'] as const;
export type Grouping = (typeof DASHBOARD_GROUPINGS)[number];

export interface Figures extends BatchSums {
  conversionRate: number;
  wrongCodePerMille: number;
  doubleReported: number;
  /** doubleReported per accepted row. */
  doubleReportingRate: number;
  /** Periods in the window (expected, onTime, late, missing, onTimeRate); entries overdue or never seen now. */
  timeliness: { expected: number; onTime: number; late: number; missing: number; onTimeRate: number; overdue: number; neverSeen: number };
}

export interface DashboardGroup extends Figures { key: string; name: Bilingual; rejectsByReason: Array<{ code: string; rows: number }> }
export interface TrendPoint extends Omit<Figures, 'timeliness'> { period: string }

export interface Dashboard {
  by: Grouping; bucket: 'day' | 'week'; from: Date; to: Date;
  groups: DashboardGroup[];
  totals: Figures & { rejectsByReason: Array<{ code: string; rows: number }> };
  trend: TrendPoint[];
}

const round = (x: number, places: number): number => Math.round(x * 10 ** places) / 10 ** places;
const ZERO_SUMS = Object.fromEntries(SUM_KEYS.map((k) => [k, 0])) as unknown as BatchSums;
const ZERO_TIMELINESS = { expected: 0, onTime: 0, late: 0, missing: 0, overdue: 0, neverSeen: 0 };

function addSums(a: BatchSums, b: BatchSums): BatchSums {
  return Object.fromEntries(SUM_KEYS.map((k) => [k, a[k] + Number(b[k] ?? 0)])) as unknown as BatchSums;
}

function rates(s: BatchSums): Omit<Figures, 'timeliness'> {
  const doubleReported = s.duplicates + s.outOfResponsibility;
  return { ...s, ...linkQuality(s), doubleReported, doubleReportingRate: s.accepted ? round(doubleReported / s.accepted, 4) : 0 };
}

function withTimeliness(s: BatchSums, t: typeof ZERO_TIMELINESS): Figures {
  const counted = t.onTime + t.late + t.missing;
  const onTimeRate = counted ? round(t.onTime / counted, 4) : 1;
  return { ...rates(s), timeliness: { ...t, onTimeRate } };
}

/** realtimeMinutes: a realtime entry's tolerance (configuration; 60 unless given). */
export interface DashboardQuery { by?: string; bucket?: string; range: TimeRange; now: Date; realtimeMinutes?: number }

export async function qualityDashboard(db: Db, who: Identity, q: DashboardQuery): Promise<Dashboard> {
  requireRole(who, [Role.admin, Role.auditor, Role.steward], { zh: '查看质量看板', en: 'read the quality dashboard' });
  const by = pick('by', q.by ?? 'agency', DASHBOARD_GROUPINGS);
  const bucket = pick('bucket', q.bucket ?? 'day', ['day', 'week'] as const);
  const { from, to } = boundedWindow(q.range, q.now);
  const scope = await scopeOf(db, who);
  const catalog = (await activeCatalog(db)).content;
  const w: BatchWindow = { from, to, restrict: (x) => void restrictBatches(x, scope, 'b.agency') };
  const inScope = (agency: string) => scope.all || scope.agencies.includes(agency);
  const entries = catalog.entries.filter((e) => inScope(e.agency));
  const expected: ExpectedUpload[] = entries.map((e) => ({ ...entryOf(e), unit: PERIOD_UNIT[e.frequency] ?? 'day' }));
  const minutes = q.realtimeMinutes ?? 60;
  const [sums, periods, rejects, timely, now] = await Promise.all([
    sumsByAgencyDataset(db, w), sumsByPeriod(db, w, bucket), rejectsByCode(db, w), timeliness(db, w, q.now, expected, minutes),
    timelinessNow(db, entries.map(entryOf), q.now, minutes),
  ]);
  const keyOf = groupKey(catalog, by);
  const groups = new Map<string, { sums: BatchSums; t: typeof ZERO_TIMELINESS; rejects: Map<string, number> }>();
  const group = (agency: string, dataset: string) => {
    const k = keyOf(agency, dataset);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { sums: ZERO_SUMS, t: { ...ZERO_TIMELINESS }, rejects: new Map() }));
    return g;
  };
  for (const s of sums) { const g = group(s.agency, s.dataset); g.sums = addSums(g.sums, s); }
  const tKeys = ['expected', 'onTime', 'late', 'missing'] as const;
  for (const t of timely) { const g = group(t.agency, t.dataset); for (const k of tKeys) g.t[k] += t[k]; }
  for (const e of now) {
    const g = group(e.agency, e.dataset);
    if (e.status === 'overdue') g.t.overdue += 1;
    if (e.status === 'never_seen') g.t.neverSeen += 1;
  }
  for (const r of rejects) { const g = group(r.agency, r.dataset); g.rejects.set(r.code, (g.rejects.get(r.code) ?? 0) + r.rows); }
  const nameOf = groupName(catalog, by);
  const sorted = (m: Map<string, number>) => [...m].map(([code, rows]) => ({ code, rows })).sort((a, b) => b.rows - a.rows || a.code.localeCompare(b.code));
  const out = [...groups].sort(([a], [b]) => a.localeCompare(b))
    .map(([key, g]): DashboardGroup => ({ key, name: nameOf(key), ...withTimeliness(g.sums, g.t), rejectsByReason: sorted(g.rejects) }));
  const allRejects = new Map<string, number>();
  for (const r of rejects) allRejects.set(r.code, (allRejects.get(r.code) ?? 0) + r.rows);
  const totalT = { ...ZERO_TIMELINESS };
  for (const g of groups.values()) for (const k of Object.keys(totalT) as Array<keyof typeof totalT>) totalT[k] += g.t[k];
  const totals = { ...withTimeliness([...groups.values()].reduce((a, g) => addSums(a, g.sums), ZERO_SUMS), totalT), rejectsByReason: sorted(allRejects) };
  const byPeriod = new Map<string, BatchSums>();
  for (const p of periods) byPeriod.set(p.period, addSums(byPeriod.get(p.period) ?? ZERO_SUMS, p));
  const trend = [...byPeriod].sort(([a], [b]) => a.localeCompare(b)).map(([period, s]) => ({ period, ...rates(s) }));
  return { by, bucket, from, to, groups: out, totals, trend };
}

function pick<T extends string>(param: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw usageError('CDF_REQUEST_INVALID', {
    zh: `查询参数 ${param} 应为 ${allowed.join('、')} 之一，收到「${value}」`,
    en: `query parameter ${param} must be one of: ${allowed.join(', ')}; got "${value}"`,
  }, { in: 'querystring', parameter: param, value });
}

/** What a batch of an agency and dataset is counted under: the dataset, the agency, or the agency's catalogue region. */
function groupKey(c: CatalogFile, by: Grouping): (agency: string, dataset: string) => string {
  const regionOf = new Map(c.agencies.map((a) => [a.code, a.region]));
  if (by === 'dataset') return (_a, d) => d;
  if (by === 'agency') return (a) => a;
  return (a) => regionOf.get(a) ?? '';
}

function groupName(c: CatalogFile, by: Grouping): (key: string) => Bilingual {
  const names = new Map<string, Bilingual>(by === 'region' ? c.regions.map((r) => [r.code, r.name]) : c.agencies.map((a) => [a.code, a.name]));
  return (key) => {
    if (by === 'dataset') {
      try { return datasetDefinition(key).name; } catch { return { zh: key, en: key }; }
    }
    return names.get(key) ?? { zh: key || '（目录外）', en: key || '(not in the catalogue)' };
  };
}
