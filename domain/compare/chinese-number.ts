// Amounts written in Chinese numerals, as clerks copy them from the decision's own text
// (罚款人民币贰仟元整, 叁万伍仟元, 一万二千五百元): to an exact decimal string. Only what is
// needed to compare a restated amount with its figures; anything unreadable gives null.
const DIGITS: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, 一: 1, 壹: 1, 二: 2, 贰: 2, 两: 2, 三: 3, 叁: 3, 四: 4, 肆: 4,
  五: 5, 伍: 5, 六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const UNITS: Readonly<Record<string, number>> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };

/** A Chinese-numeral amount in text: it starts with a digit or unit (万 alone is no amount) and
 * may go on with 万 and 亿. */
export const CHINESE_NUMERAL =
  `[${Object.keys(DIGITS).join('')}${Object.keys(UNITS).join('')}]` +
  `[${Object.keys(DIGITS).join('')}${Object.keys(UNITS).join('')}万亿]*`;

/** Below 10,000: 贰仟零伍拾 → 2050, 十五 → 15. */
function small(s: string): number | null {
  let total = 0;
  let digit: number | null = null;
  for (const ch of s) {
    if (ch in DIGITS) {
      digit = DIGITS[ch]!;
    } else if (ch in UNITS) {
      total += (digit ?? 1) * UNITS[ch]!;
      digit = null;
    } else {
      return null;
    }
  }
  return total + (digit ?? 0);
}

/** 叁万伍仟 → 35000; 一亿二千万 → 120000000; null when it is not a numeral. */
export function chineseNumber(s: string): number | null {
  if (!s) return null;
  let rest = s;
  let total = 0;
  for (const [unit, scale] of [['亿', 1e8], ['万', 1e4]] as const) {
    const at = rest.indexOf(unit);
    if (at < 0) continue;
    const part = at === 0 ? 1 : small(rest.slice(0, at));
    if (part === null) return null;
    total += part * scale;
    rest = rest.slice(at + 1);
  }
  const tail = rest ? small(rest) : 0;
  return tail === null ? null : total + tail;
}
