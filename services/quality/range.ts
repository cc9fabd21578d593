// A time range a list or the dashboard is asked for: `from` and `to` as China days (YYYY-MM-DD,
// `to` included) or instants with their offset. A malformed value is the caller's to fix (400).
import { usageError } from '../../domain/errors.ts';

export interface TimeRange { from?: Date; to?: Date }

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function instant(param: 'from' | 'to', value: string): Date {
  // A day starts at 00:00 in China; `to` as a day means up to the end of that day.
  const d = DAY.test(value) ? new Date(`${value}T00:00:00+08:00`) : new Date(value);
  if (Number.isNaN(d.getTime()) || !(DAY.test(value) || /T\d{2}:\d{2}/.test(value))) {
    throw usageError('CDF_DATE_INVALID', {
      zh: `查询参数 ${param} 应为日期或带时区的时间，如 2026-11-01 或 2026-11-01T12:00:00+08:00，实为 "${value}"`,
      en: `query parameter ${param} is a date or a time with its offset, e.g. 2026-11-01 or 2026-11-01T12:00:00+08:00; got "${value}"`,
    }, { parameter: param, value });
  }
  return DAY.test(value) && param === 'to' ? new Date(d.getTime() + 86_400_000) : d;
}

export function parseRange(q: { from?: string | undefined; to?: string | undefined }): TimeRange {
  const from = q.from ? instant('from', q.from) : undefined;
  const to = q.to ? instant('to', q.to) : undefined;
  if (from && to && from >= to) {
    throw usageError('CDF_DATE_INVALID', {
      zh: `查询参数 from（${q.from}）应早于 to（${q.to}）`,
      en: `query parameter from (${q.from}) must come before to (${q.to})`,
    }, { parameter: 'from', value: q.from });
  }
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

const MS_DAY = 86_400_000;

/** The window a figure covers: the range asked for, by default the 30 days up to `now`; at most
 * 366 days (a longer one is refused, so no request scans years of batches). */
export function boundedWindow(range: TimeRange, now: Date): { from: Date; to: Date } {
  const to = range.to ?? now;
  const from = range.from ?? new Date(to.getTime() - 30 * MS_DAY);
  if (to.getTime() - from.getTime() > 366 * MS_DAY) {
    throw usageError('CDF_DATE_INVALID', {
      zh: '查询参数 from 与 to 相距不能超过 366 天，例如 from=2026-01-01&to=2026-12-31',
      en: 'query parameters from and to are at most 366 days apart, e.g. from=2026-01-01&to=2026-12-31',
    }, { parameter: 'from' });
  }
  return { from, to };
}
