// `--as-of` for export and lineage: a date or time, or a moment relative to now. The demo's records
// are created when it starts, so a fixed date in the README would come before all of them; `now-1h`
// says "as things stood an hour ago" on any machine and any day.
import { usageError } from '../domain/errors.ts';

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

export function parseAsOf(text: string | undefined, now: () => Date = () => new Date()): Date | undefined {
  if (text === undefined) return undefined;
  const relative = /^now(?:-(\d{1,6})([smhd]))?$/.exec(text.trim());
  if (relative) {
    const [, n, unit] = relative;
    return new Date(now().getTime() - (n ? Number(n) * UNIT_MS[unit as keyof typeof UNIT_MS] : 0));
  }
  const at = new Date(text);
  if (Number.isNaN(at.getTime()))
    throw usageError('CDF_DATE_INVALID', {
      zh: `--as-of 应为日期或时间，例如 2026-11-01、2026-11-01T08:00:00+08:00，或相对现在的时刻 now、now-10m、now-2h、now-3d；实为「${text}」`,
      en: `--as-of takes a date or time, e.g. 2026-11-01 or 2026-11-01T08:00:00+08:00, or a moment before now: now, now-10m, now-2h, now-3d; got "${text}"`,
    });
  return at;
}
