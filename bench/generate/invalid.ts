// Invalid rows: a copy of a real disclosure with one defect of a kind real extracts have. Each kind
// states the field the factory should reject and the family of reason it should give.
import { substitutions, USCC_ALPHABET } from '../../domain/codes/index.ts';
import { COLUMN } from './channels.ts';
import type { Field } from './channels.ts';
import type { Disclosure } from './disclosure.ts';
import { chineseAmount, renderDate, ymd } from './formats.ts';
import type { DateForm } from './formats.ts';
import { pick } from './random.ts';
import type { Rand } from './random.ts';
import { INVALID_KINDS } from './truth.ts';
import type { RejectFamily, RowInvalidKind } from './truth.ts';
import { UNKNOWN_PENALTY_TYPES } from './vocab-penalty.ts';

/** Required fields (schema `required`) that a careless export leaves empty. */
const BLANKABLE: readonly Field[] = [
  'subject_name', 'decision_no', 'violation_type', 'facts', 'legal_basis', 'penalty_types', 'penalty_content',
  'decision_date', 'valid_until', 'authority_name',
];

/** A kind that fits the disclosure: a wrong check character needs a USCC, an inexact amount a fine. */
export function pickInvalidKind(r: Rand, d: Disclosure): RowInvalidKind {
  return pick(r, INVALID_KINDS.filter((k) => (k !== 'bad_uscc_check' || d.subject !== null) && (k !== 'amount_inexact' || d.fineYuan !== null)));
}

export interface Applied {
  field: Field;
  family: RejectFamily;
}

/** Breaks `cells` in place. The row was rendered with its subject's USCC when kind is bad_uscc_check. */
export function applyInvalid(r: Rand, kind: RowInvalidKind, d: Disclosure, cells: string[], dateForm: DateForm): Applied {
  const [y, m, day] = ymd(d.decisionDay);
  const form: DateForm = dateForm === 'excel' ? 'iso' : dateForm;
  switch (kind) {
    case 'missing_required': {
      const field = pick(r, BLANKABLE);
      cells[COLUMN[field]] = '';
      return { field, family: 'required' };
    }
    case 'bad_uscc_check': {
      // One mistyped character among positions 11–18: the USCC check always catches a single
      // substitution. Not position 10, where MA→M0 would read as a Fujian pilot code (review, not reject).
      const muts = substitutions(d.subject!.uscc, (k) => (k >= 10 ? USCC_ALPHABET : ''));
      cells[COLUMN.subject_uscc] = pick(r, muts).code;
      return { field: 'subject_uscc', family: 'identifier' };
    }
    case 'impossible_date': {
      const bad: [number, number][] = [[2, 30], [2, 31], [4, 31], [6, 31], [9, 31], [11, 31], [13, day > 28 ? 28 : day]];
      if (y % 4 !== 0) bad.push([2, 29]);
      const [bm, bd] = pick(r, bad);
      cells[COLUMN.decision_date] = renderDate(y, bm, bd, form);
      return { field: 'decision_date', family: 'date' };
    }
    case 'future_date': {
      // The decade and year digits swapped, as when typing fast: 2025 → 2052.
      const swapped = Number(String(y).replace(/^(\d\d)(\d)(\d)$/, '$1$3$2'));
      cells[COLUMN.decision_date] = renderDate(swapped, m, day, dateForm);
      return { field: 'decision_date', family: 'date' };
    }
    case 'unknown_penalty_type':
      cells[COLUMN.penalty_types] = pick(r, UNKNOWN_PENALTY_TYPES);
      return { field: 'penalty_types', family: 'codelist' };
    case 'amount_inexact':
      // An amount the clerk did not know exactly (壹万伍仟余元: "over 15,000 yuan"), which no rule
      // may guess. A 大写 amount written exactly (壹万伍仟元整) is read (amount_form v4).
      cells[COLUMN.fine_amount] = chineseAmount(d.fineYuan!).replace(/元整?$/, '余元');
      return { field: 'fine_amount', family: 'amount' };
  }
}
