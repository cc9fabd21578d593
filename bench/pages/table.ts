// The printed table: one line per timing, widths measured in display columns (a CJK character is two).
import type { Timing } from './measure.ts';

const width = (s: string): number => [...s].reduce((n, ch) => n + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
const padEnd = (s: string, n: number): string => s + ' '.repeat(Math.max(0, n - width(s)));
const padStart = (s: string, n: number): string => ' '.repeat(Math.max(0, n - width(s))) + s;

/** The path as a person reads it: the query decoded, a long search term cut short. */
function readable(p: string): string {
  let s = p;
  try {
    s = decodeURIComponent(p);
  } catch {
    // a path that does not decode is shown as sent
  }
  return s.replace(/([?&]q=)([^&]{16})[^&]+/, '$1$2…');
}

const VERDICT: Record<Timing['verdict'], string> = {
  ok: 'ok', p95_over: 'p95 over budget', over: 'OVER BUDGET', missing: 'missing (skipped)', error: 'error',
};

export function table(timings: readonly Timing[]): string {
  const rows = timings.map((t) => [
    t.kind === 'first_screen' ? t.name : readable(t.path), t.role, t.medianMs === null ? '-' : String(t.medianMs), t.p95Ms === null ? '-' : String(t.p95Ms),
    t.rows === null ? '-' : String(t.rows), `${VERDICT[t.verdict]} (${t.budgetMs} ms)`,
  ]);
  const head = ['endpoint', 'role', 'median ms', 'p95 ms', 'rows', 'verdict'];
  const w = head.map((h, i) => Math.min(110, Math.max(width(h), ...rows.map((r) => width(r[i]!)))));
  const line = (r: string[]) => r.map((c, i) => (i >= 2 && i <= 4 ? padStart(c, w[i]!) : padEnd(c, w[i]!))).join('  ');
  return [line(head), w.map((n) => '-'.repeat(n)).join('  '), ...rows.map(line)].join('\n');
}
