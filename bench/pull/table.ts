// The pull benchmark's printed table: one line per run (the full pulls, the upload baseline, the
// incremental pulls), then each source's ratios to the upload, which are what to compare on a
// shared machine where absolute seconds are noisy.
import { PIPELINE_STEPS } from '../../workflows/ingest-batch.ts';
import type { PullBenchResult, RunFigures } from './run.ts';

const STEP_ORDER = ['receive', 'clean', 'link', 'compare', 'sync', 'distribute'].filter((s) => (PIPELINE_STEPS as readonly string[]).includes(s));

export function resultTable(r: PullBenchResult): string {
  const head = ['source kind', 'rows', 'pull s', 'pull rows/s', ...STEP_ORDER.map((s) => `${s} rows/s`), 'wall s'];
  const line = (name: string, f: RunFigures) => [
    name, String(f.rows), String(f.pullSeconds), String(f.pullRowsPerSecond), ...STEP_ORDER.map((s) => String(f.steps[s]?.rowsPerSecond ?? '-')),
    String(f.wallSeconds),
  ];
  const rows = [
    line('upload csv (first load)', r.firstLoad),
    ...(['mysql', 'postgresql', 'http'] as const).map((k) => line(`${k} pull`, r.full[k])),
    line('upload csv', r.full.upload),
    ...(['mysql', 'postgresql', 'http'] as const).map((k) => line(`${k} +1%`, r.incremental[k])),
    ...(['mysql', 'postgresql', 'http'] as const).map((k) => {
      const x = r.ratioToUpload[k];
      return [`${k} ÷ upload`, '', `${x.pullSeconds}×`, '', ...STEP_ORDER.map((s) => `${x.steps[s]}×`), `${x.wallSeconds}×`];
    }),
  ];
  const widths = head.map((h, k) => Math.max(h.length, ...rows.map((row) => row[k]!.length)));
  const fmt = (cells: string[]) => `| ${cells.map((c, k) => (k ? c.padStart(widths[k]!) : c.padEnd(widths[k]!))).join(' | ')} |`;
  return [fmt(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(fmt)].join('\n');
}
