// Times and numbers as people here read them: China Standard Time, never UTC or ISO strings.
const zone = 'Asia/Shanghai';

const timeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
});
const dateFormat = new Intl.DateTimeFormat('zh-CN', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });

const parts = (f: Intl.DateTimeFormat, d: Date) => Object.fromEntries(f.formatToParts(d).map((p) => [p.type, p.value]));

/** 2026-11-30 14:05:09 (Beijing time) from an ISO time or Date; '' for none. */
export function formatTime(value: string | Date | null | undefined): string {
  if (!value) return '';
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return String(value);
  const p = parts(timeFormat, d);
  return `${p.year}-${p.month}-${p.day} ${p.hour === '24' ? '00' : p.hour}:${p.minute}:${p.second}`;
}

/** 2026-11-30 (Beijing date). */
export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return '';
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return String(value);
  const p = parts(dateFormat, d);
  return `${p.year}-${p.month}-${p.day}`;
}

const numberFormat = new Intl.NumberFormat('zh-CN');
export const formatNumber = (n: number | null | undefined): string => (n === null || n === undefined ? '' : numberFormat.format(n));

/** 0.1234 → 12.3% */
export const formatRate = (r: number | null | undefined): string => (r === null || r === undefined ? '—' : `${(r * 100).toFixed(1)}%`);
