// Document numbers (文号) as clerks type them: the year in any bracket or none, 第 before the
// sequence or not, leading zeros, full-width digits, spaces inside, 号 forgotten. Two things are
// kept apart on purpose. The cleaned value (docnoForm) changes only what is typing and nothing a
// reader would call part of the number: brackets, spaces, a missing 号. The matching key
// (docnoKey) also folds what clerks of one authority write both ways for one document — 第 before
// the sequence, leading zeros, 字 before the year — so copies of one decision meet, while the
// record still shows the number as its chosen source wrote it.
import { toHalfWidth } from '../codes/normalize.ts';

/** A change of docnoKey changes natural keys: bump it, and the keys held are computed again.
 * v2: the year in the brackets of titles and quotations too (《2024》, 〈2024〉, 「2024」, 『2024』). */
export const DOCNO_KEY_VERSION = 2;

const INVISIBLE = /[\s\u200B-\u200D\u2060\uFEFF]/g;
const OPEN = '[\\[【(〔〖［（{《〈「『]';
const CLOSE = '[\\]】)〕〗］）}》〉」』]';
const YEAR = '((?:19|20)\\d{2})';
const BRACKETED_YEAR = new RegExp(`${OPEN}${YEAR}年?${CLOSE}`, 'gu');
// No bracket at all: an agency's Chinese prefix, then the year, then the sequence. The year is
// always four digits, so 津应急罚2024125号 reads as 〔2024〕125号. The prefix must end in a Chinese
// character: a licence number such as JY2019123456 is not a document number to reshape.
// The prefix is the shortest that fits: 津滨市场监管罚2025第19080号 is 〔2025〕 and 19080, not a
// prefix running on to 第 and a "year" 1908 found inside the sequence.
const BARE_YEAR = new RegExp(`^(.*?\\p{Script=Han})${YEAR}年?[-_.]?(第?\\d{1,7}号?)$`, 'u');
const ENDS_IN_SEQUENCE = /〔\d{4}〕第?\d+$/u;

/** The cleaned form: half width, no spaces, the year in 〔〕, 号 at the end of a sequence. */
export function docnoForm(raw: string): string {
  let v = toHalfWidth(raw).replace(INVISIBLE, '');
  v = v.replace(BRACKETED_YEAR, '〔$1〕');
  if (!v.includes('〔')) {
    const m = BARE_YEAR.exec(v);
    if (m) v = `${m[1]}〔${m[2]}〕${m[3]}`;
  }
  if (ENDS_IN_SEQUENCE.test(v)) v += '号';
  return v;
}

/** The matching key of a document number (for natural keys and near-duplicate search). A value
 * the docno_form rule has cleaned may say so and skip forming it again. */
export function docnoKey(raw: string, formed = false): string {
  return (formed ? raw : docnoForm(raw))
    .replace(/字?第?(?=〔)/u, '')
    .replace(/第(?=\d)/gu, '')
    .replace(/〕0+(?=\d)/u, '〕')
    .replace(/(^|\D)0+(?=\d+号$)/u, '$1')
    .toUpperCase();
}
