// Comparing what two copies mean rather than how they were typed. Free text such as 处罚内容
// restates the penalty types and the fine, and every clerk writes the fine differently:
// 罚款0.2万元, 罚款0.20万元, 罚款2000元, 罚款2,000.00元, 处以罚款人民币贰仟元整. Those say the same
// thing and must not make a conflict; 罚款2000元 against 罚款3000元, or 警告 against 罚款, must.
// A dataset names, per material field, the fold its values are compared by (`compare:` in
// catalog/datasets/*.yaml); the stored value is never changed by it.
import { simplifiedFold } from '../link/name-key.ts';
import { remembered } from '../memo.ts';
import { CHINESE_NUMERAL, chineseNumber } from './chinese-number.ts';

/** A change of any fold changes content hashes: bump it, and the hashes held are computed again. */
export const MEANING_FOLD_VERSION = 1;

/** Exact decimal without trailing zeros: "40.00" → "40", "0.20" → "0.2". */
function plain(n: string): string {
  return n.includes('.') ? n.replace(/0+$/, '').replace(/\.$/, '') : n;
}

/** A decimal string times 10^places, exactly (no floating point). */
function shiftRight(n: string, places: number): string {
  const [int = '0', frac = ''] = n.split('.');
  const digits = int + frac.padEnd(places, '0');
  const point = int.length + places;
  const whole = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  return plain(`${whole}.${digits.slice(point)}`);
}

const NUMERAL_AMOUNT = new RegExp(`(${CHINESE_NUMERAL})(万?)元`, 'gu');
const DIGIT_AMOUNT = /(\d+(?:\.\d+)?)(万?)元/gu;

/** Every amount of money, in yuan, as ¥<exact number>: 0.2万元, 2000元 and 贰仟元 all → ¥2000. */
function amountsInYuan(text: string): string {
  return text
    .replace(NUMERAL_AMOUNT, (m, numerals: string, wan: string) => {
      const n = chineseNumber(numerals);
      return n === null ? m : `¥${shiftRight(String(n), wan ? 4 : 0)}`;
    })
    .replace(DIGIT_AMOUNT, (_m, n: string, wan: string) => `¥${shiftRight(n, wan ? 4 : 0)}`);
}

/** Free text that restates numbers: compared after numbers, units, width, script, punctuation,
 * spaces and a few filler words that change nothing (人民币, 整, 处以/给予/予以/并处, 罚款 before an
 * amount) are folded. The same few hundred phrasings (罚款2000元, 警告) recur across a batch: they
 * are remembered, so folding them (script conversion above all) is paid once per phrasing. */
export const restatedText = remembered(foldRestated);

function foldRestated(v: string): string {
  let s = simplifiedFold(v).replace(/(\d),(?=\d{3}(?!\d))/g, '$1');
  s = s.replace(/人民币|RMB|[¥￥]/giu, '');
  s = amountsInYuan(s).replace(/元?整/gu, '');
  s = s.replace(/\d+\.\d+/g, (n) => plain(n));
  // 罚款 before an amount is what an amount in 处罚内容 is anyway (人民币2000元 restates the fine);
  // other penalties (没收违法所得2000元) keep their words.
  return s.replace(/处以|给予|予以|并处|罚款(?=¥)/gu, '').replace(/[\p{P}\p{S}\s]/gu, (c) => (c === '¥' ? c : ''));
}

/** The folds a dataset may name for a field, by name. */
export const MEANING_FOLDS = { restated_text: restatedText } as const;
export type MeaningFold = keyof typeof MEANING_FOLDS;

export function isMeaningFold(name: string): name is MeaningFold {
  return Object.hasOwn(MEANING_FOLDS, name);
}
