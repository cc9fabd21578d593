// A record id as typed into a box or a URL: digits only, read as a number only when it fits one
// exactly. Anything else is a plain 400 in the caller's language, never a 500: text (a document
// number, a name) is answered as any path parameter that is not an integer, with a hint to search;
// a longer run of digits (a USCC such as 911201040000013799, which as a JavaScript number would be
// rounded to …013800) is told it is not a record id and to search for it instead.
import { usageError } from '../../domain/errors.ts';

const MAX_ID_DIGITS = 15; // below 2^53: every id of up to 15 digits is exact as a number
const SEARCH_HINT = {
  zh: '统一社会信用代码、名称或文号请在“查询”中查找（GET /api/records/search?q=）',
  en: 'find a record by USCC, name or document number with search (GET /api/records/search?q=)',
};

export function parseRecordId(input: string): number {
  const s = input.trim();
  if (/^[1-9]\d*$/.test(s) && s.length <= MAX_ID_DIGITS) return Number(s);
  const shown = s.length > 60 ? `${s.slice(0, 60)}…` : s;
  if (!/^\d+$/.test(s))
    throw usageError(
      'CDF_REQUEST_INVALID',
      { zh: `路径参数 id 应为整数，收到「${shown}」`, en: `path parameter id must be an integer; got "${shown}"` },
      { in: 'params', parameter: 'id', value: shown, hint: SEARCH_HINT },
    );
  throw usageError(
    'CDF_RECORD_ID_INVALID',
    {
      zh: `“${shown}”不是记录编号：记录编号是不超过 ${MAX_ID_DIGITS} 位的数字，如 1024；${SEARCH_HINT.zh}`,
      en: `"${shown}" is not a record id: a record id is a number of at most ${MAX_ID_DIGITS} digits such as 1024; ${SEARCH_HINT.en}`,
    },
    { in: 'params', parameter: 'id', value: shown, expected: '1024', hint: SEARCH_HINT },
  );
}
