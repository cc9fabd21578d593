// Rewrites one rendered row as its sender's habits write it (habits.ts), and keeps its truth
// exact: every change is a noise tag, and the two that are not formatting say so — a typo in the
// document number (docno:typo, a real difference) and a resident ID whose check fails (invalid).
import { USCC_PLACEHOLDER } from '../../../domain/codes/index.ts';
import { COLUMN } from '../channels.ts';
import type { Field } from '../channels.ts';
import type { Disclosure } from '../disclosure.ts';
import { chance, int, pick, rngFor } from '../random.ts';
import type { RenderedRow } from '../rows.ts';
import { CONTENT_FORMS, contentText } from './content-forms.ts';
import { docnoTags, docnoTypo, renderDocnoForm, YEAR_BRACKETS } from './docno-forms.ts';
import type { DocnoForm } from './docno-forms.ts';
import type { Habits } from './habits.ts';
import { CITY_PREFIXES, nameForm } from './name-forms.ts';
import { absentCode, PLACEHOLDERS } from './placeholders.ts';
import { firstGeneration, wrongCheck } from './ric-forms.ts';

export const AGENCY_ROW_STREAM = 6;
/** Per copy after the first of a disclosure: the document number typed with a typo. */
const DOCNO_TYPO = 0.004;
/** Per natural-person row: a 15-digit first-generation ID; a check character that fails. */
const RIC_15 = 0.15;
const RIC_BAD = 0.05;
const CODE_CELLS: readonly Field[] = ['subject_uscc', 'subject_regno', 'subject_orgcode', 'subject_taxno'];

export interface CopyContext {
  d: Disclosure;
  copy: number;
  habits: Habits;
  /** Whether a defect may be planted (not on a disclosure with a planted conflict). */
  allowInvalid: boolean;
}

function anyDocnoForm(r: () => number): DocnoForm {
  return {
    brackets: pick(r, YEAR_BRACKETS), di: chance(r, 0.5), pad: pick(r, [0, 3, 4] as const),
    fullWidth: chance(r, 0.2), spaces: chance(r, 0.2), noHao: chance(r, 0.15),
  };
}

const yuanOfWan = (wan: string): number => Math.round(Number(wan) * 10_000);

export function agencyRow(seed: number, c: CopyContext, row: RenderedRow): void {
  const { d, habits: h } = c;
  const { cells, truth } = row;
  const r = rngFor(seed, AGENCY_ROW_STREAM, d.id, c.copy);
  const keep = (f: Field): boolean => truth.rejectField !== f;
  const noise = truth.noise.filter((t) => t !== 'docno:brackets' && t !== 'docno:fullwidth');

  if (keep('decision_no')) {
    const form = chance(r, h.deviate) ? anyDocnoForm(r) : h.docno;
    const typo = c.copy > 0 && chance(r, DOCNO_TYPO);
    cells[COLUMN.decision_no] = renderDocnoForm(typo ? docnoTypo(d.authority.docPrefix) : d.authority.docPrefix, d.year, d.seq, form);
    noise.push(...docnoTags(form), ...(typo ? ['docno:typo'] : []));
  }
  if (keep('penalty_content')) {
    const form = chance(r, h.deviate) ? pick(r, CONTENT_FORMS) : h.content;
    const fine = truth.conflictField === 'fine_amount' ? yuanOfWan(truth.conflictValue!) : d.fineYuan;
    cells[COLUMN.penalty_content] = contentText(d, fine, form);
    if (form !== 'canonical' && (d.fineYuan !== null || d.confiscatedYuan !== null)) noise.push(`content:${form}`);
  }
  const placeholder = chance(r, h.deviate) ? pick(r, PLACEHOLDERS) : h.placeholder;
  let placed = false;
  // The standard: an individual business writing a placeholder for its USCC must give its
  // registration number. Without one the row is invalid, where a defect may be planted; elsewhere
  // the clerk leaves the USCC cell empty.
  const soleTrader = cells[COLUMN.subject_category] === '个体工商户' && cells[COLUMN.subject_regno] === '';
  const mayBreak = c.allowInvalid && truth.valid && truth.invalidKind === undefined;
  for (const f of CODE_CELLS) {
    const v = cells[COLUMN[f]]!;
    if (!keep(f) || (v !== '' && v !== USCC_PLACEHOLDER)) continue;
    if (f === 'subject_uscc' && soleTrader && !mayBreak) continue;
    const text = absentCode(placeholder, f === 'subject_uscc' ? 'uscc' : 'other');
    if (f === 'subject_uscc' && soleTrader && text !== '') {
      Object.assign(truth, { valid: false, invalidKind: 'placeholder_without_regno', rejectField: 'subject_regno', rejectFamily: 'required' });
    }
    cells[COLUMN[f]] = text;
    if (text !== '' && text !== USCC_PLACEHOLDER) placed = true;
  }
  if (placed) noise.push('code:placeholder');

  if (keep('subject_name')) {
    const deviate = chance(r, h.deviate);
    const prefix = deviate ? pick(r, CITY_PREFIXES) : h.prefix;
    const named = nameForm(r, cells[COLUMN.subject_name]!, {
      // Only where a good code says who it is: a name without its district may fit several subjects,
      // and a mistyped USCC is repaired only through the name.
      prefix,
      dropDistrict: h.dropDistrict && prefix !== '' && !['name', 'ric'].includes(truth.subjectBy) && truth.invalidKind === undefined,
      invisible: chance(r, 0.03), asciiBrackets: deviate ? chance(r, 0.5) : h.asciiBrackets,
    });
    cells[COLUMN.subject_name] = named.text;
    noise.push(...named.noise);
  }
  if (d.person && truth.valid && keep('subject_id_no')) {
    const x = r();
    const old = firstGeneration(d.person.ric);
    if (x < RIC_BAD && c.allowInvalid && truth.invalidKind === undefined) {
      cells[COLUMN.subject_id_no] = wrongCheck(d.person.ric, int(r, 10));
      Object.assign(truth, { valid: false, invalidKind: 'bad_ric_check', rejectField: 'subject_id_no', rejectFamily: 'identifier' });
    } else if (x < RIC_BAD + RIC_15 && old) {
      cells[COLUMN.subject_id_no] = old;
      noise.push('ric:15');
    }
  }
  templateHabits(h, truth.rejectField, cells, noise);
  exportArtifacts(h, cells, noise);
  truth.noise = noise;
}

/** What an office's own template does: the 2016 wording of the category, 0 for an absent amount. */
function templateHabits(h: Habits, rejectField: Field | undefined, cells: string[], noise: string[]): void {
  if (h.oldCategory && cells[COLUMN.subject_category] === '法人及非法人组织') {
    cells[COLUMN.subject_category] = '法人及其他组织';
    noise.push('category:legacy');
  }
  if (h.zeroForNone) {
    let zero = false;
    for (const f of ['fine_amount', 'confiscated_amount'] as const) {
      if (cells[COLUMN[f]] === '' && rejectField !== f) {
        cells[COLUMN[f]] = '0';
        zero = true;
      }
    }
    if (zero) noise.push('amount:zero');
  }
}

const ISO_OR_SLASH = /^\d{4}[-/]\d{1,2}[-/]\d{1,2}$/;
const TEXT_CELLS: readonly Field[] = [...CODE_CELLS, 'subject_id_no'];

/** What the office's export tool leaves: Excel's text markers before codes (' or a tab), and a
 *  midnight time after dates read from a database's datetime columns. */
function exportArtifacts(h: Habits, cells: string[], noise: string[]): void {
  if (h.textPrefix) {
    let marked = false;
    for (const f of TEXT_CELLS) {
      const v = cells[COLUMN[f]]!;
      if (/^[0-9A-Za-z]{15,18}$/.test(v) && v !== USCC_PLACEHOLDER && !/^0+$/.test(v)) {
        cells[COLUMN[f]] = h.textPrefix + v;
        marked = true;
      }
    }
    if (marked) noise.push('code:textprefix');
  }
  if (h.dateTime) {
    let timed = false;
    for (const f of ['decision_date', 'valid_until', 'publicity_until'] as const) {
      const v = cells[COLUMN[f]]!;
      if (ISO_OR_SLASH.test(v)) {
        cells[COLUMN[f]] = `${v} 00:00:00`;
        timed = true;
      }
    }
    if (timed) noise.push('date:time');
  }
}
