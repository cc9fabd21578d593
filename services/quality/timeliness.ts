// Timeliness now (及时性): which catalogue entries are overdue and by how much, which were never
// seen, which are on time, each with the on-time rate of its periods over a window (the dashboard's
// per-period counts, db/quality.ts). The rules for "arrived" and "due" are db/queries/timeliness.ts's.
//
// Scope is the dashboard's (services/scope.ts), and an agency may ask too: an agency sees its own
// entries, a district or street steward or auditor the entries of the agencies in its region, the
// city and an admin every entry. The list is sorted on the server, overdue first (most overdue
// first), then never seen, then on time, and paged.
import { datasetDefinition } from '../../catalog/dataset-definition.ts';
import { activeCatalog } from '../../db/catalog.ts';
import type { Db } from '../../db/connect.ts';
import { timeliness } from '../../db/quality.ts';
import type { ExpectedUpload } from '../../db/quality.ts';
import { entryTimeliness } from '../../db/queries/timeliness.ts';
import type { EntryTimeliness, TimelinessEntry, TimelinessStatus } from '../../db/queries/timeliness.ts';
import type { CatalogFile } from '../../domain/catalog.ts';
import { regionsWithin } from '../../domain/distribute/policy.ts';
import { usageError } from '../../domain/errors.ts';
import type { Bilingual } from '../../domain/errors.ts';
import { Role, requireRole } from '../identity.ts';
import type { Identity } from '../identity.ts';
import { scopeOf } from '../scope.ts';
import type { TimeRange } from './range.ts';
import { boundedWindow } from './range.ts';

export const FREQUENCY_NAMES: Record<string, Bilingual & { days: number }> = {
  realtime: { zh: '实时', en: 'real time', days: 1 },
  daily: { zh: '每日', en: 'daily', days: 1 },
  weekly: { zh: '每周', en: 'weekly', days: 7 },
  monthly: { zh: '每月', en: 'monthly', days: 31 },
  quarterly: { zh: '每季度', en: 'quarterly', days: 92 },
};

/** The period the per-period counts use for a frequency (realtime: periods as long as its tolerance). */
export const PERIOD_UNIT: Record<string, ExpectedUpload['unit']> = {
  realtime: 'realtime', daily: 'day', weekly: 'week', monthly: 'month', quarterly: 'quarter',
};

export const TIMELINESS_STATUSES = ['overdue', 'never_seen', 'on_time'] as const satisfies readonly TimelinessStatus[];

export interface PeriodCounts { expected: number; onTime: number; late: number; missing: number; onTimeRate: number }

export interface TimelinessRow extends EntryTimeliness {
  agencyName: Bilingual; regionName: Bilingual; datasetName: Bilingual; frequencyName: Bilingual;
  /** How late in words: "逾期 3 天 4 小时" / "3 d 4 h overdue"; never sent; on time. */
  lateText: Bilingual;
  /** The entry's periods in the window (db/quality.ts `timeliness`) and the share on time. */
  periods: PeriodCounts;
}

export interface TimelinessPage {
  now: Date; from: Date; to: Date; total: number;
  counts: { all: number; overdue: number; neverSeen: number; onTime: number };
  rows: TimelinessRow[];
}

export interface TimelinessQuery {
  region?: string; agency?: string; dataset?: string; status?: string;
  page: { limit: number; offset: number }; range: TimeRange; now: Date; realtimeMinutes: number;
}


/** A duration in the two largest units that matter: "3 天 4 小时" / "3 d 4 h". */
export function durationWords(seconds: number): Bilingual {
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const parts: Array<[number, string, string]> = d ? [[d, '天', 'd'], [h, '小时', 'h']] : h ? [[h, '小时', 'h'], [m, '分钟', 'min']] : [[m, '分钟', 'min']];
  const shown = parts.filter(([n], i) => n || i === 0);
  if (!d && !h && !m) return { zh: '不到 1 分钟', en: 'under 1 min' };
  return { zh: shown.map(([n, zh]) => `${n} ${zh}`).join(' '), en: shown.map(([n, , en]) => `${n} ${en}`).join(' ') };
}

export function lateText(r: Pick<EntryTimeliness, 'status' | 'lateSeconds'>): Bilingual {
  const late = durationWords(r.lateSeconds);
  if (r.status === 'overdue') return { zh: `逾期 ${late.zh}`, en: `${late.en} overdue` };
  if (r.status === 'never_seen') {
    return r.lateSeconds > 0 ? { zh: `从未报送，逾期 ${late.zh}`, en: `never sent, ${late.en} overdue` } : { zh: '从未报送，尚未到期', en: 'never sent, not yet due' };
  }
  return { zh: '按时', en: 'on time' };
}

/** A catalogue entry as the timeliness query reads it (nothing else of it, a pull's configuration least of all). */
export const entryOf = (e: CatalogFile['entries'][number]): TimelinessEntry =>
  ({ agency: e.agency, dataset: e.dataset, region: e.region, channel: e.channel, frequency: e.frequency });

/** The catalogue's entries in the caller's scope. */
export async function entriesInScope(db: Db, who: Identity, catalog: CatalogFile): Promise<TimelinessEntry[]> {
  const scope = await scopeOf(db, who);
  return catalog.entries.filter((e) => scope.all || scope.agencies.includes(e.agency)).map(entryOf);
}

/** Each entry's state now, most urgent first (the dashboard's now-counts and the agency's datasets read this too). */
export async function timelinessNow(db: Db, entries: readonly TimelinessEntry[], now: Date, realtimeMinutes: number): Promise<EntryTimeliness[]> {
  return entryTimeliness(db, entries, now, realtimeMinutes);
}

export async function timelinessList(db: Db, who: Identity, q: TimelinessQuery): Promise<TimelinessPage> {
  requireRole(who, [Role.admin, Role.auditor, Role.steward, Role.agency], { zh: '查看报送及时性', en: 'read timeliness' });
  const status = q.status;
  if (status !== undefined && !(TIMELINESS_STATUSES as readonly string[]).includes(status)) {
    throw usageError('CDF_REQUEST_INVALID', {
      zh: `查询参数 status 应为 ${TIMELINESS_STATUSES.join('、')} 之一，收到「${status}」`,
      en: `query parameter status must be one of: ${TIMELINESS_STATUSES.join(', ')}; got "${status}"`,
    }, { in: 'querystring', parameter: 'status', value: status });
  }
  const { from, to } = boundedWindow(q.range, q.now);
  const catalog = (await activeCatalog(db)).content;
  const within = q.region ? regionsWithin(catalog, [q.region]) : undefined;
  if (q.region && !catalog.regions.some((r) => r.code === q.region)) {
    throw usageError('CDF_REQUEST_INVALID', {
      zh: `查询参数 region：目录中没有区划 ${q.region}`, en: `query parameter region: the catalogue has no region ${q.region}`,
    }, { in: 'querystring', parameter: 'region', value: q.region });
  }
  const entries = (await entriesInScope(db, who, catalog)).filter((e) => (!within || within.has(e.region))
    && (!q.agency || e.agency === q.agency) && (!q.dataset || e.dataset === q.dataset));
  const now = await timelinessNow(db, entries, q.now, q.realtimeMinutes);
  const counts = {
    all: now.length, overdue: now.filter((r) => r.status === 'overdue').length,
    neverSeen: now.filter((r) => r.status === 'never_seen').length, onTime: now.filter((r) => r.status === 'on_time').length,
  };
  const matching = status ? now.filter((r) => r.status === status) : now;
  const page = matching.slice(q.page.offset, q.page.offset + q.page.limit);
  // The period counts only for the page shown: one probe per entry and period.
  const expected = page.map((e): ExpectedUpload => ({ agency: e.agency, dataset: e.dataset, channel: e.channel, unit: PERIOD_UNIT[e.frequency] ?? 'day' }));
  const periods = await timeliness(db, { from, to, restrict: () => undefined }, q.now, expected, q.realtimeMinutes);
  const periodOf = new Map(periods.map((p) => [`${p.agency}\u0000${p.dataset}\u0000${p.channel}`, p]));
  const names = namesOf(catalog);
  const rows = page.map((r): TimelinessRow => {
    const found = periodOf.get(`${r.agency}\u0000${r.dataset}\u0000${r.channel}`);
    const p = { expected: found?.expected ?? 0, onTime: found?.onTime ?? 0, late: found?.late ?? 0, missing: found?.missing ?? 0 };
    const counted = p.onTime + p.late + p.missing;
    return {
      ...r, ...names(r), lateText: lateText(r),
      periods: { ...p, onTimeRate: counted ? Math.round((p.onTime / counted) * 10_000) / 10_000 : 1 },
    };
  });
  return { now: q.now, from, to, total: matching.length, counts, rows };
}

function namesOf(c: CatalogFile): (e: TimelinessEntry) => Pick<TimelinessRow, 'agencyName' | 'regionName' | 'datasetName' | 'frequencyName'> {
  const agencies = new Map(c.agencies.map((a) => [a.code, a.name]));
  const regions = new Map(c.regions.map((r) => [r.code, r.name]));
  const dataset = (code: string): Bilingual => {
    try { return datasetDefinition(code).name; } catch { return { zh: code, en: code }; }
  };
  return (e) => {
    const f = FREQUENCY_NAMES[e.frequency];
    return {
      agencyName: agencies.get(e.agency) ?? { zh: e.agency, en: e.agency }, regionName: regions.get(e.region) ?? { zh: e.region, en: e.region },
      datasetName: dataset(e.dataset), frequencyName: f ? { zh: f.zh, en: f.en } : { zh: e.frequency, en: e.frequency },
    };
  };
}
