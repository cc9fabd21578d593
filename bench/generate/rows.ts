// Renders one copy of a disclosure as one row of one channel's file, with its noise, and says what
// the row truly is. Every random choice comes from the copy's own PRNG (seed, disclosure, copy).
import { USCC_PLACEHOLDER } from '../../domain/codes/index.ts';
import { COLUMN, FIELD_NAMES, FILE_SPECS } from './channels.ts';
import type { Field, FileSpec } from './channels.ts';
import type { Disclosure } from './disclosure.ts';
import { dayOf, isoDay, renderAmount, renderDate, renderDocno, wanText, ymd } from './formats.ts';
import type { AmountForm, Brackets, DateForm } from './formats.ts';
import { applyInvalid, pickInvalidKind } from './invalid.ts';
import { noisyCode, noisyName } from './noise.ts';
import { chance, between, pick, rngFor, Stream, weighted } from './random.ts';
import type { Rand } from './random.ts';
import type { Rates } from './rates.ts';
import type { ConflictField, SubjectBy, TruthRow } from './truth.ts';

const BRACKETS: Brackets[] = ['〔〕', '［］', '【】', '（）', '()', '[]'];
const DATE_FORMS: DateForm[] = ['iso', 'slash', 'cn', 'compact', 'dot'];
const AMOUNT_FORMS: AmountForm[] = ['wan', 'wanShort', 'yuan', 'grouped'];
const FIRST_DAY = dayOf(2023, 1, 1);
// How a row names its subject when not by the USCC alone (social organisations have no regno).
const BY_INDIVIDUAL: Readonly<Record<string, number>> = { uscc_all: 3, regno: 1, name: 2 };
const BY_ENTERPRISE: Readonly<Record<string, number>> = { uscc_all: 4, orgcode: 5, regno: 3, taxno: 4, name: 3 };
const BY_SOCIAL: Readonly<Record<string, number>> = { uscc_all: 4, orgcode: 5, taxno: 4, name: 3 };
// A row that deviates from its file's usual form picks among the others.
const otherBrackets = new Map(FILE_SPECS.map((s) => [s.file, BRACKETS.filter((b) => b !== s.brackets)]));
const otherDates = new Map(FILE_SPECS.map((s) => [s.file, DATE_FORMS.filter((f) => f !== s.dateForm)]));

function subjectBy(r: Rand, d: Disclosure, rates: Rates, forceUscc: boolean): SubjectBy {
  const s = d.subject;
  if (!s) return 'ric';
  if (forceUscc) return 'uscc';
  if (s.kind === 'individual' && chance(r, rates.placeholder)) return 'placeholder_regno';
  if (!chance(r, rates.subjectOther)) return 'uscc';
  return weighted(r, s.kind === 'individual' ? BY_INDIVIDUAL : s.regno ? BY_ENTERPRISE : BY_SOCIAL) as SubjectBy;
}

/** The value a conflicting copy carries instead of the true one: clearly different, still plausible. */
function conflictingValue(r: Rand, d: Disclosure, field: ConflictField): number {
  if (field === 'fine_amount') {
    const y = d.fineYuan!;
    const alt = pick(r, [y * 10, Math.max(100, Math.round(y / 200) * 100), y + 1000]);
    return alt === y ? y + 1000 : alt;
  }
  // Earlier, never later: a later date could land in the future, which is a different defect.
  const shift = between(r, 1, 20) * (d.decisionDay - 20 >= FIRST_DAY ? -1 : 1);
  return d.decisionDay + shift;
}

// Module-level helpers rather than closures in renderCopy: tsx (esbuild keepNames) wraps every
// named closure in a defineProperty call, which showed up at several percent of generation time.
function put(cells: string[], f: Field, v: string): void {
  cells[COLUMN[f]] = v;
}

function putCode(r: Rand, rates: Rates, cells: string[], noise: string[], f: Field, v: string): void {
  const n = noisyCode(r, v, rates);
  cells[COLUMN[f]] = n.text;
  if (n.noise.length) noise.push(...n.noise);
}

export interface RenderedRow {
  cells: string[];
  truth: Omit<TruthRow, 'row'>;
}

export function renderCopy(
  seed: number, d: Disclosure, copy: number, spec: FileSpec, rates: Rates, conflict: ConflictField | null, allowInvalid: boolean,
): RenderedRow {
  const r = rngFor(seed, Stream.row, d.id, copy);
  const noise: string[] = [];
  const cells: string[] = new Array<string>(FIELD_NAMES.length).fill('');
  const invalidKind = allowInvalid && chance(r, rates.invalid) ? pickInvalidKind(r, d) : null;
  const s = d.subject;
  const by = subjectBy(r, d, rates, invalidKind === 'bad_uscc_check');
  if (s) {
    if (by === 'uscc' || by === 'uscc_all') putCode(r, rates, cells, noise, 'subject_uscc', s.uscc);
    if (by === 'uscc_all' || by === 'regno') putCode(r, rates, cells, noise, 'subject_regno', s.regno);
    if (by === 'uscc_all' || by === 'orgcode')
      putCode(r, rates, cells, noise, 'subject_orgcode', chance(r, 0.3) ? `${s.orgcode.slice(0, 8)}-${s.orgcode.slice(8)}` : s.orgcode);
    if (by === 'taxno') putCode(r, rates, cells, noise, 'subject_taxno', s.district + s.orgcode);
    if (by === 'placeholder_regno') { put(cells, 'subject_uscc', USCC_PLACEHOLDER); putCode(r, rates, cells, noise, 'subject_regno', s.regno); }
  } else {
    put(cells, 'subject_id_type', '身份证');
    put(cells, 'subject_id_no', d.person!.ric);
  }
  const traditional = spec.channel === 'national_vertical' && chance(r, rates.traditional);
  const name = noisyName(r, s?.name ?? d.person!.name, rates, traditional, true);
  put(cells, 'subject_name', name.text);
  noise.push(...name.noise);
  if (s) put(cells, 'legal_rep', traditional ? noisyName(r, s.legalRep, rates, true, false).text : s.legalRep);
  put(cells, 'subject_category', d.category);

  const brackets = chance(r, rates.docnoBrackets) ? pick(r, otherBrackets.get(spec.file)!) : spec.brackets;
  const fullWidth = chance(r, rates.docnoFullWidth);
  put(cells, 'decision_no', renderDocno(d.authority.docPrefix, d.year, d.seq, brackets, fullWidth));
  if (brackets !== '〔〕') noise.push('docno:brackets');
  if (fullWidth) noise.push('docno:fullwidth');
  put(cells, 'violation_type', d.violation.type);
  put(cells, 'facts', d.facts);
  put(cells, 'legal_basis', d.violation.basis);
  const sep = chance(r, rates.typesSeparator) ? pick(r, ['、', '；', ',']) : ';';
  put(cells, 'penalty_types', d.penaltyTypes.join(sep));
  if (sep !== ';' && d.penaltyTypes.length > 1) noise.push('types:separator');
  put(cells, 'penalty_content', d.content);

  const amountForm: AmountForm = chance(r, rates.amountForm) ? pick(r, AMOUNT_FORMS) : 'plain';
  if (amountForm !== 'plain' && (d.fineYuan !== null || d.confiscatedYuan !== null)) noise.push(`amount:${amountForm}`);
  let fine = d.fineYuan;
  let decisionDay = d.decisionDay;
  let conflictValue: string | undefined;
  if (conflict === 'fine_amount') conflictValue = wanText(fine = conflictingValue(r, d, conflict));
  if (conflict === 'decision_date') conflictValue = isoDay(decisionDay = conflictingValue(r, d, conflict));
  if (fine !== null) put(cells, 'fine_amount', renderAmount(fine, amountForm));
  if (d.confiscatedYuan !== null) put(cells, 'confiscated_amount', renderAmount(d.confiscatedYuan, amountForm));
  if (d.licence) put(cells, 'license_revoked', d.licence);

  const dateForm: DateForm = chance(r, rates.excelDate) ? 'excel'
    : chance(r, rates.dateForm) ? pick(r, otherDates.get(spec.file)!) : spec.dateForm;
  if (dateForm !== 'iso') noise.push(`date:${dateForm}`);
  put(cells, 'decision_date', renderDate(...ymd(decisionDay), dateForm));
  const until = renderDate(...ymd(d.validUntilDay), dateForm);
  put(cells, 'valid_until', until);
  put(cells, 'publicity_until', until);
  put(cells, 'authority_name', d.authority.name);
  put(cells, 'authority_uscc', d.authority.uscc);
  put(cells, 'source_agency_name', spec.sourceName);
  put(cells, 'source_agency_uscc', spec.sourceUscc);
  if (chance(r, rates.newline)) {
    put(cells, 'remarks', '经听证，\n维持原处罚决定');
    noise.push('cell:newline');
  }

  const truth: Omit<TruthRow, 'row'> = {
    disclosureId: d.id, trueSubjectUscc: s?.uscc ?? null, subjectBy: by,
    resolvable: by !== 'ric' && !(by === 'name' && name.noise.includes('name:typo')),
    // A mistyped subject USCC in a row that writes the subject's name without a typo is repaired
    // by the link step through the registry (issue 5): the row is good data with a flag, not a reject.
    valid: invalidKind === null || (invalidKind === 'bad_uscc_check' && !name.noise.includes('name:typo')), noise,
  };
  if (invalidKind) {
    const applied = applyInvalid(r, invalidKind, d, cells, dateForm);
    Object.assign(truth, { invalidKind, rejectField: applied.field, rejectFamily: applied.family });
  }
  if (conflict) Object.assign(truth, { conflictField: conflict, conflictValue });
  return { cells, truth };
}

