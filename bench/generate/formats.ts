// How one true value is written in the many ways agencies write it. Each renderer is exact: the
// written text always denotes the true value (the ground truth records the value, the noise list
// records the form), except the invalid forms, which are meant to be rejected.

export type DateForm = 'iso' | 'slash' | 'cn' | 'compact' | 'dot' | 'excel';
export type AmountForm = 'plain' | 'wan' | 'wanShort' | 'yuan' | 'grouped';
export type Brackets = '〔〕' | '［］' | '【】' | '（）' | '()' | '[]';

const DAY = 86_400_000;
const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Dates travel as whole days since 1970-01-01 (UTC), so no time zone ever shifts them. */
export const dayOf = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / DAY;
/** Civil date of a day number (H. Hinnant's days_from_civil inverse): no Date object, as this runs
 *  several times per row. */
export function ymd(day: number): [number, number, number] {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}
export const isoDay = (day: number): string => {
  const [y, m, d] = ymd(day);
  return `${y}-${pad2(m)}-${pad2(d)}`;
};
/** The day before the same date `months` later: a one-year penalty from 2025-03-12 runs to 2026-03-11. */
export function addMonthsMinusDay(day: number, months: number): number {
  const [y, m, d] = ymd(day);
  return Date.UTC(y, m - 1 + months, d) / DAY - 1;
}

/** Excel's serial day number (1900 date system; day 1 = 1900-01-01, counting the fictitious 1900-02-29). */
const EXCEL_EPOCH = dayOf(1899, 12, 30);

/** Renders year, month, day (not necessarily a real date: invalid rows use 2023-02-30). */
export function renderDate(y: number, m: number, d: number, form: DateForm): string {
  switch (form) {
    case 'iso': return `${y}-${pad2(m)}-${pad2(d)}`;
    case 'slash': return `${y}/${m}/${d}`;
    case 'cn': return `${y}年${m}月${d}日`;
    case 'compact': return `${y}${pad2(m)}${pad2(d)}`;
    case 'dot': return `${y}.${pad2(m)}.${pad2(d)}`;
    case 'excel': return String(dayOf(y, m, d) - EXCEL_EPOCH);
  }
}

/** Yuan (an integer) as 万元 text, exact: 15000 → "1.5", 50 → "0.005". */
export function wanText(yuan: number): string {
  const whole = Math.floor(yuan / 10_000);
  const frac = String(yuan % 10_000).padStart(4, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : String(whole);
}

const group3 = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

export function renderAmount(yuan: number, form: AmountForm): string {
  const wan = wanText(yuan);
  switch (form) {
    case 'plain': return wan;
    case 'wan': return wan + '万元';
    case 'wanShort': return wan + '万';
    case 'yuan': return `${yuan}元`;
    case 'grouped': {
      // Accounting style in the 万元 column: thousands separators and at least two decimals.
      const [whole, frac = ''] = wan.split('.');
      return `${group3(whole!)}.${frac.padEnd(2, '0')}`;
    }
  }
}

const CN_DIGITS = '零壹贰叁肆伍陆柒捌玖';
const CN_UNITS = ['', '拾', '佰', '仟'];

/** Upper-case Chinese numerals (大写), as on cheques: 10000 → 壹万元整. */
export function chineseAmount(yuan: number): string {
  const section = (n: number): string => {
    let out = '';
    let zero = false;
    for (let k = 3; k >= 0; k--) {
      const dgt = Math.floor(n / 10 ** k) % 10;
      if (dgt === 0) { zero = out !== ''; continue; }
      if (zero) { out += '零'; zero = false; }
      out += CN_DIGITS[dgt]! + CN_UNITS[k]!;
    }
    return out;
  };
  const high = Math.floor(yuan / 10_000);
  const low = yuan % 10_000;
  let s = high ? section(high) + '万' : '';
  if (low) s += (high && low < 1000 ? '零' : '') + section(low);
  return (s || '零') + '元' + (yuan % 10 === 0 ? '整' : '');
}

const toFullWidthDigits = (s: string): string => s.replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** 津市场监管罚〔2025〕123号 and its variants. */
export function renderDocno(prefix: string, year: number, seq: number, brackets: Brackets, fullWidthDigits: boolean): string {
  const [open, close] = [...brackets] as [string, string];
  const text = `${prefix}${open}${year}${close}${seq}号`;
  return fullWidthDigits ? toFullWidthDigits(text) : text;
}
