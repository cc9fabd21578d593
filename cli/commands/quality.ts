// `cdf quality variation [--agency CODE] [--dataset CODE]`: which normalisations each agency's
// extracts needed (layout lines skipped, cells each clean rule changed), so the city can ask an
// agency to fix its template. The same text describes one batch in `cdf batch show`.
// `cdf quality timeliness [--agency C] [--dataset C] [--region C] [--status S]`: who is late now and
// by how much, overdue first (services/quality/timeliness.ts).
import type { SkippedLine } from '../../domain/layout/layout.ts';
import { KIND_LABELS } from '../../domain/layout/layout.ts';
import { timelinessList } from '../../services/quality/timeliness.ts';
import type { TimelinessPage } from '../../services/quality/timeliness.ts';
import { variationByAgency } from '../../services/variation.ts';
import type { Variation } from '../../services/variation.ts';
import type { Parsed } from '../args.ts';
import { cliIdentity, withContext } from '../context.ts';
import { printJson, usage } from '../output.ts';
import type { Io } from '../output.ts';

/** Lines skipped around the data, one a line: where, what, and its text. */
export function describeSkipped(io: Io, headerLine: number, skipped: readonly SkippedLine[]): string[] {
  const zh = io.lang !== 'en';
  const lines = [`  ${zh ? '表头所在行' : 'header on line'}: ${headerLine}`];
  if (!skipped.length) return lines;
  lines.push(`  ${zh ? '跳过的行' : 'lines skipped'}:`);
  for (const s of skipped) {
    const why = zh ? KIND_LABELS[s.kind].zh : KIND_LABELS[s.kind].en;
    lines.push(`    ${zh ? `第 ${s.line} 行` : `line ${s.line}`} · ${why}${s.text ? ` · ${s.text}` : ''}`);
  }
  return lines;
}

/** The normalisations needed: layout lines by kind, then each clean rule with its cells and fields. */
export function describeVariation(io: Io, v: Variation, indent = '  '): string[] {
  const zh = io.lang !== 'en';
  if (!v.layout.length && !v.rules.length) return [`${indent}${zh ? '无需任何规范化' : 'no normalisation needed'}`];
  const lines: string[] = [];
  if (v.layout.length) {
    const parts = v.layout.map((l) => (zh ? `${l.zh} ${l.lines} 行` : `${l.en}: ${l.lines}`));
    lines.push(`${indent}${zh ? '版式（跳过的行）' : 'layout (lines skipped)'}: ${parts.join(zh ? '，' : ', ')}`);
  }
  for (const r of v.rules) {
    const fields = r.fields.map((f) => `${zh ? f.zh : f.en} ${f.cells}`).join(zh ? '、' : ', ');
    lines.push(zh
      ? `${indent}「${r.zh}」(${r.rule}): ${r.cells} 个单元格，${r.rows} 行（${fields}）`
      : `${indent}"${r.en}" (${r.rule}): ${r.cells} cells in ${r.rows} rows (${fields})`);
  }
  return lines;
}

const china = (d: Date | null): string => (d ? new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : '—');

/** One entry a line, most urgent first: how late, who, what, how often, the last arrival and the due time, a failing pull. */
export function describeTimeliness(io: Io, p: TimelinessPage): string[] {
  const zh = io.lang !== 'en';
  const c = p.counts;
  const lines = [zh
    ? `共 ${c.all} 个目录条目：逾期 ${c.overdue}，从未报送 ${c.neverSeen}，按时 ${c.onTime}（截至 ${china(p.now)}，中国时间）`
    : `${c.all} catalogue entries: ${c.overdue} overdue, ${c.neverSeen} never sent, ${c.onTime} on time (as of ${china(p.now)}, China time)`];
  for (const r of p.rows) {
    const who = `${zh ? r.agencyName.zh : r.agencyName.en} (${r.agency}) · ${zh ? r.datasetName.zh : r.datasetName.en} · ${r.channel}`;
    const how = zh ? r.frequencyName.zh : r.frequencyName.en;
    const byPull = r.lastArrivalKind === 'pull' ? (zh ? '（拉取）' : ' (pull)') : '';
    const when = r.lastArrival
      ? (zh ? `最近到达 ${china(r.lastArrival)}${byPull}` : `last arrived ${china(r.lastArrival)}${byPull}`)
      : (zh ? `自 ${china(r.expectedSince)} 起应报` : `expected since ${china(r.expectedSince)}`);
    const due = zh ? `截止 ${china(r.due)}` : `due ${china(r.due)}`;
    const pull = r.pull && r.pull.failures > 0
      ? (zh ? ` · 拉取连续失败 ${r.pull.failures} 次（自 ${china(r.pull.failingSince)}）`
        : ` · pull failing, ${r.pull.failures} in a row (since ${china(r.pull.failingSince)})`)
      : '';
    lines.push(`  ${zh ? r.lateText.zh : r.lateText.en} · ${who} · ${how} · ${when} · ${due}${pull}`);
  }
  return lines;
}

async function timelinessCommand(io: Io, args: Parsed): Promise<number> {
  const pick = (k: string) => (typeof args.values[k] === 'string' ? { [k]: args.values[k] as string } : {});
  const p = await withContext((ctx) => timelinessList(ctx.db, cliIdentity(args.as), {
    ...pick('agency'), ...pick('dataset'), ...pick('region'), ...pick('status'),
    page: { limit: 100_000, offset: 0 }, range: {}, now: ctx.clock.now(), realtimeMinutes: ctx.config.timelinessRealtimeMinutes,
  }));
  if (io.json) printJson(io, p);
  else io.out(describeTimeliness(io, p).join('\n'));
  return 0;
}

export async function qualityCommand(io: Io, args: Parsed): Promise<number> {
  const [sub] = args.positionals;
  if (sub === 'timeliness') return timelinessCommand(io, args);
  if (sub !== 'variation') {
    const flags = '[--agency CODE] [--dataset CODE] [--json]';
    const tl = '[--agency CODE] [--dataset CODE] [--region CODE] [--status overdue|never_seen|on_time] [--json]';
    throw usage(`用法：cdf quality variation ${flags} | cdf quality timeliness ${tl}`, `usage: cdf quality variation ${flags} | cdf quality timeliness ${tl}`);
  }
  const pick = (k: string) => (typeof args.values[k] === 'string' ? { [k]: args.values[k] as string } : {});
  const rows = await withContext((ctx) => variationByAgency(ctx.db, cliIdentity(args.as), { ...pick('agency'), ...pick('dataset') }));
  if (io.json) {
    printJson(io, { agencies: rows });
    return 0;
  }
  const zh = io.lang !== 'en';
  if (!rows.length) io.out(zh ? '没有已完成的批次' : 'no finished batches');
  for (const a of rows) {
    const what = `${a.agency} · ${a.dataset} · ${a.batches}`;
    io.out(zh ? `${what} 个批次，${a.received} 行` : `${what} batches, ${a.received} rows`);
    io.out(describeVariation(io, a).join('\n'));
  }
  return 0;
}
