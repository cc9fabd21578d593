// Cleaning rules are data: an id, a version and a pure function of one value. A rule that changes
// a value is recorded per row and field (rule id, version, before, after); a new behaviour is a
// new version, so old batches keep the versions they ran with.
import { toHalfWidth } from '../codes/normalize.ts';

export interface CleanRule {
  id: string;
  version: number;
  apply(value: string): string;
}

const rule = (id: string, version: number, apply: (v: string) => string): CleanRule => ({ id, version, apply });

export const trimSpaces = rule('trim_spaces', 1, (v) => v.replace(/[\s\u3000]+/g, ' ').trim());
export const halfWidth = rule('half_width', 1, (v) => toHalfWidth(v));
export const codeForm = rule('code_form', 1, (v) => v.replace(/[\s\-－–—]/g, '').toUpperCase());
/** Document numbers: one bracket form for the year, 〔2023〕, whatever the agency typed. */
export const docnoBrackets = rule('docno_brackets', 1, (v) =>
  v.replace(/\s+/g, '').replace(/[\[［【（(〔]\s*(\d{4})\s*[\]］】）)〕]/g, '〔$1〕'));

const pad = (n: string): string => n.padStart(2, '0');
/** Dates in the forms agencies write, to ISO; anything else is left for the schema to refuse. */
export const isoDate = rule('iso_date', 1, (v) => {
  const s = v.trim();
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(s);
  if (m) return `${m[1]}-${pad(m[2]!)}-${pad(m[3]!)}`;
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  return s;
});
/** 长期 / 永久 / 无期限 as an end date: the standard writes an indefinite end as 2099-12-31. */
export const indefiniteDate = rule('indefinite_date', 1, (v) => (/^(长期|永久|无期限|长期有效)$/.test(v.trim()) ? '2099-12-31' : v));

/** Amounts in 万元 (the standard's unit): "1.5万元", "1,500.00" → "1.5", "1500". */
export const amountForm = rule('amount_form', 1, (v) => {
  const s = v.replace(/[,，\s]/g, '').replace(/万元$|万$/, '');
  return /^\d+(\.\d+)?$/.test(s) ? s.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '') : v;
});

/** Rules applied to a field of each kind, in order. */
export const RULES_BY_KIND: Record<string, readonly CleanRule[]> = {
  text: [trimSpaces],
  uscc: [halfWidth, codeForm],
  code: [halfWidth, codeForm],
  docno: [halfWidth, trimSpaces, docnoBrackets],
  date: [halfWidth, trimSpaces, indefiniteDate, isoDate],
  amount: [halfWidth, trimSpaces, amountForm],
};
