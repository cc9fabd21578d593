// What a template's code cells hold when the subject has no such code. The standard says leave it
// empty, or for a 个体工商户 without a USCC write 00000000000000000X in the USCC column and give the
// registration number; clerks write whatever their office always wrote.
import { USCC_PLACEHOLDER } from '../../../domain/codes/index.ts';

export const PLACEHOLDERS = ['', '无', '/', '-', '——', '不适用', 'N/A', 'null', '000000000000000000', USCC_PLACEHOLDER] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** What fills an absent code cell: the all-zero forms only make sense in the USCC column. */
export function absentCode(p: Placeholder, column: 'uscc' | 'other'): string {
  if (column === 'other' && (p === '000000000000000000' || p === USCC_PLACEHOLDER)) return '无';
  return p;
}
