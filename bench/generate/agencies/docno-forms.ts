// Document numbers (文号) as clerks type them. One disclosure's number has one canonical text
// (津环罚字〔2024〕125号); each form below changes only its punctuation and digits' typography, so
// canonicalDocno() of any form gives the canonical text back. A typo (docnoTypo) is the one
// change that is not formatting: it is a real difference a steward must judge.

export type YearBrackets = '〔〕' | '[]' | '【】' | '()' | '（）' | '［］' | '';

export interface DocnoForm {
  brackets: YearBrackets;
  /** 第 before the sequence number. */
  di: boolean;
  /** Sequence padded with zeros to this width (0: not padded). */
  pad: 0 | 3 | 4;
  /** Full-width digits and letters (ＡＢ１２), as an IME in full-width mode types them. */
  fullWidth: boolean;
  /** Spaces around the year, as when the template's cells were pasted together. */
  spaces: boolean;
  /** The closing 号 left off. */
  noHao: boolean;
}

export const CANONICAL_FORM: DocnoForm = { brackets: '〔〕', di: false, pad: 0, fullWidth: false, spaces: false, noHao: false };
export const YEAR_BRACKETS: readonly YearBrackets[] = ['〔〕', '[]', '【】', '()', '（）', '［］', ''];

const toFullWidth = (s: string): string => s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

export function renderDocnoForm(prefix: string, year: number, seq: number, f: DocnoForm): string {
  const [open = '', close = ''] = [...f.brackets];
  const sp = f.spaces ? ' ' : '';
  const num = f.pad ? String(seq).padStart(f.pad, '0') : String(seq);
  const text = `${prefix}${sp}${open}${year}${close}${sp}${f.di ? '第' : ''}${num}${f.noHao ? '' : '号'}`;
  return f.fullWidth ? toFullWidth(text) : text;
}

/** The noise tags a form carries, one per way it departs from the canonical form. */
export function docnoTags(f: DocnoForm): string[] {
  const tags: string[] = [];
  if (f.brackets !== '〔〕') tags.push(f.brackets === '' ? 'docno:nobrackets' : 'docno:brackets');
  if (f.di) tags.push('docno:di');
  if (f.pad) tags.push('docno:zeros');
  if (f.fullWidth) tags.push('docno:fullwidth');
  if (f.spaces) tags.push('docno:space');
  if (f.noHao) tags.push('docno:nohao');
  return tags;
}

// Same-sounding or look-alike characters a fast typist puts in a prefix: 罚→法, 环→环保, 税→锐.
const PREFIX_TYPOS: Readonly<Record<string, string>> = { 罚: '法', 环: '坏', 税: '锐', 监: '检', 滨: '宾', 字: '子', 场: '扬' };

/** A one-character typo in the prefix: never another disclosure's number (no real prefix has it). */
export function docnoTypo(prefix: string): string {
  const chars = [...prefix];
  for (let k = chars.length - 1; k >= 1; k--) {
    const to = PREFIX_TYPOS[chars[k]!];
    if (to) {
      chars[k] = to;
      return chars.join('');
    }
  }
  return prefix + '罚';
}

/** Undoes every formatting difference a DocnoForm can make (for tests and the scorer's reading). */
export function canonicalDocno(text: string): string {
  const half = text.replace(/[０-９Ａ-Ｚａ-ｚ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\s/g, '');
  const m = /^(.*?)[〔[【(（［]?(\d{4})[〕\]】)）］]?第?0*(\d+)号?$/.exec(half);
  return m ? `${m[1]}〔${m[2]}〕${m[3]}号` : half;
}
