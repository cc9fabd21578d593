// What clerks type in a code cell when there is no code: 无, a slash, a dash, 不适用, N/A, null,
// a run of zeros, the standard's own 00000000000000000X for an individual business without a USCC.
// None of these is a code; each is read as an empty cell, and the rules for an absent code apply
// (a 个体工商户 without a USCC must then give its registration number).
import { toHalfWidth } from '../codes/normalize.ts';

const WORDS = new Set([
  '无', '暂无', '没有', '空', '空白', '无代码', '无此项', '不详', '未知', '不适用', '未提供', '未登记',
  'N/A', 'NA', 'N.A.', 'NULL', 'NONE', 'NIL', 'NAN', 'UNDEFINED', '#N/A',
]);
// Punctuation alone (/, \, -, ——, …, *, ., 。) and zeros alone, with or without the trailing X of
// the standard's placeholder or a hyphen inside (00000000-0).
const MARKS = /^[/\\\-_—–－~·.。…*＊、]+$/u;
const ZEROS = /^0+(-?0)?X?$/u;

const squeeze = (raw: string): string => toHalfWidth(raw).replace(/[\s\u200B-\u200D\u2060\uFEFF]/g, '').toUpperCase();
// Most cells hold a real code: one that starts with a digit 1–9 cannot be a placeholder, and is
// answered without building anything (this runs on every code cell).
const SURELY_CODE = /^[1-9]/;

export function isCodePlaceholder(raw: string): boolean {
  if (SURELY_CODE.test(raw) || raw.length > 24) return false;
  const v = squeeze(raw);
  return v !== '' && (WORDS.has(v) || MARKS.test(v) || ZEROS.test(v));
}

/** In a date or amount cell: the words and marks, not zeros (a fine of 0 is a value). */
export function isValuePlaceholder(raw: string): boolean {
  if (/^\d/.test(raw) || raw.length > 12) return false;
  const v = squeeze(raw);
  return v !== '' && (WORDS.has(v) || MARKS.test(v));
}
