// `cdf quality variation [--agency CODE] [--dataset CODE]`: which normalisations each agency's
// extracts needed (layout lines skipped, cells each clean rule changed), so the city can ask an
// agency to fix its template. The same text describes one batch in `cdf batch show`.
import type { SkippedLine } from '../../domain/layout/layout.ts';
import { KIND_LABELS } from '../../domain/layout/layout.ts';
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

export async function qualityCommand(io: Io, args: Parsed): Promise<number> {
  const [sub] = args.positionals;
  if (sub !== 'variation') {
    const flags = '[--agency CODE] [--dataset CODE] [--json]';
    throw usage(`用法：cdf quality variation ${flags}`, `usage: cdf quality variation ${flags}`);
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
