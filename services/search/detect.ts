// What a query typed into the one search box is: a record id (digits), a USCC (18 characters, its
// check character verified by GB 32100-2015), a document number (文号: the year in some bracket, or
// a number ending in 号), or else part of a subject's name. The key it is looked up by is the one
// the pipeline stores: a document number by the natural key's document-number part (docnoKey, then
// the simplified fold naturalKey applies), so 津市监罚〔2026〕12号 finds 津市监罚[2026]12号.
import { toHalfWidth, normalizeCode } from '../../domain/codes/normalize.ts';
import { checkUscc } from '../../domain/codes/uscc.ts';
import { docnoForm, docnoKey } from '../../domain/clean/docno.ts';
import type { Bilingual } from '../../domain/errors.ts';
import { simplifiedFold } from '../../domain/link/name-key.ts';

export type QueryKind = 'id' | 'uscc' | 'docno' | 'name';

export interface DetectedQuery {
  kind: QueryKind;
  /** What is looked up: the id, the USCC, the document number's key, the name as typed (trimmed). */
  key: string;
  /** For a USCC: whether its check character is right (it is looked up either way). */
  valid?: boolean;
  /** Something the searcher should know (a USCC failing its check, a name too short). */
  hint?: Bilingual;
}

export const KIND_NAMES: Record<QueryKind, Bilingual> = {
  id: { zh: '记录编号', en: 'record id' },
  uscc: { zh: '统一社会信用代码', en: 'USCC' },
  docno: { zh: '文号', en: 'document number' },
  name: { zh: '名称', en: 'name' },
};

/** Trigram search needs three characters to find anything by. */
export const MIN_NAME_CHARS = 3;

const YEAR_IN_BRACKETS = /〔(?:19|20)\d{2}〕/u;

export function detectQuery(raw: string): DetectedQuery {
  const q = raw.trim();
  const compact = toHalfWidth(q).replace(/\s+/g, '');
  if (/^[1-9]\d{0,11}$/.test(compact)) return { kind: 'id', key: compact };
  if (/^[0-9A-Za-z]{18}$/.test(compact)) {
    const code = normalizeCode(compact);
    const valid = checkUscc(code).valid;
    return {
      kind: 'uscc', key: code, valid,
      ...(valid ? {} : {
        hint: {
          zh: `${code} 的校验位不符合 GB 32100-2015，可能输错了一位；仍按原样查找`,
          en: `${code} fails its GB 32100-2015 check character, perhaps a mistyped character; searched as typed`,
        },
      }),
    };
  }
  const formed = docnoForm(compact);
  if (YEAR_IN_BRACKETS.test(formed) || (/\d号$/u.test(formed) && /\p{Script=Han}/u.test(formed))) {
    return { kind: 'docno', key: simplifiedFold(docnoKey(formed, true)) };
  }
  if ([...q].length < MIN_NAME_CHARS)
    return {
      kind: 'name', key: q,
      hint: { zh: `按名称查找至少需要 ${MIN_NAME_CHARS} 个字`, en: `a name search needs at least ${MIN_NAME_CHARS} characters` },
    };
  return { kind: 'name', key: q };
}
